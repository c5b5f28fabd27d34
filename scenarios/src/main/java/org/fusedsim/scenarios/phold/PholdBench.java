package org.fusedsim.scenarios.phold;

import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.SuppressForbidden;
import org.fusedsim.core.Tracer;

/**
 * Runs PHOLD on the fusedsim kernel and on SSJ's simulator in the same process, with the same
 * draws, and compares their event rates and executed sequences.
 */
public final class PholdBench {
  /**
   * The outcome of one comparison.
   *
   * @param lps logical processes
   * @param events events run by each engine
   * @param fusedsimSeconds wall time of the fusedsim run
   * @param ssjSeconds wall time of the SSJ run
   * @param fusedsimHash hash of the fusedsim event sequence
   * @param ssjHash hash of the SSJ event sequence
   */
  public record Result(
      int lps,
      long events,
      double fusedsimSeconds,
      double ssjSeconds,
      long fusedsimHash,
      long ssjHash) {
    /** Returns fusedsim's events per second of wall time. */
    public double fusedsimEps() {
      return events / fusedsimSeconds;
    }

    /** Returns SSJ's events per second of wall time. */
    public double ssjEps() {
      return events / ssjSeconds;
    }

    /** Returns how many times faster fusedsim ran. */
    public double ratio() {
      return fusedsimEps() / ssjEps();
    }

    /** Returns whether both engines executed the same (time, process) sequence. */
    public boolean hashMatch() {
      return fusedsimHash == ssjHash;
    }
  }

  private final long seed;

  /** Creates a benchmark whose draws derive from {@code seed}. */
  public PholdBench(long seed) {
    this.seed = seed;
  }

  /** Runs PHOLD on the fusedsim kernel and returns (wall seconds, hash, processed). */
  public double[] runFusedsim(PholdParams p, long[] hashOut) {
    RandomStreams streams = new RandomStreams(seed, 0);
    long t0 = wallNanos();
    Simulation sim = new Simulation(Tracer.OFF, p.lps() * p.population() + 16);
    PholdModel m = new PholdModel(sim, p, streams.stream("phold", "events"), false);
    sim.run();
    long t1 = wallNanos();
    hashOut[0] = m.hash();
    return new double[] {(t1 - t0) / 1e9, m.processed()};
  }

  /** Runs PHOLD on SSJ and returns (wall seconds, processed). */
  public double[] runSsj(PholdParams p, long[] hashOut) {
    RandomStreams streams = new RandomStreams(seed, 0);
    long t0 = wallNanos();
    SsjPhold s = new SsjPhold(p, streams.stream("phold", "events"));
    s.run();
    long t1 = wallNanos();
    hashOut[0] = s.hash();
    return new double[] {(t1 - t0) / 1e9, s.processed()};
  }

  /** Runs both engines once, fusedsim first, and compares them. */
  public Result compare(PholdParams p) {
    long[] h1 = new long[1];
    long[] h2 = new long[1];
    double[] a = runFusedsim(p, h1);
    double[] b = runSsj(p, h2);
    if (a[1] != b[1]) {
      throw new IllegalStateException(
          "engines ran different event counts: " + a[1] + " vs " + b[1]);
    }
    return new Result(p.lps(), (long) a[1], a[0], b[0], h1[0], h2[0]);
  }

  @SuppressForbidden(reason = "a benchmark measures wall time")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
