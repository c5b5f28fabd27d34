package org.fusedsim.scenarios.workload;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;
import org.fusedsim.spc.Step;
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
  private int looping;
  private final Runnable finished;
  private final String node;
  private long startedAt = -1;
  private long finishedAt;
  private long flows;

  /**
   * Creates the program.
   *
   * @param finished runs when every thread is done
   */
  public SyscallLoop(
      NodeOs os, ImmutableList<Syscall> calls, int iterations, long thinkPs, Runnable finished) {
    this.os = os;
    this.calls = calls;
    this.iterations = iterations;
    this.thinkPs = thinkPs;
    this.finished = finished;
    this.node = os.location() + "/";
    for (Syscall c : calls) {
      stats.putIfAbsent(c.name(), new CallStats(c.name()));
    }
  }

  /** Returns one entry per thread, for {@link NodeOs#boot}. */
  public Runnable[] entries(int threads) {
    running = threads;
    looping = threads;
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
      if (--looping == 0) {
        finishedAt = os.sim().now();
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
    long start = os.sim().now();
    os.compute(
        t,
        thinkPs,
        () -> {
          Tracer tracer = os.sim().tracer();
          if (tracer.enabled() && os.sim().now() > start) {
            tracer.record(
                new TraceEvent(
                    start,
                    node + "app/thread" + t,
                    "compute",
                    os.sim().now() - start,
                    ImmutableMap.of()));
          }
          call(t, i, 0);
        });
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
          Tracer tracer = os.sim().tracer();
          if (tracer.enabled()) {
            trace(tracer, t, s.name(), tl);
          }
          call(t, i, c + 1);
        });
  }

  /**
   * Emits one call as trace events: the call on the application thread's track and, on the offload
   * path, the CPU-0 handler and CL's service on their own tracks, with arrows for the IPI and for
   * the RESUME store that wakes the thread.
   */
  private void trace(Tracer tracer, int t, String call, Timeline tl) {
    String app = node + "app/thread" + t;
    long trap = tl.at(Step.TRAP);
    long end = tl.at(Step.RETURNED);
    tracer.record(new TraceEvent(trap, app, call, end - trap, ImmutableMap.of("thread", (long) t)));
    if (!tl.complete()) {
      return;
    }
    // the call's slices and its two flows go in together: a bounded trace keeps all or none
    List<TraceEvent> together = new ArrayList<>();
    traceOffload(
        new Tracer() {
          @Override
          public boolean enabled() {
            return true;
          }

          @Override
          public void record(TraceEvent e) {
            together.add(e);
          }
        },
        t,
        call,
        tl,
        app);
    tracer.recordAll(together);
  }

  private void traceOffload(Tracer tracer, int t, String call, Timeline tl, String app) {
    long ipi = ((long) os.hardware().endpoint() << 32) | ++flows;
    long resume = ((long) os.hardware().endpoint() << 32) | ++flows;
    String cl = node + os.personality() + "/server" + t;
    slice(tracer, app, "trap_save", tl, Step.TRAP, Step.IPI_SENT, ImmutableMap.of());
    tracer.record(
        new TraceEvent(tl.at(Step.IPI_SENT), app, "ipi.send", 0, ImmutableMap.of("flow_out", ipi)));
    slice(
        tracer,
        node + "linux/spc-ipi-handler",
        "cpu0_handler",
        tl,
        Step.HANDLER,
        Step.WOKEN,
        ImmutableMap.of("flow_in", ipi));
    slice(tracer, cl, "cl_wakeup", tl, Step.WOKEN, Step.CL_RUNNING, ImmutableMap.of());
    slice(tracer, cl, "service " + call, tl, Step.CL_RUNNING, Step.RESUME_STORE, ImmutableMap.of());
    tracer.record(
        new TraceEvent(
            tl.at(Step.RESUME_STORE), cl, "resume.store", 0, ImmutableMap.of("flow_out", resume)));
    slice(tracer, app, "waiting for CL", tl, Step.IPI_SENT, Step.STORE_VISIBLE, ImmutableMap.of());
    slice(
        tracer,
        app,
        "waitrsv_wake",
        tl,
        Step.STORE_VISIBLE,
        Step.SPC_AWAKE,
        ImmutableMap.of("flow_in", resume));
    slice(tracer, app, "restore", tl, Step.SPC_AWAKE, Step.RETURNED, ImmutableMap.of());
  }

  private static void slice(
      Tracer tracer,
      String track,
      String name,
      Timeline tl,
      Step from,
      Step to,
      ImmutableMap<String, Object> fields) {
    long a = tl.at(from);
    tracer.record(new TraceEvent(a, track, name, tl.at(to) - a, fields));
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
