package org.fusedsim.fusedosfs;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.core.EventHandle;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Timer;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;

/**
 * A Linux kernel on a set of CPUs (hardware threads): per-CPU run queues with a simple fair
 * scheduler, context switches, wakeups, interrupts that take time from whatever the CPU was doing,
 * and the periodic tick with NO_HZ.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>A CPU executes one segment at a time: a context switch or a burst of its current task. An
 *       interrupt pauses the segment for {@code irq_entry + handler + irq_exit}; the segment then
 *       resumes where it stopped, so interrupts show up as time stolen from the task.
 *   <li>Fair scheduling as in CFS with equal weights: a task's virtual runtime grows with the CPU
 *       time it gets; the run queue is served lowest virtual runtime first; a woken sleeper is
 *       placed at {@code min_vruntime - sched_latency/2} at the earliest and preempts the running
 *       task if it is ahead by more than the wakeup granularity. The tick preempts a task that has
 *       fallen more than that granularity behind a queued one.
 *   <li>Wakeup: the task goes to its previous CPU if that is idle, else to the first idle CPU it
 *       may use, else back to its previous CPU. A wakeup on another CPU that must reschedule (idle,
 *       or preemption due) sends a reschedule IPI through the interrupt controller.
 *   <li>Ticks fall on every CPU at multiples of the tick period; with NO_HZ an idle CPU skips them.
 *   <li>New-idle balancing: a CPU about to go idle pulls the lowest-vruntime task it may run from
 *       the longest other run queue (periodic load balancing is not modelled).
 * </ul>
 *
 * <p>Not modelled: SMT interference between a CPU and its siblings, periodic load balancing,
 * weights/nice levels, RT classes, softirq deferral to ksoftirqd.
 */
public final class LinuxKernel {
  private final Simulation sim;
  private final LinuxParams params;
  private final InterruptController interrupts;
  private final Cpu[] byThread;
  private final List<Cpu> cpus = new ArrayList<>();
  private long taskSeq;
  private long contextSwitches;
  private long wakeups;
  private long ticks;
  private long irqs;
  private long reschedIpis;
  private long migrations;

  /**
   * An interrupt handler whose work is decided as the interrupt begins, not when entry ends: it
   * saves the event at the end of {@code irq_entry}. It may change its plan until entry ends
   * ({@link #replan}).
   */
  public interface PlannedHandler {
    /**
     * Called as the interrupt begins; decides what the handler does as of {@code entryEnd} (when
     * {@code irq_entry} ends) and returns the handler's duration from then.
     */
    long plan(long entryEnd);

    /** Runs when the handler finishes. */
    void atEnd();
  }

  /**
   * An action at a point inside a burst that others observe (a store to shared memory) and that can
   * be taken ahead of time and undone: when a run of the burst starts, {@link #ahead} is told when
   * the point will be reached if nothing interrupts the run first; if something does, {@link #undo}
   * is called and, when the run starts again, {@link #ahead} with the new time. The action so
   * happens at the exact time the task reaches the point, without an event there.
   */
  public interface AheadMark {
    /** The task will reach the point at {@code at} (now or later) unless interrupted first. */
    void ahead(long at);

    /** The run was interrupted before the point: undo what {@link #ahead} did. */
    void undo();
  }

  /** An interrupt waiting on its CPU: a handler, a planned handler, or a reschedule IPI. */
  private record PendingIrq(LongSupplier atEntry, Runnable atEnd, PlannedHandler planned) {}

  private static final PendingIrq RESCHED = new PendingIrq(null, null, null);

  private static final ImmutableMap<String, Object> NO_FIELDS = ImmutableMap.of();

  private final class Cpu {
    final int id;
    Task current;
    final List<Task> rq = new ArrayList<>();
    boolean segActive;
    boolean segBurst;
    // CPU time at the start of the segment that is not the task's burst (its context switch)
    long segPlainLeft;
    // while a task woken to run starts its burst: the switch to put in front of it, else -1
    long switchingIn = -1;
    long segRemaining;
    long segStart;
    Runnable segDone;
    // progress left until the segment's mark, or -1; the mark learns when it was reached
    long segMarkLeft = -1;
    LongConsumer segMark;
    // an action mark: progress left until it, or -1, and the action told ahead of time
    long segAheadLeft = -1;
    AheadMark segAhead;
    final Timer segTimer;
    boolean inIrq;
    long irqStart;
    // a reschedule IPI to this idle CPU taken as one event at its end: when it arrives, else -1
    long reschedArrival = -1;
    final Timer reschedEnd;
    // the planned handler being served and the end of its irq_entry
    PlannedHandler planned;
    long plannedEntryEnd;
    final Timer plannedEnd;
    final ArrayDeque<PendingIrq> irqQueue = new ArrayDeque<>();
    boolean needResched;
    EventHandle tick;
    final InterruptController.IpiHandler reschedIpi;
    final Runnable endIrq;

    Cpu(int id) {
      this.id = id;
      this.segTimer = sim.timer(() -> finishSegment(this));
      this.reschedEnd = sim.timer(() -> endBookedResched(this));
      this.plannedEnd = sim.timer(() -> endPlanned(this));
      this.reschedIpi = from -> raise(this, RESCHED);
      this.endIrq = () -> traceAndEndIrq(this);
    }

    boolean idle() {
      return current == null && rq.isEmpty();
    }
  }

  /**
   * Creates the kernel on the given hardware threads (chip-wide ids; CPU numbers are the same ids).
   *
   * @param interrupts the node's interrupt controller, for reschedule IPIs
   */
  public LinuxKernel(
      Simulation sim, LinuxParams params, InterruptController interrupts, int[] cpuThreads) {
    this.sim = sim;
    this.params = params;
    this.interrupts = interrupts;
    int max = 0;
    for (int t : cpuThreads) {
      max = Math.max(max, t);
    }
    byThread = new Cpu[max + 1];
    for (int t : cpuThreads) {
      Cpu c = new Cpu(t);
      byThread[t] = c;
      cpus.add(c);
    }
    if (!params.noHz()) {
      for (Cpu c : cpus) {
        armTick(c);
      }
    }
  }

  /** Returns the parameters. */
  public LinuxParams params() {
    return params;
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the CPU ids, ascending as given. */
  public int[] cpuIds() {
    return cpus.stream().mapToInt(c -> c.id).toArray();
  }

  /** Creates a sleeping task that may run on {@code allowed} CPUs. */
  public Task spawn(String name, int[] allowed) {
    for (int a : allowed) {
      cpu(a);
    }
    return new Task(name, allowed, taskSeq++);
  }

  private Cpu cpu(int id) {
    if (id < 0 || id >= byThread.length || byThread[id] == null) {
      throw new IllegalArgumentException("CPU " + id + " is not a Linux CPU");
    }
    return byThread[id];
  }

  /**
   * The current task {@code t} computes for {@code ps} of CPU time; {@code then} runs on its CPU
   * when done (interrupts and preemption stretch the wall time).
   */
  public void run(Task t, long ps, Runnable then) {
    run(t, ps, -1, null, then);
  }

  /**
   * As {@link #run(Task, long, Runnable)}, and {@code mark} is told the simulated time at which the
   * task had computed {@code markAt} of the {@code ps} (interrupts and preemption included): one
   * burst can then stand for several steps that nobody else observes, such as leaving the kernel
   * and then working in user space. The mark is told no later than when {@code then} runs.
   *
   * @param markAt CPU time into the burst, {@code 0 <= markAt <= ps}
   */
  public void run(Task t, long ps, long markAt, LongConsumer mark, Runnable then) {
    run(t, ps, markAt, mark, -1, null, then);
  }

  /**
   * As {@link #run(Task, long, long, LongConsumer, Runnable)}, with an action mark {@code act} at
   * {@code actAt} of CPU time into the burst (see {@link AheadMark}).
   *
   * @param actAt CPU time into the burst, {@code 0 <= actAt <= ps}
   */
  public void run(
      Task t, long ps, long markAt, LongConsumer mark, long actAt, AheadMark act, Runnable then) {
    Cpu c = cpu(t.cpu);
    if (c.current != t || c.segActive) {
      throw new IllegalStateException("task " + t + " is not the running task of CPU " + c.id);
    }
    if (mark != null && (markAt < 0 || markAt > ps)) {
      throw new IllegalArgumentException("mark at " + markAt + " outside a burst of " + ps);
    }
    if (act != null && (actAt < 0 || actAt > ps)) {
      throw new IllegalArgumentException("action at " + actAt + " outside a burst of " + ps);
    }
    long plain = 0;
    if (c.switchingIn >= 0) {
      plain = c.switchingIn;
      c.switchingIn = -1;
    }
    t.acted = true;
    startSegment(c, plain + ps, true, () -> continueTask(t, then));
    c.segPlainLeft = plain;
    if (mark != null) {
      c.segMarkLeft = plain + markAt;
      c.segMark = mark;
    }
    if (act != null) {
      armAhead(c, act, plain + actAt);
    }
  }

  /** The current task {@code t} blocks; its CPU picks the next task. */
  public void block(Task t) {
    Cpu c = cpu(t.cpu);
    if (c.current != t || c.segActive) {
      throw new IllegalStateException("task " + t + " cannot block: not running on " + c.id);
    }
    t.acted = true;
    t.state = Task.State.SLEEPING;
    c.current = null;
    if (!inIrq(c)) {
      reschedule(c);
    }
  }

  /**
   * Wakes a sleeping task; {@code continuation} runs when it is on a CPU. {@code wakerCpu} is the
   * CPU executing the wakeup (its cost is the caller's), or -1 if none (start-up).
   */
  public void wake(Task t, int wakerCpu, Runnable continuation) {
    wake(t, wakerCpu, continuation, false);
  }

  /**
   * As {@link #wake}, for a continuation that starts with {@link #run} and does nothing before it
   * that anyone else could see: it is called as the task is picked, and its first burst takes the
   * context switch in front of it, as one segment.
   */
  public void wakeToRun(Task t, int wakerCpu, Runnable continuation) {
    wake(t, wakerCpu, continuation, true);
  }

  private void wake(Task t, int wakerCpu, Runnable continuation, boolean eager) {
    if (t.state != Task.State.SLEEPING) {
      throw new IllegalStateException("task " + t + " is " + t.state + ", not sleeping");
    }
    wakeups++;
    Cpu target = select(t);
    long floor = minVruntime(target) - params.schedLatencyPs() / 2;
    t.vruntime = Math.max(t.vruntime, floor);
    t.cpu = target.id;
    t.state = Task.State.RUNNABLE;
    t.onCpu = continuation;
    t.onCpuEager = eager;
    target.rq.add(t);
    traceQueue(target);
    boolean resched =
        target.current == null
            || (bursting(target)
                && t.vruntime + params.wakeupGranularityPs() < currentVruntime(target));
    if (!resched) {
      return;
    }
    target.needResched = true;
    if (target.id == wakerCpu || inIrq(target)) {
      return; // checked at the end of the interrupt being executed there
    }
    if (wakerCpu < 0) {
      if (target.current == null && !target.segActive) {
        target.needResched = false;
        reschedule(target);
      }
      return;
    }
    reschedIpis++;
    if (target.current == null
        && !target.segActive
        && target.irqQueue.isEmpty()
        && target.reschedArrival < 0) {
      // an idle CPU that nothing else touches until the IPI arrives does nothing but take it:
      // one event at the end of the interrupt (settle() falls back if something does touch it)
      long arrival = interrupts.sendIpiAt(sim.now(), wakerCpu, target.id);
      target.reschedArrival = arrival;
      target.reschedEnd.schedule(arrival - sim.now() + params.irqEntryPs() + params.irqExitPs());
      return;
    }
    interrupts.sendIpi(wakerCpu, target.id, target.reschedIpi);
  }

  /** Returns whether the CPU is in an interrupt, including a booked reschedule IPI that arrived. */
  private boolean inIrq(Cpu c) {
    return c.inIrq || (c.reschedArrival >= 0 && sim.now() >= c.reschedArrival);
  }

  /**
   * Something is about to happen on a CPU with a booked reschedule IPI not yet arrived: the IPI is
   * delivered in its own event after all, as any other interrupt.
   */
  private void settle(Cpu c) {
    if (c.reschedArrival >= 0 && sim.now() < c.reschedArrival) {
      c.reschedEnd.cancel();
      long arrival = c.reschedArrival;
      c.reschedArrival = -1;
      sim.scheduleAt(arrival, () -> raise(c, RESCHED));
    }
  }

  /** The end of a booked reschedule IPI on an idle CPU. */
  private void endBookedResched(Cpu c) {
    irqs++;
    c.irqStart = c.reschedArrival;
    c.reschedArrival = -1;
    c.inIrq = true;
    traceAndEndIrq(c);
  }

  /**
   * Raises an interrupt on CPU {@code cpuId}: after {@code irq_entry}, {@code atEntry} runs and
   * returns the handler's duration; {@code atEnd} runs when the handler finishes, then {@code
   * irq_exit}. Interrupts on one CPU are served one after the other.
   */
  public void interrupt(int cpuId, LongSupplier atEntry, Runnable atEnd) {
    raise(cpu(cpuId), new PendingIrq(atEntry, atEnd, null));
  }

  /**
   * Raises an interrupt on CPU {@code cpuId} whose handler plans its work as the interrupt begins
   * (see {@link PlannedHandler}); otherwise as {@link #interrupt(int, LongSupplier, Runnable)}.
   */
  public void interrupt(int cpuId, PlannedHandler handler) {
    raise(cpu(cpuId), new PendingIrq(null, null, handler));
  }

  /**
   * The planned handler being served on CPU {@code cpuId} changed its plan before its entry ended:
   * it now takes {@code duration} from the end of entry.
   *
   * @throws IllegalStateException if no planned handler is before the end of its entry there
   */
  public void replan(int cpuId, long duration) {
    Cpu c = cpu(cpuId);
    if (c.planned == null || sim.now() > c.plannedEntryEnd) {
      throw new IllegalStateException("no planned interrupt entering on CPU " + cpuId);
    }
    c.plannedEnd.cancel();
    c.plannedEnd.schedule(c.plannedEntryEnd + duration - sim.now());
  }

  private void endPlanned(Cpu c) {
    PlannedHandler h = c.planned;
    c.planned = null;
    h.atEnd();
    PendingIrq next = c.irqQueue.peek();
    if (next != null && next.planned() != null) {
      // Another planned interrupt waits: all the exit does is begin it (nothing leaves the queue
      // meanwhile and the CPU stays in interrupt context), so it begins now, as of the exit's end.
      c.irqQueue.poll();
      long exitEnd = sim.now() + params.irqExitPs();
      traceIrq(c, exitEnd);
      irqs++;
      c.irqStart = exitEnd;
      plan(c, next.planned(), exitEnd);
      return;
    }
    sim.schedule(params.irqExitPs(), c.endIrq);
  }

  /** Plans {@code h} for an interrupt beginning at {@code begin} (now or later). */
  private void plan(Cpu c, PlannedHandler h, long begin) {
    long entryEnd = begin + params.irqEntryPs();
    c.planned = h;
    c.plannedEntryEnd = entryEnd;
    c.plannedEnd.schedule(entryEnd + h.plan(entryEnd) - sim.now());
  }

  private void raise(Cpu c, PendingIrq irq) {
    settle(c);
    if (inIrq(c)) {
      c.irqQueue.add(irq);
      return;
    }
    pause(c);
    c.inIrq = true;
    beginIrq(c, irq);
  }

  private void beginIrq(Cpu c, PendingIrq irq) {
    irqs++;
    c.irqStart = sim.now();
    if (irq == RESCHED) {
      // no handler work: nothing happens between entry and exit, so one event ends it
      sim.schedule(params.irqEntryPs() + params.irqExitPs(), c.endIrq);
      return;
    }
    if (irq.planned() != null) {
      plan(c, irq.planned(), sim.now());
      return;
    }
    sim.schedule(
        params.irqEntryPs(),
        () -> {
          long h = irq.atEntry().getAsLong();
          sim.schedule(
              h,
              () -> {
                irq.atEnd().run();
                sim.schedule(params.irqExitPs(), c.endIrq);
              });
        });
  }

  private void traceAndEndIrq(Cpu c) {
    traceIrq(c, sim.now());
    endIrq(c);
  }

  /** Reports the interrupt that ends at {@code end} as a slice on the CPU's track, when tracing. */
  private void traceIrq(Cpu c, long end) {
    Tracer tr = sim.tracer();
    if (tr.enabled()) {
      tr.record(new TraceEvent(c.irqStart, "linux/cpu" + c.id, "irq", end - c.irqStart, NO_FIELDS));
    }
  }

  private void endIrq(Cpu c) {
    PendingIrq next = c.irqQueue.poll();
    if (next != null) {
      beginIrq(c, next);
      return;
    }
    c.inIrq = false;
    if (c.needResched) {
      c.needResched = false;
      if (c.current == null) {
        reschedule(c);
        return;
      }
      if (bursting(c) && !c.rq.isEmpty()) {
        Task best = best(c);
        if (best.vruntime < currentVruntime(c)) {
          preempt(c);
          return;
        }
      }
    }
    if (c.current == null && !c.rq.isEmpty()) {
      reschedule(c);
      return;
    }
    resume(c);
  }

  private void preempt(Cpu c) {
    Task t = c.current;
    long left = c.segRemaining;
    Runnable done = c.segDone;
    long markLeft = c.segMarkLeft;
    LongConsumer mark = c.segMark;
    long aheadLeft = c.segAheadLeft;
    AheadMark ahead = c.segAhead;
    c.segActive = false;
    c.segDone = null;
    c.segMarkLeft = -1;
    c.segMark = null;
    c.segAheadLeft = -1;
    c.segAhead = null;
    t.state = Task.State.RUNNABLE;
    t.onCpu =
        () -> {
          t.acted = true;
          Cpu to = c(t);
          startSegment(to, left, true, done);
          if (mark != null) {
            to.segMarkLeft = markLeft;
            to.segMark = mark;
          }
          if (ahead != null) {
            armAhead(to, ahead, aheadLeft);
          }
        };
    c.current = null;
    c.rq.add(t);
    traceQueue(c);
    reschedule(c);
  }

  private Cpu c(Task t) {
    return cpu(t.cpu);
  }

  private void reschedule(Cpu c) {
    if (c.rq.isEmpty() && !pull(c)) {
      return; // idle; with NO_HZ the tick stops at its next expiry
    }
    Task next = best(c);
    c.rq.remove(next);
    traceQueue(c);
    c.current = next;
    next.state = Task.State.RUNNING;
    contextSwitches++;
    armTick(c);
    if (next.onCpuEager) {
      Runnable a = next.onCpu;
      next.onCpu = null;
      next.onCpuEager = false;
      next.acted = false;
      c.switchingIn = params.contextSwitchPs();
      a.run();
      if (c.switchingIn >= 0) {
        c.switchingIn = -1;
        throw new IllegalStateException("task " + next + " was woken to run but did not run");
      }
      return;
    }
    startSegment(
        c,
        params.contextSwitchPs(),
        false,
        () -> {
          Runnable a = next.onCpu;
          next.onCpu = null;
          next.acted = false;
          a.run();
          requireActed(next);
        });
  }

  private void continueTask(Task t, Runnable then) {
    t.acted = false;
    then.run();
    requireActed(t);
  }

  private static void requireActed(Task t) {
    if (!t.acted && t.state == Task.State.RUNNING) {
      throw new IllegalStateException("task " + t + " neither ran nor blocked");
    }
  }

  /**
   * New-idle balancing: a CPU about to go idle takes the most deserving queued task it may run from
   * the CPU with the longest run queue. Returns whether it found one.
   */
  private boolean pull(Cpu c) {
    Cpu busiest = null;
    Task pick = null;
    for (Cpu o : cpus) {
      if (o == c || o.rq.isEmpty() || (busiest != null && o.rq.size() <= busiest.rq.size())) {
        continue;
      }
      Task b = null;
      for (Task t : o.rq) {
        if (t.allows(c.id) && (b == null || t.vruntime < b.vruntime)) {
          b = t;
        }
      }
      if (b != null) {
        busiest = o;
        pick = b;
      }
    }
    if (pick == null) {
      return false;
    }
    busiest.rq.remove(pick);
    traceQueue(busiest);
    pick.cpu = c.id;
    c.rq.add(pick);
    traceQueue(c);
    migrations++;
    return true;
  }

  private Task best(Cpu c) {
    Task b = null;
    for (Task t : c.rq) {
      if (b == null || t.vruntime < b.vruntime || (t.vruntime == b.vruntime && t.seq < b.seq)) {
        b = t;
      }
    }
    return b;
  }

  private long currentVruntime(Cpu c) {
    Task t = c.current;
    if (t == null) {
      return Long.MAX_VALUE;
    }
    long v = t.vruntime;
    if (c.segActive && c.segBurst && c.segTimer.isPending()) {
      v += Math.max(0, sim.now() - c.segStart - c.segPlainLeft);
    }
    return v;
  }

  /** Returns whether the CPU is running a burst of its task now (not a context switch). */
  private boolean bursting(Cpu c) {
    if (!c.segActive || !c.segBurst) {
      return false;
    }
    long ran = c.segTimer.isPending() ? sim.now() - c.segStart : 0;
    return ran >= c.segPlainLeft;
  }

  private long minVruntime(Cpu c) {
    long m = c.current == null ? Long.MAX_VALUE : currentVruntime(c);
    for (Task t : c.rq) {
      m = Math.min(m, t.vruntime);
    }
    return m == Long.MAX_VALUE ? 0 : m;
  }

  private Cpu select(Task t) {
    Cpu prev = t.allows(t.cpu) ? cpu(t.cpu) : cpu(t.allowed()[0]);
    if (prev.idle() && !prev.segActive) {
      return prev;
    }
    for (int a : t.allowed()) {
      Cpu c = cpu(a);
      if (c.idle() && !c.segActive) {
        return c;
      }
    }
    return prev;
  }

  private void startSegment(Cpu c, long ps, boolean burst, Runnable done) {
    c.segActive = true;
    c.segBurst = burst;
    c.segRemaining = ps;
    c.segDone = done;
    c.segPlainLeft = 0;
    c.segMarkLeft = -1;
    c.segMark = null;
    c.segAheadLeft = -1;
    c.segAhead = null;
    settle(c);
    if (!inIrq(c)) {
      resume(c);
    }
  }

  /**
   * Tells the segment's mark its time if the run that ends now (after {@code elapsed}) passed it.
   */
  private void passMark(Cpu c, long elapsed) {
    if (c.segMark == null) {
      return;
    }
    if (elapsed >= c.segMarkLeft) {
      LongConsumer m = c.segMark;
      c.segMark = null;
      long at = c.segStart + c.segMarkLeft;
      c.segMarkLeft = -1;
      m.accept(at);
    } else {
      c.segMarkLeft -= elapsed;
    }
  }

  /** Gives the segment an action mark {@code left} into it; told ahead at once if it runs. */
  private void armAhead(Cpu c, AheadMark act, long left) {
    c.segAheadLeft = left;
    c.segAhead = act;
    if (c.segTimer.isPending()) {
      act.ahead(c.segStart + left);
    }
  }

  /** The run that ends now (after {@code elapsed}) passed the action mark, or it is undone. */
  private void passAhead(Cpu c, long elapsed) {
    if (c.segAhead == null) {
      return;
    }
    if (elapsed >= c.segAheadLeft) {
      c.segAhead = null;
      c.segAheadLeft = -1;
    } else {
      c.segAheadLeft -= elapsed;
      c.segAhead.undo();
    }
  }

  private void pause(Cpu c) {
    if (!c.segTimer.isPending()) {
      return;
    }
    long elapsed = sim.now() - c.segStart;
    traceSegment(c);
    passMark(c, elapsed);
    passAhead(c, elapsed);
    c.segRemaining -= elapsed;
    if (c.segBurst) {
      c.current.vruntime += Math.max(0, elapsed - c.segPlainLeft);
      c.segPlainLeft = Math.max(0, c.segPlainLeft - elapsed);
    }
    c.segTimer.cancel();
  }

  private void resume(Cpu c) {
    if (!c.segActive || c.segTimer.isPending()) {
      return;
    }
    c.segStart = sim.now();
    c.segTimer.schedule(c.segRemaining);
    if (c.segAhead != null) {
      c.segAhead.ahead(c.segStart + c.segAheadLeft);
    }
  }

  private void finishSegment(Cpu c) {
    traceSegment(c);
    passMark(c, sim.now() - c.segStart);
    passAhead(c, sim.now() - c.segStart);
    if (c.segBurst) {
      c.current.vruntime += Math.max(0, sim.now() - c.segStart - c.segPlainLeft);
    }
    c.segActive = false;
    Runnable done = c.segDone;
    c.segDone = null;
    done.run();
  }

  /** Reports the CPU's run-queue length as a counter track, when tracing. */
  private void traceQueue(Cpu c) {
    Tracer tr = sim.tracer();
    if (tr.enabled()) {
      tr.record(
          new TraceEvent(
              sim.now(),
              "linux/cpu" + c.id,
              "counter.runqueue",
              0,
              ImmutableMap.of("value", (long) c.rq.size())));
    }
  }

  /** Reports the run segment that ends now as a slice on the CPU's track, when tracing. */
  private void traceSegment(Cpu c) {
    Tracer tr = sim.tracer();
    long d = sim.now() - c.segStart;
    if (tr.enabled() && c.current != null && d > 0) {
      tr.record(new TraceEvent(c.segStart, "linux/cpu" + c.id, c.current.name(), d, NO_FIELDS));
    }
  }

  private void armTick(Cpu c) {
    if (c.tick != null) {
      return;
    }
    long p = params.tickPeriodPs();
    long next = (sim.now() / p + 1) * p;
    c.tick = sim.scheduleCancellable(next - sim.now(), () -> tick(c));
  }

  private void tick(Cpu c) {
    c.tick = null;
    boolean busy = c.current != null || c.segActive;
    if (!busy && params.noHz()) {
      return;
    }
    ticks++;
    interrupt(
        c.id,
        params::tickPs,
        () -> {
          if (c.current != null && !c.rq.isEmpty()) {
            if (currentVruntime(c) > best(c).vruntime + params.wakeupGranularityPs()) {
              c.needResched = true;
            }
          }
        });
    armTick(c);
  }

  /** Returns context switches so far. */
  public long contextSwitches() {
    return contextSwitches;
  }

  /** Returns task wakeups so far. */
  public long wakeups() {
    return wakeups;
  }

  /** Returns ticks taken so far. */
  public long ticks() {
    return ticks;
  }

  /** Returns interrupts taken so far (ticks, IPIs, device interrupts). */
  public long irqs() {
    return irqs;
  }

  /** Returns tasks pulled by an idle CPU from another CPU's run queue. */
  public long migrations() {
    return migrations;
  }

  /** Returns reschedule IPIs sent so far. */
  public long reschedIpis() {
    return reschedIpis;
  }
}
