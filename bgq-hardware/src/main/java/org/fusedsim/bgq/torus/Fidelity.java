package org.fusedsim.bgq.torus;

/** The level of detail of the torus model. */
public enum Fidelity {
  /** Every packet hop by hop, with link queues, bounded buffers and credits. */
  PACKET,
  /** Messages as flows sharing link bandwidth max-min fairly; for large partitions. */
  FLOW,
  /** Packet level up to {@link #AUTO_PACKET_LIMIT} nodes (a rack), flow level above. */
  AUTO;

  /** The largest partition that {@link #AUTO} simulates packet by packet: one rack. */
  public static final int AUTO_PACKET_LIMIT = 1024;

  /** Resolves {@link #AUTO} for a partition of {@code nodes} nodes. */
  public Fidelity resolve(int nodes) {
    if (this != AUTO) {
      return this;
    }
    return nodes <= AUTO_PACKET_LIMIT ? PACKET : FLOW;
  }
}
