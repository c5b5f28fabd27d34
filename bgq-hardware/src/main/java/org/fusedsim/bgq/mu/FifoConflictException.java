package org.fusedsim.bgq.mu;

/**
 * Two software components claimed the same MU FIFO, as when RoQ and PAMI both take a FIFO on one
 * node. The message names the FIFO ids and both owners.
 */
public final class FifoConflictException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final FifoKind kind;
  private final int fifoId;
  private final String owner;
  private final String claimant;

  /** Creates the exception for {@code claimant} asking for a FIFO that {@code owner} holds. */
  public FifoConflictException(
      int node, FifoKind kind, int fifoId, String owner, String claimant, String firstIds) {
    super(
        "node "
            + node
            + ": "
            + MuGeometry.describe(kind, fifoId)
            + " requested by '"
            + claimant
            + "' is already owned by '"
            + owner
            + "'"
            + (firstIds.isEmpty()
                ? ""
                : " (conflicting " + kind.label() + " FIFOs: " + firstIds + ")"));
    this.kind = kind;
    this.fifoId = fifoId;
    this.owner = owner;
    this.claimant = claimant;
  }

  /** Returns the kind of FIFO. */
  public FifoKind kind() {
    return kind;
  }

  /** Returns the first conflicting FIFO id. */
  public int fifoId() {
    return fifoId;
  }

  /** Returns who held the FIFO. */
  public String owner() {
    return owner;
  }

  /** Returns who asked for it. */
  public String claimant() {
    return claimant;
  }
}
