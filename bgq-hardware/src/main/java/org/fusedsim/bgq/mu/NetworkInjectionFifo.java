package org.fusedsim.bgq.mu;

/**
 * The 16 hardware network injection FIFOs of a node (code, {@code MU_Descriptor.h}): one per torus
 * direction, two local (node-internal) ones, high priority, system, and the collective network's
 * user and system classes. A descriptor names one in its torus FIFO map.
 */
public enum NetworkInjectionFifo {
  /** Torus A plus. */
  A_PLUS,
  /** Torus A minus. */
  A_MINUS,
  /** Torus B plus. */
  B_PLUS,
  /** Torus B minus. */
  B_MINUS,
  /** Torus C plus. */
  C_PLUS,
  /** Torus C minus. */
  C_MINUS,
  /** Torus D plus. */
  D_PLUS,
  /** Torus D minus. */
  D_MINUS,
  /** Torus E plus. */
  E_PLUS,
  /** Torus E minus. */
  E_MINUS,
  /** Local transfer 0 (source and destination on the same node). */
  LOCAL_0,
  /** Local transfer 1. */
  LOCAL_1,
  /** High-priority point-to-point. */
  HIGH_PRIORITY,
  /** System traffic. */
  SYSTEM,
  /** Collective network, user class. */
  COLLECTIVE_USER,
  /** Collective network, system class. */
  COLLECTIVE_SYSTEM;

  /** Returns the FIFO of torus port {@code port} (0 = A+, 1 = A-, ..., 9 = E-). */
  public static NetworkInjectionFifo forTorusPort(int port) {
    if (port < 0 || port >= 10) {
      throw new IllegalArgumentException("torus port " + port + " outside 0-9");
    }
    return values()[port];
  }

  /** Returns whether this FIFO feeds a torus link. */
  public boolean isTorusDirection() {
    return ordinal() < 10;
  }
}
