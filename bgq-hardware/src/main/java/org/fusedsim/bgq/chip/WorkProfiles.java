package org.fusedsim.bgq.chip;

import com.google.common.collect.ImmutableMap;

/**
 * The catalog of work profiles that scenarios name. Each is a kernel as an XL-compiled QPX loop
 * would issue it on the A2; the mix counts the instructions of one unrolled iteration. Every value
 * is an estimate from the kernel's source and the instruction set, not a measurement; the reasons
 * are in the comments and in the module README ("Work profiles").
 */
public final class WorkProfiles {
  private WorkProfiles() {}

  private static final double KIB = 1024;
  private static final double MIB = 1024 * KIB;

  /**
   * STREAM triad {@code a[i] = b[i] + q * c[i]} with QPX: per 4 elements 2 loads, 1 FMA, 1 store
   * (32 B each); unrolled 4 times, one add and one bdnz per 16 elements: 18 instructions. Loads
   * feed the FMA a few instructions later (software pipelined: mean distance 4). Every access
   * streams over three 16 MiB arrays per thread (beyond the L2 even alone); b and c miss
   * independently (mlp 2).
   */
  public static final WorkProfile STREAM_TRIAD =
      new WorkProfile(
          "stream_triad",
          8 / 18.0,
          4 / 18.0,
          4 / 18.0,
          1 / 18.0,
          4,
          0.001,
          32,
          48 * MIB,
          0,
          1,
          1,
          2);

  /**
   * Blocked DGEMM with a QPX register-blocked micro-kernel (as in ESSL): per k-step 4 loads of A
   * and B micro-panels and 8 FMAs into 8 independent accumulators, plus about one integer and a
   * branch per few steps; FMA results are reused a whole k-step later (mean distance 8). 70% of
   * accesses reuse the L1-resident micro-panel (3 KiB), 30% stream the L2-resident panels (384 KiB
   * per thread, so 64 threads still fit the L2); the L1P covers the streams (mlp 4).
   */
  public static final WorkProfile DGEMM =
      new WorkProfile(
          "dgemm", 0.30, 0.02, 0.60, 0.02, 8, 0.01, 32, 384 * KIB, 0.7, 3 * KIB, 0.3, 4);

  /**
   * 7-point Jacobi stencil with QPX: per 4 points 5 loads (two neighbours come from registers), 1
   * store and 8 FP instructions (sums, one multiply, permutes for the unaligned x neighbours), one
   * integer and a branch per unrolled pair: the sum of seven terms is a dependency chain (mean
   * distance 3). 40% of accesses hit the current rows (a 4 KiB tile); 60% stream the planes of a
   * 64^3 grid and its copy (4 MiB per thread); mlp 2.
   */
  public static final WorkProfile STENCIL7 =
      new WorkProfile(
          "stencil7", 0.35, 0.07, 0.45, 0.03, 3, 0.005, 32, 4 * MIB, 0.4, 4 * KIB, 0.6, 2);

  /**
   * Pointer chasing {@code p = *p} over a random cyclic permutation, unrolled 8 times: 8 dependent
   * loads, an add and a bdnz per iteration. Each load uses the previous one's result (distance 1,
   * mlp 1); accesses are uniform over 256 MiB per thread, so nearly every one goes to DRAM.
   */
  public static final WorkProfile POINTER_CHASE =
      new WorkProfile("pointer_chase", 0.8, 0, 0, 0.1, 1, 0, 8, 256 * MIB, 0, 8, 0, 1);

  /**
   * An integer-heavy loop (hashing, sorting, parsing): 60% integer ALU, 20% loads, 5% stores, 15%
   * branches of which 5% mispredict; results are used soon (mean distance 2); a 2 KiB table, so
   * four threads still share the L1 without misses.
   */
  public static final WorkProfile INTEGER =
      new WorkProfile("integer", 0.20, 0.05, 0, 0.15, 2, 0.05, 8, 2 * KIB, 1, 2 * KIB, 0, 1);

  /** The profiles by name, in catalog order. */
  public static final ImmutableMap<String, WorkProfile> ALL =
      ImmutableMap.of(
          STREAM_TRIAD.name(), STREAM_TRIAD,
          DGEMM.name(), DGEMM,
          STENCIL7.name(), STENCIL7,
          POINTER_CHASE.name(), POINTER_CHASE,
          INTEGER.name(), INTEGER);

  /**
   * Returns the profile named {@code name}.
   *
   * @throws IllegalArgumentException naming the known profiles if there is none
   */
  public static WorkProfile named(String name) {
    WorkProfile p = ALL.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown work profile " + name + "; known: " + String.join(", ", ALL.keySet()));
    }
    return p;
  }
}
