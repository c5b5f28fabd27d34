package org.fusedsim.bgq.chip;

/**
 * A unit of work for a hardware thread.
 *
 * @param instructions instructions to issue
 * @param fpFraction share of them that are floating point / QPX (0 to 1); the rest are integer or
 *     load/store
 * @param memoryBytes bytes that miss the caches and move between L2 and DRAM
 */
public record Work(long instructions, double fpFraction, long memoryBytes) {
  /** Validates the work. */
  public Work {
    if (instructions < 0 || memoryBytes < 0) {
      throw new IllegalArgumentException("work must be >= 0");
    }
    if (!(fpFraction >= 0 && fpFraction <= 1)) {
      throw new IllegalArgumentException("fpFraction must be in [0, 1]: " + fpFraction);
    }
  }

  /** Integer-only work of {@code n} instructions, no memory traffic. */
  public static Work integer(long n) {
    return new Work(n, 0, 0);
  }

  /** Floating-point-only work of {@code n} instructions, no memory traffic. */
  public static Work floatingPoint(long n) {
    return new Work(n, 1, 0);
  }

  /** Returns whether nothing is left to do. */
  public boolean isEmpty() {
    return instructions == 0 && memoryBytes == 0;
  }
}
