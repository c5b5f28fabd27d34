package org.fusedsim.bgq.torus;

/** How a packet picks its next link. Both are minimal: every hop reduces the distance by one. */
public enum Routing {
  /** Dimension order A, B, C, D, E, the shorter way round in each: deterministic and in order. */
  DETERMINISTIC,
  /**
   * Adaptive and minimal: at each router the packet takes the least loaded of the links that still
   * reduce its distance (directions fixed at injection). Packet level only; the flow level uses the
   * dimension-order path.
   */
  DYNAMIC
}
