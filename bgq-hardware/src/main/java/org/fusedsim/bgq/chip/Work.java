package org.fusedsim.bgq.chip;

/**
 * A piece of work for a hardware thread.
 *
 * <p>Without a profile, work is a cost: {@link #integer(double) Work.integer(n)} takes {@code n}
 * cycles on a core of its own, whatever it stands for (kernel paths, the monitor, CL, PAMI are
 * calibrated that way), and its DRAM traffic is given. With a {@link WorkProfile}, the chip derives
 * its stalls and its DRAM traffic from the profile, the caches and the threads beside it.
 *
 * @param instructions instructions to issue (fractional counts stand for the rest of a piece that
 *     was suspended part way)
 * @param fpFraction share of them that are floating point / QPX (0 to 1); the rest are integer or
 *     load/store
 * @param memoryBytes bytes that miss the caches and move between L2 and DRAM (0 with a profile: the
 *     profile decides)
 * @param profile what the work does to the core and the memory hierarchy, or null for a cost
 */
public record Work(
    double instructions, double fpFraction, double memoryBytes, WorkProfile profile) {
  /** Validates the work. */
  public Work {
    if (!(instructions >= 0) || !(memoryBytes >= 0)) {
      throw new IllegalArgumentException(
          "work must be >= 0: " + instructions + " instructions, " + memoryBytes + " bytes");
    }
    if (!(fpFraction >= 0 && fpFraction <= 1)) {
      throw new IllegalArgumentException("fpFraction must be in [0, 1]: " + fpFraction);
    }
    if (profile != null && (memoryBytes != 0 || fpFraction != profile.fp())) {
      throw new IllegalArgumentException(
          "profiled work takes its mix and traffic from the profile");
    }
  }

  /** Work without a profile: a cost in cycles alone on a core, with given DRAM traffic. */
  public Work(double instructions, double fpFraction, double memoryBytes) {
    this(instructions, fpFraction, memoryBytes, null);
  }

  /** Integer-only work of {@code n} instructions, no memory traffic. */
  public static Work integer(double n) {
    return new Work(n, 0, 0);
  }

  /** Floating-point-only work of {@code n} instructions, no memory traffic. */
  public static Work floatingPoint(double n) {
    return new Work(n, 1, 0);
  }

  /** {@code n} instructions of {@code profile}. */
  public static Work of(WorkProfile profile, double n) {
    return new Work(n, profile.fp(), 0, profile);
  }

  /** Returns whether nothing is left to do. */
  public boolean isEmpty() {
    return instructions == 0 && memoryBytes == 0;
  }

  /** Returns the share {@code fraction} (0 to 1) of this work, with the same mix. */
  public Work part(double fraction) {
    return new Work(instructions * fraction, fpFraction, memoryBytes * fraction, profile);
  }
}
