package org.fusedsim.scenarios.workload;

import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Timeline;

/**
 * Latencies of one call name: the total from trap to return, and, for calls that went the whole
 * FusedOS offload path, each step measured from the marks the components stamped. The step sums are
 * kept in exact picoseconds, so the per-step means add up to the mean total exactly.
 */
public final class CallStats {
  private static final Step[] STEPS = java.util.Arrays.copyOfRange(Step.values(), 1, 9);

  private final String name;
  private final LatencyHistogram total;
  private final LatencyHistogram[] steps = new LatencyHistogram[STEPS.length];
  private final long[] stepSums = new long[STEPS.length];
  private long totalSum;
  private long fullPath;

  /** Creates empty statistics for call {@code name}. */
  public CallStats(String name) {
    this.name = name;
    this.total = new LatencyHistogram(name);
    for (int i = 0; i < STEPS.length; i++) {
      steps[i] = new LatencyHistogram(name + "." + STEPS[i].stepName());
    }
  }

  /** Returns the steps of the offload path after TRAP, in order. */
  public static Step[] steps() {
    return STEPS.clone();
  }

  /** Records one call. */
  public void record(Timeline tl) {
    long t = tl.total();
    total.record(t);
    totalSum += t;
    if (tl.complete()) {
      fullPath++;
      long sum = 0;
      for (int i = 0; i < STEPS.length; i++) {
        long s = tl.step(STEPS[i]);
        steps[i].record(s);
        stepSums[i] += s;
        sum += s;
      }
      if (sum != t) {
        throw new IllegalStateException("steps of " + name + " sum to " + sum + ", total " + t);
      }
    }
  }

  /** Returns the latency histogram of the totals. */
  public LatencyHistogram total() {
    return total;
  }

  /** Returns the histogram of step {@code i} of {@link #steps()}. */
  public LatencyHistogram step(int i) {
    return steps[i];
  }

  /** Returns how many calls went the whole offload path. */
  public long fullPath() {
    return fullPath;
  }

  /** Returns the exact mean of step {@code i} in ns over the full-path calls. */
  public double stepMeanNs(int i) {
    return fullPath == 0 ? 0 : stepSums[i] / (double) fullPath / Time.NS;
  }

  /** Returns the exact mean total in ns. */
  public double meanNs() {
    return total.count() == 0 ? 0 : totalSum / (double) total.count() / Time.NS;
  }

  /**
   * Adds {@code prefix.latency.*} and, if every call went the offload path, {@code
   * prefix.breakdown.<step>} (mean ns) whose sum is {@code prefix.latency.mean}.
   */
  public void report(Metrics m, String prefix) {
    m.putLatency(prefix + ".latency", total);
    if (fullPath > 0 && fullPath == total.count()) {
      for (int i = 0; i < STEPS.length; i++) {
        m.put(prefix + ".breakdown." + STEPS[i].stepName(), stepMeanNs(i), "ns");
      }
    }
  }
}
