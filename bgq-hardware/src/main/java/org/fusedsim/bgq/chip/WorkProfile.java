package org.fusedsim.bgq.chip;

/**
 * What a piece of work does to an A2 core and the memory hierarchy, per instruction: the mix, how
 * soon results are used, how branches go, and where its memory accesses fall. The chip turns it
 * into a stall-cycle count per instruction and DRAM bytes per instruction for the thread it runs on
 * and the threads beside it ({@link CoreModel}).
 *
 * <p>Memory accesses are a mixture of three reuse classes, each with a simple miss-ratio curve (the
 * share of accesses that miss a fully associative LRU cache of {@code c} bytes):
 *
 * <ul>
 *   <li>{@code localShare}: uniform reuse of a small tile ({@code tileBytes}), such as a blocked
 *       kernel's register-spill or micro-panel: miss ratio {@code max(0, 1 - c / tile)};
 *   <li>{@code streamShare}: sequential sweeps over the whole footprint, reused only on the next
 *       sweep: no miss when the footprint fits, else one miss per line ({@code accessBytes /
 *       line}); the L1P prefetcher follows these;
 *   <li>the rest: uniform random accesses over the footprint, one line each: miss ratio {@code
 *       max(0, 1 - c / footprint)}.
 * </ul>
 *
 * @param name the profile's name in scenarios and metrics
 * @param load share of instructions that are loads
 * @param store share that are stores
 * @param fp share that are floating point / QPX (issued to the AXU)
 * @param branch share that are branches
 * @param dependencyDistance mean distance in instructions from a result's producer to its first
 *     consumer (geometrically distributed, at least 1)
 * @param mispredictRate share of branches mispredicted
 * @param accessBytes bytes per load or store (8 scalar, 32 QPX)
 * @param footprintBytes bytes the work touches
 * @param localShare share of accesses that reuse the tile
 * @param tileBytes the tile's size
 * @param streamShare share of accesses that stream over the footprint
 * @param mlp independent misses in flight (1: each miss waits for the previous one)
 */
public record WorkProfile(
    String name,
    double load,
    double store,
    double fp,
    double branch,
    double dependencyDistance,
    double mispredictRate,
    double accessBytes,
    double footprintBytes,
    double localShare,
    double tileBytes,
    double streamShare,
    double mlp) {
  /** Validates the shares and sizes. */
  public WorkProfile {
    share("load", load);
    share("store", store);
    share("fp", fp);
    share("branch", branch);
    share("mispredictRate", mispredictRate);
    share("localShare", localShare);
    share("streamShare", streamShare);
    if (load + store + fp + branch > 1 + 1e-9) {
      throw new IllegalArgumentException(name + ": load + store + fp + branch > 1");
    }
    if (localShare + streamShare > 1 + 1e-9) {
      throw new IllegalArgumentException(name + ": localShare + streamShare > 1");
    }
    if (!(dependencyDistance >= 1) || !(mlp >= 1)) {
      throw new IllegalArgumentException(name + ": dependencyDistance and mlp must be >= 1");
    }
    if (!(accessBytes > 0) || !(footprintBytes > 0) || !(tileBytes > 0)) {
      throw new IllegalArgumentException(name + ": sizes must be > 0");
    }
  }

  private static void share(String what, double x) {
    if (!(x >= 0 && x <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1]: " + x);
    }
  }

  /** Returns the share of instructions that are integer (the rest of the mix). */
  public double integer() {
    return Math.max(0, 1 - load - store - fp - branch);
  }

  /** Returns the share of accesses that are random over the footprint. */
  public double randomShare() {
    return Math.max(0, 1 - localShare - streamShare);
  }

  /** Returns the same profile over a footprint of {@code bytes}. */
  public WorkProfile withFootprint(double bytes) {
    return new WorkProfile(
        name,
        load,
        store,
        fp,
        branch,
        dependencyDistance,
        mispredictRate,
        accessBytes,
        bytes,
        localShare,
        Math.min(tileBytes, bytes),
        streamShare,
        mlp);
  }

  /**
   * Returns the share of accesses that miss a cache of {@code capacity} bytes with {@code line}
   * byte lines (or a translation buffer reaching {@code capacity} bytes in {@code line} byte
   * pages).
   */
  public double missRatio(double capacity, double line) {
    double local = localShare * uniformMiss(capacity, tileBytes);
    double random = randomShare() * uniformMiss(capacity, footprintBytes);
    return local + random + streamMissRatio(capacity, line);
  }

  /** Returns the share of accesses that are stream misses of a cache of {@code capacity}. */
  public double streamMissRatio(double capacity, double line) {
    return footprintBytes > capacity ? streamShare * Math.min(1, accessBytes / line) : 0;
  }

  private static double uniformMiss(double capacity, double set) {
    return Math.max(0, 1 - capacity / set);
  }
}
