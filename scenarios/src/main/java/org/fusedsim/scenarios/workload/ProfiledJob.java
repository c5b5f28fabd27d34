package org.fusedsim.scenarios.workload;

import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.chip.WorkProfile;
import org.fusedsim.cl.node.NodeOs;

/**
 * A kernel measured on chosen application threads: each chosen thread computes the same number of
 * instructions of one {@link WorkProfile} once; the others stay idle (their hardware threads issue
 * nothing) and exit once every chosen thread is done, so the job lives through the measurement and
 * nothing else runs beside it but the OS.
 */
public final class ProfiledJob {
  private final NodeOs os;
  private final Work work;
  private final int[] active;
  private final Runnable finished;
  private final long[] start;
  private final long[] end;
  private int live;

  /**
   * Creates the job.
   *
   * @param active the application threads that compute
   * @param finished runs when every thread has exited
   */
  public ProfiledJob(
      NodeOs os, WorkProfile profile, double instructions, int[] active, Runnable finished) {
    this.os = os;
    this.work = Work.of(profile, instructions);
    this.active = active.clone();
    this.finished = finished;
    this.start = new long[active.length];
    this.end = new long[active.length];
  }

  /** Returns one entry per application thread of the personality, for {@link NodeOs#boot}. */
  public Runnable[] entries() {
    int all = os.maxAppThreads();
    Runnable[] e = new Runnable[all];
    for (int i = 0; i < all; i++) {
      int t = i;
      e[i] = () -> exit(t);
    }
    for (int k = 0; k < active.length; k++) {
      int slot = k;
      int t = active[k];
      if (t < 0 || t >= all) {
        throw new IllegalArgumentException("no application thread " + t + " of " + all);
      }
      e[t] = () -> compute(slot, t);
    }
    live = all;
    return e;
  }

  private void compute(int slot, int t) {
    start[slot] = os.sim().now();
    os.compute(
        t,
        work,
        () -> {
          end[slot] = os.sim().now();
          exit(t);
        });
  }

  private void exit(int t) {
    os.exit(
        t,
        () -> {
          if (--live == 0) {
            finished.run();
          }
        });
  }

  /** Returns each chosen thread's time from the start of its work to its end, picoseconds. */
  public long[] durations() {
    long[] d = new long[active.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = end[k] - start[k];
    }
    return d;
  }

  /** Returns when the first chosen thread started computing. */
  public long firstStart() {
    long m = Long.MAX_VALUE;
    for (long s : start) {
      m = Math.min(m, s);
    }
    return m;
  }

  /** Returns when the last chosen thread finished computing. */
  public long lastEnd() {
    long m = 0;
    for (long x : end) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** Returns the node's hardware counters, summed over its chip. */
  public HardwareThread.Counters counters() {
    return os.hardware().chip().counters();
  }
}
