package org.fusedsim.bgq.torus;

/**
 * Which way a message goes in a torus dimension when both ways are equally short (an even extent,
 * destination exactly half-way round).
 */
public enum TieBreak {
  /** Always the plus direction: simple and reproducible, but loads only the plus links. */
  PLUS,
  /** Plus from an even source coordinate, minus from an odd one, spreading antipodal traffic. */
  SOURCE_PARITY,
  /**
   * Half the message each way: every tied dimension plus for one half and minus for the other (two
   * half flows at the flow level; at the packet level a node's packets to tied destinations take
   * the two halves in turn, across messages), so equidistant traffic loads both directions of a
   * ring. Packets of one message then arrive out of order, as on the dynamic virtual channels.
   */
  SPLIT
}
