package org.fusedsim.scenarios.replay;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.trace.Attr;
import org.fusedsim.scenarios.trace.TraceRecord;
import org.fusedsim.spc.Block;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;

/**
 * Replays the ranks placed on one node: rank {@code r}'s trace slot {@code s} runs on application
 * thread {@code r * threadsPerRank + s}. Each thread is sequential; before each record it computes
 * for the recorded gap times the CPU-speed factor, then issues the call on the node. Completion is
 * causal where the spec says so: a clone starts its child, {@code !exit} ends a thread, a wait4
 * that reaped a child ends when that child's thread does (bounded by the recorded duration, so an
 * event the replay orders differently never deadlocks it). Sleeps and futexes are the node's own
 * blocking calls ({@link Syscall#nanosleep}, {@link Syscall#futexWait}, {@link Syscall#futexWake}):
 * the OS blocks the thread the way the personality does (the CL pthread in Linux under fusedos,
 * CNK's futex table, the application's task under linux) and wakes it on a wake of the same word in
 * the same rank; a wait is bounded by its recorded duration as its timeout.
 */
final class NodeReplay {
  /** The call that ended the job. */
  record Abort(String call, String file, int line, String who, long atPs) {}

  private final NodeOs os;
  private final Simulation sim;
  private final List<LoadedTrace> ranks;
  private final int firstRank;
  private final int perRank;
  private final double cpuSpeed;
  private final CallClassifier classifier;
  private final Unsupported policy;
  private final ReplayStats stats;
  private final List<TraceRecord> emitted;
  // [rank][call key]: the calls of a trace with the same name, descriptor and path are classified
  // alike; ranks replaying one trace share its array
  private final Prepared[][] prepared;
  private int running;
  // per application thread: whether it has ended, and who waits for that (wait4)
  private boolean[] ended;
  private Waiter[] reapers;
  private boolean[] exiting;
  private final Runnable finished;
  private long startedAt = -1;
  private long finishedAt = -1;
  private Abort abort;

  /** A record's call under this profile, worked out once for every rank replaying the trace. */
  private static final class Prepared {
    final boolean endsJob;
    final String cls;
    final boolean uns;
    final String name;
    // the report's counters, taken at the first call counted (as the report orders them)
    LatencyHistogram byClass;
    ReplayStats.PerCall perCall;

    Prepared(boolean endsJob, String cls, String name) {
      this.endsJob = endsJob;
      this.cls = cls;
      this.uns = cls.equals("UNS");
      this.name = name;
    }
  }

  /** A thread waiting for a child's end (wait4). */
  private static final class Waiter {
    final int thread;
    final Runnable cont;
    boolean done;
    Waiter next;

    Waiter(int thread, Runnable cont) {
      this.thread = thread;
      this.cont = cont;
    }
  }

  NodeReplay(
      NodeOs os,
      List<LoadedTrace> ranks,
      int firstRank,
      int perRank,
      double cpuSpeed,
      CallClassifier classifier,
      Unsupported policy,
      ReplayStats stats,
      boolean emit,
      Runnable finished) {
    this.finished = finished;
    this.os = os;
    this.sim = os.sim();
    this.ranks = ranks;
    this.firstRank = firstRank;
    this.perRank = perRank;
    this.cpuSpeed = cpuSpeed;
    this.classifier = classifier;
    this.policy = policy;
    this.stats = stats;
    this.emitted = emit ? new ArrayList<>() : null;
    prepared = new Prepared[ranks.size()][];
    Map<LoadedTrace, Prepared[]> byTrace = new IdentityHashMap<>();
    for (int r = 0; r < ranks.size(); r++) {
      LoadedTrace t = ranks.get(r);
      if (emit && !t.keepsRecords()) {
        throw new IllegalArgumentException(t.name() + " was read without its records");
      }
      prepared[r] = byTrace.computeIfAbsent(t, x -> new Prepared[x.callKeys()]);
    }
  }

  /** Returns one entry per application thread, for {@link NodeOs#boot}. */
  Runnable[] entries() {
    Runnable[] e = new Runnable[ranks.size() * perRank];
    running = e.length;
    ended = new boolean[e.length];
    reapers = new Waiter[e.length];
    exiting = new boolean[e.length];
    for (int r = 0; r < ranks.size(); r++) {
      LoadedTrace t = ranks.get(r);
      for (int s = 0; s < perRank; s++) {
        int rank = r;
        int slot = s;
        int thread = r * perRank + s;
        if (s >= t.threads()) {
          e[thread] = () -> end(thread);
        } else if (t.cloned(s)) {
          e[thread] = null; // its clone starts it
        } else {
          e[thread] =
              () -> {
                started();
                next(rank, slot, 0, t.firstNs());
              };
        }
      }
    }
    return e;
  }

  private void started() {
    if (startedAt < 0) {
      startedAt = sim.now();
    }
  }

  /** The thread's program is over: it exits, unless an exit call already took it. */
  private void end(int thread) {
    if (!exiting[thread]) {
      exiting[thread] = true;
      os.exit(thread, () -> ended(thread));
    }
  }

  /** The thread has exited: a parent in wait4 for it goes on, woken by the exiting thread. */
  private void ended(int thread) {
    ended[thread] = true;
    for (Waiter w = reapers[thread]; w != null; w = w.next) {
      if (!w.done) {
        w.done = true;
        os.unpark(w.thread, thread, w.cont);
      }
    }
    reapers[thread] = null;
    if (--running == 0) {
      finishedAt = sim.now();
      finished.run();
    }
  }

  /** wait4 reaped the child in slot {@code op.child()}: go on once that thread has ended. */
  private void reap(int rank, int thread, ReplayOp op, Runnable cont) {
    if (op.child() >= perRank || op.waitNs() == 0) {
      cont.run();
      return;
    }
    int child = rank * perRank + op.child();
    if (ended[child]) {
      cont.run();
      return;
    }
    Waiter w = new Waiter(thread, cont);
    w.next = reapers[child];
    reapers[child] = w;
    // bounded by the recorded wait, so that a child the replay never ends cannot hang the parent
    parkAtMost(w, op.waitNs());
  }

  /**
   * Thread (rank, slot) goes on with record {@code k}; {@code prevEnd} is the last record's end.
   */
  private void next(int rank, int slot, int k, long prevEnd) {
    LoadedTrace t = ranks.get(rank);
    int thread = rank * perRank + slot;
    if (k == t.size(slot)) {
      end(thread);
      return;
    }
    ReplayOp op = t.op(slot, k);
    long gapNs = Math.max(0, op.ts() - prevEnd);
    long thinkPs = Math.round(gapNs * 1000.0 * cpuSpeed);
    stats.thinkPs += thinkPs;
    if (thinkPs > 0
        && op.kind() != ReplayOp.Kind.EVENT
        && op.kind() != ReplayOp.Kind.EXIT
        && op.kind() != ReplayOp.Kind.CLONE
        && !exits(op)) {
      Prepared pc = prepared(rank, slot, k, op);
      if (!pc.uns) {
        // an ordinary call: the think time and the call go to the node together, which says
        // when the call was made (computing may be stretched by the OS)
        long[] issued = {-1};
        Timeline tl = new Timeline();
        os.computeThenSyscall(
            thread,
            thinkPs,
            callOf(rank, op),
            tl,
            at -> {
              stats.records++;
              issued[0] = at;
            },
            res -> returned(rank, slot, k, op, issued[0], pc, tl));
        return;
      }
    }
    if (thinkPs == 0) {
      perform(rank, slot, k, op);
    } else {
      os.compute(thread, thinkPs, () -> perform(rank, slot, k, op));
    }
  }

  private Prepared prepared(int rank, int slot, int k, ReplayOp op) {
    Prepared p = prepared[rank][op.callKey()];
    if (p == null) {
      boolean endsJob = classifier.endsJob(op.call());
      String cls = endsJob ? "UNS" : classifier.classOf(op.call());
      p = new Prepared(endsJob, cls, op.call().name());
      prepared[rank][op.callKey()] = p;
    }
    return p;
  }

  private void count(Prepared pc, long latencyPs) {
    if (pc.byClass == null) {
      pc.byClass = stats.classHistogram(pc.cls);
      pc.perCall = stats.perCall(pc.name, pc.cls);
    }
    stats.call(pc.byClass, pc.perCall, latencyPs);
  }

  private void perform(int rank, int slot, int k, ReplayOp op) {
    stats.records++;
    int thread = rank * perRank + slot;
    switch (op.kind()) {
      case EVENT -> next(rank, slot, k + 1, op.endNs());
      case EXIT -> end(thread);
      default -> call(rank, slot, k, op);
    }
  }

  private void call(int rank, int slot, int k, ReplayOp op) {
    int thread = rank * perRank + slot;
    Prepared pc = prepared(rank, slot, k, op);
    boolean endsJob = pc.endsJob;
    String cls = pc.cls;
    // the node's routing decides whether CL ends the job; the report's class must agree with it
    boolean uns = pc.uns;
    long issued = sim.now();
    if (uns && policy == Unsupported.ABORT && abort == null) {
      abort =
          new Abort(
              op.call().name(),
              ranks.get(rank).name(),
              op.line(),
              (firstRank + rank) + "." + slot,
              issued);
      if (!endsJob) {
        // the profile itself would return an error; the policy ends the job here instead
        os.park(thread);
        sim.stop();
        return;
      }
    }
    if (uns && (policy == Unsupported.SKIP || (endsJob && policy == Unsupported.ERRNO))) {
      // skip: left out; errno where the released CL would end the job: ENOSYS at no modelled cost
      if (policy == Unsupported.SKIP) {
        stats.skipped++;
      } else {
        count(pc, 0);
      }
      afterCall(rank, slot, k, op, issued, pc, null);
      return;
    }
    Timeline tl = new Timeline();
    if (op.kind() == ReplayOp.Kind.CLONE && op.child() < perRank) {
      int child = op.child();
      os.clone(
          thread,
          rank * perRank + child,
          () -> next(rank, child, 0, op.endNs()),
          tl,
          res -> returned(rank, slot, k, op, issued, pc, tl));
      return;
    }
    if (exits(op) && !exiting[thread]) {
      // the thread's exit: the OS ends it (the last one's ends the job), and it goes no further
      exiting[thread] = true;
      os.exit(
          thread,
          () -> {
            record(rank, slot, op, issued, pc, tl);
            // what the trace has after the exit call (its end marker) is over with it
            stats.records += ranks.get(rank).size(slot) - (k + 1);
            ended(thread);
          });
      return;
    }
    os.syscall(thread, callOf(rank, op), tl, res -> returned(rank, slot, k, op, issued, pc, tl));
  }

  private static boolean exits(ReplayOp op) {
    if (op.kind() != ReplayOp.Kind.CALL) {
      return false;
    }
    String name = op.call().name();
    return name.equals("exit") || name.equals("exit_group");
  }

  /**
   * The call as the node gets it: a sleep or futex carries what it asks of the kernel, a futex word
   * being the rank's (ranks are processes: their words never meet).
   */
  private static Syscall callOf(int rank, ReplayOp op) {
    Syscall c = op.call();
    long word = ((long) rank << 32) | op.futex();
    Block b =
        switch (op.kind()) {
          case SLEEP -> new Block(Block.Kind.SLEEP, 0, 0, Time.ns(op.waitNs()));
          case FUTEX_WAIT ->
              op.waitNs() == 0
                  ? Block.NONE
                  : new Block(Block.Kind.FUTEX_WAIT, word, 0, Time.ns(op.waitNs()));
          case FUTEX_WAKE -> new Block(Block.Kind.FUTEX_WAKE, word, op.wakes(), -1);
          case READY_WAIT -> new Block(Block.Kind.READY, 0, 0, Time.ns(op.waitNs()));
          default -> Block.NONE;
        };
    return b == Block.NONE ? c : new Syscall(c.name(), c.fd(), c.path(), c.bytes(), b);
  }

  private void returned(
      int rank, int slot, int k, ReplayOp op, long issued, Prepared pc, Timeline tl) {
    if (op.kind() == ReplayOp.Kind.BLOCKED) {
      // still blocked in this call when the trace ended
      record(rank, slot, op, issued, pc, tl);
      end(rank * perRank + slot);
      return;
    }
    afterCall(rank, slot, k, op, issued, pc, tl);
  }

  private void afterCall(
      int rank, int slot, int k, ReplayOp op, long issued, Prepared pc, Timeline tl) {
    int thread = rank * perRank + slot;
    Runnable cont =
        () -> {
          record(rank, slot, op, issued, pc, tl);
          next(rank, slot, k + 1, op.endNs());
        };
    switch (op.kind()) {
      case WAIT_CHILD -> reap(rank, thread, op, cont);
      default -> cont.run();
    }
  }

  /** Parks the waiter's thread until it is released or {@code ns} have passed. */
  private void parkAtMost(Waiter w, long ns) {
    os.park(w.thread);
    sim.schedule(
        Time.ns(ns),
        () -> {
          if (!w.done) {
            w.done = true;
            os.unpark(w.thread, w.thread, w.cont);
          }
        });
  }

  private void record(int rank, int slot, ReplayOp op, long issued, Prepared pc, Timeline tl) {
    long latency = sim.now() - issued;
    count(pc, latency);
    if (emitted != null) {
      TraceRecord r = op.record();
      List<Attr> attrs = new ArrayList<>(r.attrs());
      attrs.removeIf(a -> a.key().equals("class") || a.key().startsWith("t_"));
      attrs.add(new Attr("class", pc.cls));
      if (tl != null && tl.complete()) {
        attrs.add(Attr.of("t_ipi", (tl.at(Step.CL_RUNNING) - tl.at(Step.IPI_SENT)) / 1000));
        attrs.add(Attr.of("t_service", (tl.at(Step.RESUME_STORE) - tl.at(Step.CL_RUNNING)) / 1000));
      } else if (tl != null && tl.at(Step.TRAP) >= 0 && tl.at(Step.RETURNED) >= 0) {
        attrs.add(Attr.of("t_service", tl.total() / 1000));
      }
      emitted.add(
          new TraceRecord(
              (issued - Math.max(0, startedAt)) / 1000,
              firstRank + rank,
              slot,
              r.op(),
              latency / 1000,
              r.ret(),
              attrs,
              r.line()));
    }
  }

  /** Returns when the first thread started (ps), or -1. */
  long startedAt() {
    return startedAt;
  }

  /** Returns when the last thread finished (ps), or -1 if the replay did not finish. */
  long finishedAt() {
    return finishedAt;
  }

  /** Returns whether every thread finished. */
  boolean done() {
    return running == 0;
  }

  /** Returns the call the job ended on, or null. */
  Abort abort() {
    return abort;
  }

  /** Returns the simulated records for {@code --emit-cst}, or null. */
  List<TraceRecord> emitted() {
    return emitted;
  }
}
