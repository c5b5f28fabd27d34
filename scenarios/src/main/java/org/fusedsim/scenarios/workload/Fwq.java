package org.fusedsim.scenarios.workload;

import com.google.common.collect.ImmutableMap;
import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;

/**
 * FWQ, the fixed work quantum benchmark: every thread repeats the same amount of computation and
 * records how long each repetition took. Any time above the undisturbed duration is noise.
 */
public final class Fwq {
  private final NodeOs os;
  private final int samples;
  private final Work work;
  private final long workPs;
  private final Runnable finished;
  private final String track;
  private int base;
  private long[][] durations = new long[0][];
  private long[][] starts = new long[0][];
  // the chip's cumulative refill cycles (L1, L2) when each sample ended
  private double[][] l1At = new double[0][];
  private double[][] l2At = new double[0][];
  // the chip's cumulative L2 refill cycles by source core when each of thread 0's samples ended
  private double[][] l2BySourceAt = new double[0][];
  private int running;

  /**
   * Creates the program.
   *
   * @param work one sample's work
   * @param workPs its undisturbed duration alone on a core, for the excess in the timeline
   * @param finished runs when every thread is done
   */
  public Fwq(NodeOs os, int samples, Work work, long workPs, Runnable finished) {
    this.os = os;
    this.samples = samples;
    this.work = work;
    this.workPs = workPs;
    this.finished = finished;
    this.track = os.location() + "/app/thread";
  }

  /** Returns one entry per thread, for {@link NodeOs#boot}. */
  public Runnable[] entries(int threads) {
    return entries(0, threads);
  }

  /** Returns the entries of application threads {@code first .. first + threads - 1}. */
  public Runnable[] entries(int first, int threads) {
    base = first;
    durations = new long[threads][samples];
    starts = new long[threads][samples];
    l1At = new double[threads][samples];
    l2At = new double[threads][samples];
    l2BySourceAt = new double[samples][];
    running = threads;
    Runnable[] e = new Runnable[threads];
    for (int i = 0; i < threads; i++) {
      int t = i;
      e[i] = () -> sample(t, 0);
    }
    return e;
  }

  private void sample(int t, int i) {
    if (i == samples) {
      os.exit(
          base + t,
          () -> {
            if (--running == 0) {
              finished.run();
            }
          });
      return;
    }
    long start = os.sim().now();
    os.compute(
        base + t,
        work,
        () -> {
          long d = os.sim().now() - start;
          durations[t][i] = d;
          starts[t][i] = start;
          Chip chip = os.hardware().chip();
          l1At[t][i] = chip.l1RefillCycles();
          l2At[t][i] = chip.l2RefillCycles();
          if (t == 0) {
            double[] by = new double[chip.cores()];
            for (int c = 0; c < by.length; c++) {
              by[c] = chip.l2RefillCycles(c);
            }
            l2BySourceAt[i] = by;
          }
          Tracer tracer = os.sim().tracer();
          if (tracer.enabled()) {
            // Noise shows as samples longer than the work: the excess is a field of the slice.
            tracer.record(
                new TraceEvent(
                    start,
                    track + (base + t),
                    "fwq sample",
                    d,
                    ImmutableMap.of("excess_ps", d - workPs)));
          }
          sample(t, i + 1);
        });
  }

  /** Returns whether every thread finished. */
  public boolean done() {
    return running == 0;
  }

  /** Returns the sample durations, by thread then sample, in picoseconds. */
  public long[][] durations() {
    return durations;
  }

  /**
   * Returns the durations of the samples taken while every thread was sampling: from the last
   * thread's first start to the first thread's last end. Threads start at different times (a
   * launcher starts them one after the other) and finish at different times, and a sample taken
   * while an SMT sibling has not started yet or has already finished runs faster: that is a change
   * of load, not noise. Returns every sample when some thread has none in that window.
   */
  public long[][] steadyDurations() {
    long[] w = steadyWindow();
    long lo = w[0];
    long hi = w[1];
    long[][] out = new long[durations.length][];
    for (int t = 0; t < durations.length; t++) {
      int k = 0;
      long[] row = new long[samples];
      for (int i = 0; i < samples; i++) {
        if (starts[t][i] >= lo && starts[t][i] + durations[t][i] <= hi) {
          row[k++] = durations[t][i];
        }
      }
      if (k == 0) {
        return durations;
      }
      out[t] = java.util.Arrays.copyOf(row, k);
    }
    return out;
  }

  /** The window in which every thread samples: the last first start, the first last end. */
  private long[] steadyWindow() {
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    for (int t = 0; t < durations.length; t++) {
      int last = samples - 1;
      lo = Math.max(lo, starts[t][0]);
      hi = Math.min(hi, starts[t][last] + durations[t][last]);
    }
    return new long[] {lo, hi};
  }

  /**
   * Returns the L2 refill cycles the chip's profiled threads were charged for OS work on each core
   * between the first and the last end of thread 0's samples in the steady window: the proportions
   * of the sources while every thread samples (all zero when thread 0 has fewer than two samples
   * there).
   */
  public double[] steadyL2RefillBySource() {
    long[] w = steadyWindow();
    int first = -1;
    int last = -1;
    for (int i = 0; durations.length > 0 && i < samples; i++) {
      long end = starts[0][i] + durations[0][i];
      if (end >= w[0] && end <= w[1]) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    int cores = os.hardware().chip().cores();
    double[] out = new double[cores];
    if (first >= 0 && last > first) {
      for (int c = 0; c < cores; c++) {
        out[c] = l2BySourceAt[last][c] - l2BySourceAt[first][c];
      }
    }
    return out;
  }

  /**
   * Returns the cycles the chip's profiled threads were charged for refilling lines OS work
   * displaced (L1 lines of their own thread, L2 lines anywhere on the chip) between the first
   * sample end in the steady window and the last: the refills of the samples {@link
   * #steadyDurations} holds, but for the samples at the window's edges.
   */
  public double[] steadyRefillCycles() {
    long[] w = steadyWindow();
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {0, 0};
    for (int t = 0; t < durations.length; t++) {
      for (int i = 0; i < samples; i++) {
        long end = starts[t][i] + durations[t][i];
        if (end >= w[0] && end <= w[1]) {
          lo[0] = Math.min(lo[0], l1At[t][i]);
          lo[1] = Math.min(lo[1], l2At[t][i]);
          hi[0] = Math.max(hi[0], l1At[t][i]);
          hi[1] = Math.max(hi[1], l2At[t][i]);
        }
      }
    }
    if (lo[0] > hi[0]) {
      return new double[] {0, 0};
    }
    return new double[] {hi[0] - lo[0], hi[1] - lo[1]};
  }
}
