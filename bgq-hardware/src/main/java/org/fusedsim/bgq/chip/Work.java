package org.fusedsim.bgq.chip;

/**
 * A piece of work for a hardware thread.
 *
 * @param instructions instructions to issue (fractional counts stand for the rest of a piece that
 *     was suspended part way)
 * @param fpFraction share of them that are floating point / QPX (0 to 1); the rest are integer or
 *     load/store
 * @param memoryBytes bytes that miss the caches and move between L2 and DRAM
 */
public record Work(double instructions, double fpFraction, double memoryBytes) {
  /** Validates the work. */
  public Work {
    if (!(instructions >= 0) || !(memoryBytes >= 0)) {
      throw new IllegalArgumentException(
          "work must be >= 0: " + instructions + " instructions, " + memoryBytes + " bytes");
    }
    if (!(fpFraction >= 0 && fpFraction <= 1)) {
      throw new IllegalArgumentException("fpFraction must be in [0, 1]: " + fpFraction);
    }
  }

  /** Integer-only work of {@code n} instructions, no memory traffic. */
  public static Work integer(double n) {
    return new Work(n, 0, 0);
  }

  /** Floating-point-only work of {@code n} instructions, no memory traffic. */
  public static Work floatingPoint(double n) {
    return new Work(n, 1, 0);
  }

  /** Returns whether nothing is left to do. */
  public boolean isEmpty() {
    return instructions == 0 && memoryBytes == 0;
  }

  /** Returns the share {@code fraction} (0 to 1) of this work, with the same mix. */
  public Work part(double fraction) {
    return new Work(instructions * fraction, fpFraction, memoryBytes * fraction);
  }
}
