package org.fusedsim.net.fifo;

/** Where RoQ's Messaging Unit FIFOs sit on each node. */
public enum FifoLayout {
  /**
   * RoQ on numbers that PAMI also claims by number (its global resources in subgroups 64-65), as
   * before the FusedOS move. A reconstruction: bgq-facts.md does not give RoQ's pre-move numbers,
   * so this layout keeps RoQ's FIFO counts and overlaps PAMI's fixed claims.
   */
  ORIGINAL,
  /**
   * The released prototype: RoQ in subgroups 58-63, clear of PAMI's 64-65 and of the system's
   * 66-67.
   */
  FUSEDOS
}
