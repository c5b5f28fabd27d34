package org.fusedsim.bgq.mu;

/** The two kinds of MU memory FIFO. */
public enum FifoKind {
  /** Descriptors queued by software for the MU to send. */
  INJECTION("injection", MuGeometry.INJECTION_FIFOS, MuGeometry.INJECTION_PER_SUBGROUP),
  /** Packets deposited by the MU for software to read. */
  RECEPTION("reception", MuGeometry.RECEPTION_FIFOS, MuGeometry.RECEPTION_PER_SUBGROUP);

  private final String label;
  private final int count;
  private final int perSubgroup;

  FifoKind(String label, int count, int perSubgroup) {
    this.label = label;
    this.count = count;
    this.perSubgroup = perSubgroup;
  }

  /** Returns the word used in messages. */
  public String label() {
    return label;
  }

  /** Returns how many FIFOs of this kind a node has. */
  public int count() {
    return count;
  }

  /** Returns how many FIFOs of this kind one subgroup has. */
  public int perSubgroup() {
    return perSubgroup;
  }
}
