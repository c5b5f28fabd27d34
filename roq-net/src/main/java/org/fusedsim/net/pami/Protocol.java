package org.fusedsim.net.pami;

/**
 * PAMI's point-to-point protocols as MPI (PAMID) chooses them on Blue Gene/Q by message size. The
 * cut-offs are {@link PamiParams#immediateLimitBytes}, {@link PamiParams#shortLimitBytes} and
 * {@link PamiParams#eagerLimitBytes}; ranks of one node use shared memory whatever the size.
 */
public enum Protocol {
  /** Between ranks of one node, through shared memory. */
  SHARED_MEMORY("shm"),
  /**
   * The payload travels in the descriptor's packet (PAMI's send-immediate): no send state, the send
   * is complete as soon as the descriptor is in the injection FIFO.
   */
  IMMEDIATE("immediate"),
  /** One packet from the user buffer, with a send state and a local completion callback. */
  SINGLE_PACKET("single-packet"),
  /** Several packets of one descriptor; the receiver keeps a receive state across them. */
  EAGER("eager"),
  /** Request-to-send, the receiver's remote get through the Messaging Unit, an acknowledgement. */
  RENDEZVOUS("rendezvous"),
  /**
   * A direct put into memory the receiver prepared, counted down on its reception counter: the
   * many-to-many protocol of MPI_Alltoall, with no envelope to match.
   */
  PUT("put");

  private final String label;

  Protocol(String label) {
    this.label = label;
  }

  /** Returns the name used in tables and metrics. */
  public String label() {
    return label;
  }
}
