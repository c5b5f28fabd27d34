package org.fusedsim.scenarios.workload;

import com.google.common.collect.ImmutableMap;
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
  private final long workPs;
  private long[][] durations = new long[0][];
  private int running;

  /** Creates the program. */
  public Fwq(NodeOs os, int samples, long workPs) {
    this.os = os;
    this.samples = samples;
    this.workPs = workPs;
  }

  /** Returns one entry per thread, for {@link NodeOs#boot}. */
  public Runnable[] entries(int threads) {
    durations = new long[threads][samples];
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
      os.finish(t);
      if (--running == 0) {
        os.sim().stop();
      }
      return;
    }
    long start = os.sim().now();
    os.compute(
        t,
        workPs,
        () -> {
          long d = os.sim().now() - start;
          durations[t][i] = d;
          Tracer tracer = os.sim().tracer();
          if (tracer.enabled()) {
            // Noise shows as samples longer than the work: the excess is a field of the slice.
            tracer.record(
                new TraceEvent(
                    start,
                    "app/thread" + t,
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
}
