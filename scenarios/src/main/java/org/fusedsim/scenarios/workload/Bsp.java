package org.fusedsim.scenarios.workload;

import org.fusedsim.cl.node.NodeOs;

/**
 * A bulk-synchronous loop: every thread computes for {@code work}, then waits at a node-wide
 * barrier. The last thread to arrive pays the barrier's release cost and then releases the others
 * ({@link NodeOs#unpark}); the step ends when the last thread arrives. A step therefore takes as
 * long as its slowest thread: noise on any one thread delays all of them.
 */
public final class Bsp {
  private final NodeOs os;
  private final int steps;
  private final long workPs;
  // the step's computation as profiled work, or null: workPs of plain cost
  private final org.fusedsim.bgq.chip.Work work;
  private final long barrierPs;
  private final Runnable finished;
  private long[] stepEnds = new long[0];
  private int threads;
  private int arrived;
  private int running;

  /**
   * Creates the program.
   *
   * @param barrierPs the last arriver's cost to release the barrier (shared-memory flag)
   * @param finished runs when every thread is done
   */
  public Bsp(NodeOs os, int steps, long workPs, long barrierPs, Runnable finished) {
    this(os, steps, workPs, null, barrierPs, finished);
  }

  /**
   * Creates the program whose steps compute {@code work} (a profiled kernel the core and memory
   * model rate), or {@code workPs} of plain cost if {@code work} is null.
   */
  public Bsp(
      NodeOs os,
      int steps,
      long workPs,
      org.fusedsim.bgq.chip.Work work,
      long barrierPs,
      Runnable finished) {
    this.work = work;
    this.os = os;
    this.steps = steps;
    this.workPs = workPs;
    this.barrierPs = barrierPs;
    this.finished = finished;
  }

  /** Returns one entry per thread, for {@link NodeOs#boot}. */
  public Runnable[] entries(int n) {
    threads = n;
    running = n;
    stepEnds = new long[steps + 1];
    Runnable[] e = new Runnable[n];
    for (int i = 0; i < n; i++) {
      int t = i;
      e[i] =
          () -> {
            if (stepEnds[0] == 0) {
              stepEnds[0] = os.sim().now();
            }
            step(t, 0);
          };
    }
    return e;
  }

  private void step(int t, int s) {
    if (s == steps) {
      os.exit(
          t,
          () -> {
            if (--running == 0) {
              finished.run();
            }
          });
      return;
    }
    if (work != null) {
      os.compute(t, work, () -> arrive(t, s));
    } else {
      os.compute(t, workPs, () -> arrive(t, s));
    }
  }

  private void arrive(int t, int s) {
    if (++arrived < threads) {
      os.park(t);
      return;
    }
    arrived = 0;
    stepEnds[s + 1] = os.sim().now();
    os.compute(
        t,
        barrierPs,
        () -> {
          for (int i = 0; i < threads; i++) {
            if (i != t) {
              int other = i;
              os.unpark(other, t, () -> step(other, s + 1));
            }
          }
          step(t, s + 1);
        });
  }

  /** Returns whether every thread finished. */
  public boolean done() {
    return running == 0;
  }

  /** Returns when the last thread arrived at each barrier (index 0: the start). */
  public long[] stepEnds() {
    return stepEnds.clone();
  }
}
