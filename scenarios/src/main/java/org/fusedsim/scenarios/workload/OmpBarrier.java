package org.fusedsim.scenarios.workload;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Time;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;

/**
 * An OpenMP-style parallel loop: every thread computes its share of a region, then meets the others
 * at a futex-based barrier, as libgomp's passive wait policy and glibc's barrier do. A thread
 * arriving increments the barrier's count with an L2 atomic; every thread but the last then calls
 * {@code futex(FUTEX_WAIT)} on the barrier's generation word, expecting the generation it saw; the
 * last one stores the next generation and calls {@code futex(FUTEX_WAKE)} for every waiter ({@code
 * INT_MAX}, as libgomp does), then goes on with the next region. A waiter whose wait reaches the
 * kernel after that store finds the word changed and returns at once (EAGAIN); one woken by the
 * wake of an earlier generation finds its own generation unchanged and waits again. The node's OS
 * serves the calls its way: the offload path to CL and a Linux futex under fusedos, CNK's futex
 * table and an IPI per waiter under cnk, the application's tasks under linux.
 *
 * <p>Each barrier is timed from the last arrival (the wake call) to the moment the last thread is
 * back in the application, and split along that critical path, with the marks each call's {@link
 * Timeline} carries: {@code entry} (the wake call reaching the code that serves it: trap, IPI,
 * CPU-0 handler and CL wakeup under fusedos; nothing on a local kernel), {@code wake} (the wake
 * call's service: the futex body and one wakeup per waiter), {@code reschedule} (from the end of
 * the wake's service until the last waiter runs again in its serving code: the woken tasks queueing
 * for CPUs, an IPI and an interrupt per waiter under cnk) and {@code resume} (from there back into
 * the application: RESUME, waitrsv and restore under fusedos).
 */
public final class OmpBarrier {
  /** The critical-path steps of one barrier. */
  public static final List<String> STEPS = List.of("entry", "wake", "reschedule", "resume");

  private static final long WORD = 1;

  private final NodeOs os;
  private final int regions;
  private final long workPs;
  private final double imbalance;
  private final long atomicPs;
  private final Runnable finished;
  private int threads;
  private int arrived;
  private int left;
  private int running;
  private int looping;
  private int unstarted = -1;
  private long teamAt = -1;
  private long loopEndAt = -1;
  // the barrier's generation word as the threads see it (the last arrival's store)
  private long generation;
  private long spurious;
  private long startedAt = -1;
  // the barrier under way: the wake call's timeline and the waiters' (null: not yet returned)
  private Timeline wakeTl;
  private long lastArrival;
  private long lastOut;
  private Timeline lastOutTl;
  private final List<long[]> barriers = new ArrayList<>();

  /**
   * Creates the program.
   *
   * @param regions the parallel regions, each ended by a barrier
   * @param workPs the least loaded thread's computation per region (a thread alone on its core)
   * @param imbalance how much more the most loaded thread computes: thread {@code i} of {@code n}
   *     computes {@code workPs * (1 + imbalance * i / (n - 1))}, a static schedule of iterations
   *     whose cost grows along the loop
   * @param atomicPs an arrival's atomic increment of the barrier count
   * @param finished runs when every thread is done
   */
  public OmpBarrier(
      NodeOs os, int regions, long workPs, double imbalance, long atomicPs, Runnable finished) {
    this.os = os;
    this.imbalance = imbalance;
    this.regions = regions;
    this.workPs = workPs;
    this.atomicPs = atomicPs;
    this.finished = finished;
  }

  /**
   * Returns one entry per thread, for {@link NodeOs#boot}: the master runs from the launch and
   * creates the others one after the other with clone, as libgomp starts its team at the first
   * parallel region.
   */
  public Runnable[] entries(int n) {
    threads = n;
    running = n;
    looping = n;
    left = n - 1;
    unstarted = n - 1;
    Runnable[] e = new Runnable[n];
    e[0] =
        () -> {
          startedAt = os.sim().now();
          spawn(1);
        };
    return e;
  }

  private void spawn(int i) {
    if (i == threads) {
      region(0, 0);
      return;
    }
    os.clone(
        0,
        i,
        () -> {
          if (--unstarted == 0) {
            teamAt = os.sim().now();
          }
          region(i, 0);
        },
        new Timeline(),
        r -> spawn(i + 1));
  }

  private void region(int t, int r) {
    if (r == regions) {
      if (--looping == 0) {
        loopEndAt = os.sim().now();
      }
      os.exit(
          t,
          () -> {
            if (--running == 0) {
              finished.run();
            }
          });
      return;
    }
    double share = threads > 1 ? imbalance * t / (threads - 1) : 0;
    long work = Math.round(workPs * (1 + share));
    os.compute(t, work, () -> os.compute(t, atomicPs, () -> arrive(t, r)));
  }

  private void arrive(int t, int r) {
    if (++arrived < threads) {
      await(t, r);
      return;
    }
    arrived = 0;
    generation = r + 1;
    lastArrival = os.sim().now();
    Timeline tl = new Timeline();
    wakeTl = tl;
    if (threads == 1) {
      barrierDone();
      region(t, r + 1);
      return;
    }
    os.syscall(t, Syscall.futexWake(WORD, Integer.MAX_VALUE, r + 1), tl, res -> region(t, r + 1));
  }

  /**
   * Waits for generation {@code r} to end: a wake of the word meant for an earlier generation (it
   * reached the kernel after this thread queued) finds the generation unchanged, and the thread
   * waits again, as libgomp's and glibc's barriers loop.
   */
  private void await(int t, int r) {
    Timeline tl = new Timeline();
    os.syscall(
        t,
        Syscall.futexWait(WORD, r, -1),
        tl,
        res -> {
          if (generation > r) {
            left(t, r, tl);
          } else {
            spurious++;
            await(t, r);
          }
        });
  }

  private void left(int t, int r, Timeline tl) {
    long now = os.sim().now();
    if (now >= lastOut) {
      lastOut = now;
      lastOutTl = tl;
    }
    if (--left == 0) {
      barrierDone();
    }
    region(t, r + 1);
  }

  /** The last waiter of the barrier is out: its critical path into the four steps. */
  private void barrierDone() {
    left = threads - 1;
    long total = (threads == 1 ? lastArrival : lastOut) - lastArrival;
    long[] b = new long[1 + STEPS.size()];
    b[0] = total;
    if (threads > 1) {
      long entryEnd = at(wakeTl, Step.CL_RUNNING, lastArrival);
      long waiterRunning = at(lastOutTl, Step.RESUME_STORE, lastOut);
      // the wake's service ends at its RESUME store (offloaded) or when it returned (local)
      long wakeEnd =
          Math.min(
              waiterRunning, at(wakeTl, Step.RESUME_STORE, at(wakeTl, Step.RETURNED, lastOut)));
      b[1] = entryEnd - lastArrival;
      b[2] = wakeEnd - entryEnd;
      b[3] = Math.max(0, waiterRunning - wakeEnd);
      b[4] = total - b[1] - b[2] - b[3];
    }
    barriers.add(b);
    lastOut = 0;
    lastOutTl = null;
  }

  private static long at(Timeline tl, Step s, long otherwise) {
    long v = tl.at(s);
    return v >= 0 ? v : otherwise;
  }

  /** Returns the waits that were woken by an earlier generation's wake and waited again. */
  public long spuriousWakeups() {
    return spurious;
  }

  /** Returns whether every thread finished. */
  public boolean done() {
    return running == 0;
  }

  /** Returns when the last created thread started, or when the master did if it is alone (ps). */
  public long teamAt() {
    return teamAt < 0 ? startedAt : teamAt;
  }

  /** Returns when the last thread left the last region, before the threads exit (ps). */
  public long loopEndAt() {
    return loopEndAt;
  }

  /** Returns when the master started (ps). */
  public long startedAt() {
    return startedAt;
  }

  /**
   * Returns per barrier its time from the last arrival to the last thread back in the application,
   * then the {@link #STEPS} (ps).
   */
  public List<long[]> barriers() {
    return List.copyOf(barriers);
  }

  /** The barrier's duration for reports, in ns. */
  public static double ns(long ps) {
    return Time.toNanos(ps);
  }
}
