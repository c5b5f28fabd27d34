package org.fusedsim.scenarios.workload;

import com.google.common.collect.ImmutableList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;

/**
 * The system-call loop: each thread repeats {@code iterations} times: compute for {@code think},
 * then issue each call of the list once, back to back. Per call name the latencies are collected;
 * the simulation stops when every thread is done.
 */
public final class SyscallLoop {
  private final NodeOs os;
  private final ImmutableList<Syscall> calls;
  private final int iterations;
  private final long thinkPs;
  private final Map<String, CallStats> stats = new LinkedHashMap<>();
  private int running;
  private long startedAt = -1;
  private long finishedAt;

  /** Creates the program. */
  public SyscallLoop(NodeOs os, ImmutableList<Syscall> calls, int iterations, long thinkPs) {
    this.os = os;
    this.calls = calls;
    this.iterations = iterations;
    this.thinkPs = thinkPs;
    for (Syscall c : calls) {
      stats.putIfAbsent(c.name(), new CallStats(c.name()));
    }
  }

  /** Returns one entry per thread, for {@link NodeOs#boot}. */
  public Runnable[] entries(int threads) {
    running = threads;
    Runnable[] e = new Runnable[threads];
    for (int i = 0; i < threads; i++) {
      int t = i;
      e[i] =
          () -> {
            if (startedAt < 0) {
              startedAt = os.sim().now();
            }
            iteration(t, 0);
          };
    }
    return e;
  }

  private void iteration(int t, int i) {
    if (i == iterations) {
      os.finish(t);
      if (--running == 0) {
        finishedAt = os.sim().now();
        os.sim().stop();
      }
      return;
    }
    os.compute(t, thinkPs, () -> call(t, i, 0));
  }

  private void call(int t, int i, int c) {
    if (c == calls.size()) {
      iteration(t, i + 1);
      return;
    }
    Syscall s = calls.get(c);
    Timeline tl = new Timeline();
    os.syscall(
        t,
        s,
        tl,
        r -> {
          stats.get(s.name()).record(tl);
          call(t, i, c + 1);
        });
  }

  /** Returns the statistics per call name, in list order. */
  public Map<String, CallStats> stats() {
    return stats;
  }

  /** Returns when the first thread started. */
  public long startedAt() {
    return startedAt;
  }

  /** Returns when the last thread finished. */
  public long finishedAt() {
    return finishedAt;
  }

  /** Returns whether every thread finished. */
  public boolean done() {
    return running == 0;
  }
}
