package org.fusedsim.fusedosfs;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.fusedsim.bgq.chip.Execution;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Translation;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.chip.WorkProfile;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.core.EventHandle;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;
import org.fusedsim.spc.Block;
import org.fusedsim.spc.Futexes;

/**
 * A Linux kernel on a set of CPUs, each CPU one hardware thread of the node's chip: per-CPU run
 * queues with a simple fair scheduler, context switches, wakeups, interrupts that take time from
 * whatever the CPU was doing, and the periodic tick with NO_HZ.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>Every cost is CPU time at full speed: it runs as integer {@link Work} on the CPU's hardware
 *       thread, so it stretches when SMT siblings share the core's issue slots (four Linux CPUs of
 *       one core slow each other down; an idle CPU issues nothing).
 *   <li>A CPU executes one segment at a time: a context switch or a burst of its current task. An
 *       interrupt suspends the segment for {@code irq_entry + handler + irq_exit}, each a piece of
 *       work on the same thread; the segment then resumes where it stopped, so interrupts show up
 *       as time stolen from the task.
 *   <li>Fair scheduling as in CFS with equal weights: a task's virtual runtime grows with the wall
 *       time it runs; the run queue is served lowest virtual runtime first; a woken sleeper is
 *       placed at {@code min_vruntime - sched_latency/2} at the earliest and preempts the running
 *       task if it is ahead by more than the wakeup granularity. The tick preempts a task that has
 *       run longer than its slice of the period, or that has run the minimum granularity and leads
 *       a queued one by more than a slice (check_preempt_tick). The three tunables are Linux's
 *       normalized values scaled by {@code 1 + ilog2(min(cpus, 8))} for the kernel's CPU count, as
 *       Linux scales them at boot: with the 4 GPCs of FusedOS 18 ms, 2.25 ms and 3 ms.
 *   <li>Wakeup: the task goes to its previous CPU if that is idle, else to the first idle CPU it
 *       may use, else back to its previous CPU. A wakeup on another CPU that must reschedule (idle,
 *       or preemption due) sends a reschedule IPI through the interrupt controller.
 *   <li>Ticks fall on every CPU of the node at the same instants, the node's phase plus multiples
 *       of the tick period (the phase is when the node booted: its own, unless the partition's
 *       ticks are co-scheduled); with NO_HZ an idle CPU skips them.
 *   <li>New-idle balancing: a CPU about to go idle pulls the lowest-vruntime task it may run from
 *       the longest other run queue (periodic load balancing is not modelled).
 * </ul>
 *
 * <p>A burst may carry a mark: a point inside it whose time is stamped exactly when the task passes
 * it (interrupts, preemption and re-rating included), for steps nobody else observes, such as
 * leaving the kernel and then working in user space. It costs no event.
 *
 * <p>Not modelled: SMT-aware idle selection, periodic load balancing, weights/nice levels, RT
 * classes, softirq deferral to ksoftirqd.
 */
public final class LinuxKernel {
  private final Simulation sim;
  private final LinuxParams params;
  private final NodeHardware hw;
  private final InterruptController interrupts;
  private final String track;
  private final double cyclePs;
  private final long schedLatencyPs;
  // the global IPI lock (bgq_ipi_lock): when the last booked dispatch releases it
  private long ipiLockFreeAt;
  private long ipiLockWaitPs;
  private long ipiDispatches;
  private final Futexes<FutexWaiter> futexes = new Futexes<>();
  private final long minGranularityPs;
  private final long wakeupGranularityPs;
  private final Cpu[] byThread;
  private final List<Cpu> cpus = new ArrayList<>();
  private long taskSeq;
  private long contextSwitches;
  private long wakeups;
  private long ticks;
  private final long tickPhasePs;
  private final boolean ticking;
  private long irqs;
  private long reschedIpis;
  private long migrations;

  /** An interrupt waiting on its CPU: a handler, or a reschedule IPI. */
  /** An interrupt; an IPI's handler begins with its dispatch under the global IPI lock. */
  private record PendingIrq(LongSupplier atEntry, Runnable atEnd, boolean ipi, String source) {}

  private static final PendingIrq RESCHED = new PendingIrq(() -> 0, () -> {}, true, "ipi");

  /**
   * Told of the time a CPU spent away from its tasks' own work: each interrupt (by its source:
   * {@code tick}, {@code ipi}, {@code irq} or the name its raiser gave it) and each run of a task
   * (by the task's name).
   */
  @FunctionalInterface
  public interface Observer {
    /** CPU {@code cpuThread} spent {@code start .. end} on {@code source}. */
    void busy(int cpuThread, long start, long end, String source);
  }

  private Observer observer;

  /** Tells {@code o} of every interrupt and task run from now on (one observer per kernel). */
  public void observe(Observer o) {
    this.observer = o;
  }

  private static final ImmutableMap<String, Object> NO_FIELDS = ImmutableMap.of();

  /**
   * One CPU: it is also the execution of its running segments, the handler of the reschedule IPIs
   * sent to it and the consumer of its segments' marks, so that each costs no object of its own.
   */
  private final class Cpu implements Execution, LongConsumer, InterruptController.IpiHandler {
    final int id;
    final HardwareThread thread;
    Task current;
    final List<Task> rq = new ArrayList<>();
    boolean segActive;
    boolean segBurst;
    // instructions at the start of the segment that are not the task's burst (its context switch)
    double segPlain;
    double segRemaining;
    // the mix of the burst: floating-point share and DRAM bytes per instruction
    double segFp;
    double segMemPerInstr;
    // the burst's profile, or null for a cost in cycles (the mix above then applies)
    WorkProfile segProfile;
    Runnable segDone;
    // while the segment's mark is ahead: the instructions after it (segRemaining is before it)
    double segAfter;
    LongConsumer segMark;
    boolean segRunning;
    long segStart;
    double segPiece;
    boolean inIrq;
    long irqStart;
    PendingIrq irq;
    int irqPhase;
    // rarely more than one pending interrupt: start small, the queue grows when it must
    final ArrayDeque<PendingIrq> irqQueue = new ArrayDeque<>(2);
    boolean needResched;
    EventHandle tick;
    final Execution irqExec;

    Cpu(int id) {
      this.id = id;
      this.thread = hw.chip().thread(id);
      this.irqExec =
          new Execution() {
            @Override
            public void finished() {
              irqStep(Cpu.this);
            }

            @Override
            public String toString() {
              return name() + " interrupt";
            }
          };
    }

    /** The CPU's track name, e.g. {@code R00-M0-N04-J07/linux/cpu3}. */
    String name() {
      return track + id;
    }

    /** The running segment ended. */
    @Override
    public void finished() {
      finishSegment(this);
    }

    /** A reschedule IPI reached this CPU. */
    @Override
    public void onIpi(int fromThread) {
      raise(this, RESCHED);
    }

    /** The running segment passed its mark. */
    @Override
    public void accept(long at) {
      markPassed(at);
    }

    @Override
    public String toString() {
      return name() + " segment";
    }

    /** The hardware thread passed from the work before the mark to the work after it. */
    private void markPassed(long at) {
      LongConsumer m = segMark;
      segMark = null;
      segPiece = segAfter;
      segRemaining = segAfter;
      segAfter = 0;
      if (m != null) {
        m.accept(at);
      }
    }

    boolean idle() {
      return current == null && rq.isEmpty();
    }
  }

  /**
   * Creates the kernel on the given hardware threads of {@code hw}'s chip (chip-wide ids; CPU
   * numbers are the same ids).
   */
  public LinuxKernel(NodeHardware hw, LinuxParams params, int[] cpuThreads) {
    this(hw, params, cpuThreads, 0);
  }

  /**
   * Creates the kernel as {@link #LinuxKernel(NodeHardware, LinuxParams, int[])} does, its ticks at
   * {@code tickPhasePs} plus multiples of the tick period.
   */
  public LinuxKernel(NodeHardware hw, LinuxParams params, int[] cpuThreads, long tickPhasePs) {
    this(hw, params, cpuThreads, tickPhasePs, true);
  }

  /**
   * Creates the kernel as {@link #LinuxKernel(NodeHardware, LinuxParams, int[], long)} does; with
   * {@code ticks} false no CPU takes the periodic tick (the noise-free reference of a noise study,
   * which a tickless kernel with every CPU in full NO_HZ approaches).
   */
  public LinuxKernel(
      NodeHardware hw, LinuxParams params, int[] cpuThreads, long tickPhasePs, boolean ticks) {
    this.ticking = ticks;
    this.sim = hw.sim();
    this.tickPhasePs = Math.floorMod(tickPhasePs, params.tickPeriodPs());
    this.params = params;
    this.hw = hw;
    this.interrupts = hw.interrupts();
    this.track = hw.location() + "/linux/cpu";
    this.cyclePs = hw.chip().params().cyclePs();
    int factor = params.scaleTunables() ? tunableFactor(cpuThreads.length) : 1;
    this.schedLatencyPs = params.schedLatencyPs() * factor;
    this.minGranularityPs = params.minGranularityPs() * factor;
    this.wakeupGranularityPs = params.wakeupGranularityPs() * factor;
    int max = 0;
    for (int t : cpuThreads) {
      max = Math.max(max, t);
    }
    byThread = new Cpu[max + 1];
    for (int t : cpuThreads) {
      Cpu c = new Cpu(t);
      byThread[t] = c;
      cpus.add(c);
      // tasks run in paged address spaces: their profiled work misses the TLB (bgq_defconfig)
      hw.chip().thread(t).setTranslation(Translation.PAGED);
    }
    if (!params.noHz()) {
      for (Cpu c : cpus) {
        armTick(c);
      }
    }
  }

  /** Returns where the node's ticks fall within the tick period (ps). */
  public long tickPhasePs() {
    return tickPhasePs;
  }

  /** Returns the parameters. */
  public LinuxParams params() {
    return params;
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the node's hardware. */
  public NodeHardware hardware() {
    return hw;
  }

  /** Returns the CPU ids, ascending as given. */
  public int[] cpuIds() {
    return cpus.stream().mapToInt(c -> c.id).toArray();
  }

  /** Returns the trace track of a CPU. */
  public String cpuTrack(int cpu) {
    return track + cpu;
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
      throw new IllegalArgumentException("CPU " + id + " is not a Linux CPU of " + hw.location());
    }
    return byThread[id];
  }

  private double instructions(long ps) {
    return ps / cyclePs;
  }

  /**
   * The current task {@code t} computes for {@code ps} of CPU time; {@code then} runs on its CPU
   * when done (interrupts, preemption and SMT siblings stretch the wall time).
   */
  public void run(Task t, long ps, Runnable then) {
    run(t, ps, -1, null, then);
  }

  /**
   * As {@link #run(Task, long, Runnable)}, and {@code mark} is told the simulated time at which the
   * task had computed {@code markAt} of the {@code ps}: one burst can then stand for several steps
   * that nobody else observes, such as leaving the kernel and then working in user space. The mark
   * is told no later than when {@code then} runs.
   *
   * @param markAt CPU time into the burst, {@code 0 <= markAt <= ps}
   */
  public void run(Task t, long ps, long markAt, LongConsumer mark, Runnable then) {
    Cpu c = cpu(t.cpu);
    if (c.current != t || c.segActive) {
      throw new IllegalStateException("task " + t + " is not the running task of CPU " + c.id);
    }
    if (mark != null && (markAt < 0 || markAt > ps)) {
      throw new IllegalArgumentException("mark at " + markAt + " outside a burst of " + ps);
    }
    double all = instructions(ps);
    if (mark == null) {
      burst(t, all, then);
      return;
    }
    double before = instructions(markAt);
    if (sim.exact()) {
      // exact mode: the two steps the mark separates are two bursts, the mark an event between
      burst(
          t,
          before,
          () -> {
            mark.accept(sim.now());
            burst(t, all - before, then);
          });
      return;
    }
    t.acted = true;
    startSegment(c, before, 0, 0, null, true, all - before, mark, () -> continueTask(t, then));
  }

  /** A burst of {@code instr} instructions of the current task {@code t}, without a mark. */
  private void burst(Task t, double instr, Runnable then) {
    t.acted = true;
    startSegment(cpu(t.cpu), instr, 0, 0, null, true, 0, null, () -> continueTask(t, then));
  }

  /**
   * The current task {@code t} executes {@code w} (application work with its own mix: floating
   * point, DRAM traffic); {@code then} runs on its CPU when done.
   */
  public void run(Task t, Work w, Runnable then) {
    Cpu c = cpu(t.cpu);
    if (c.current != t || c.segActive) {
      throw new IllegalStateException("task " + t + " is not the running task of CPU " + c.id);
    }
    if (w.memoryBytes() > 0 && w.instructions() == 0) {
      throw new IllegalArgumentException("a burst moving memory needs instructions: " + w);
    }
    t.acted = true;
    startSegment(
        c,
        w.instructions(),
        w.fpFraction(),
        w.instructions() > 0 ? w.memoryBytes() / w.instructions() : 0,
        w.profile(),
        true,
        0,
        null,
        () -> continueTask(t, then));
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
    if (!c.inIrq) {
      reschedule(c);
    }
  }

  /**
   * Wakes a sleeping task; {@code continuation} runs when it is on a CPU. {@code wakerCpu} is the
   * CPU executing the wakeup (its cost is the caller's), or -1 if none (start-up, a timer).
   */
  public void wake(Task t, int wakerCpu, Runnable continuation) {
    if (t.state != Task.State.SLEEPING) {
      throw new IllegalStateException("task " + t + " is " + t.state + ", not sleeping");
    }
    wakeups++;
    Cpu target = select(t);
    long floor = minVruntime(target) - schedLatencyPs / 2;
    t.vruntime = Math.max(t.vruntime, floor);
    t.cpu = target.id;
    t.state = Task.State.RUNNABLE;
    t.onCpu = continuation;
    target.rq.add(t);
    traceQueue(target);
    boolean resched =
        target.current == null
            || (bursting(target) && t.vruntime + wakeupGranularityPs < currentVruntime(target));
    if (!resched) {
      return;
    }
    target.needResched = true;
    if (target.id == wakerCpu || target.inIrq) {
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
    interrupts.sendIpi(wakerCpu, target.id, target);
  }

  /**
   * Raises an interrupt on CPU {@code cpuId}: after {@code irq_entry}, {@code atEntry} runs and
   * returns the handler's duration; {@code atEnd} runs when the handler finishes, then {@code
   * irq_exit}. Interrupts on one CPU are served one after the other.
   */
  public void interrupt(int cpuId, LongSupplier atEntry, Runnable atEnd) {
    interrupt(cpuId, "irq", atEntry, atEnd);
  }

  /** As {@link #interrupt(int, LongSupplier, Runnable)}, for {@code source} (a timer's owner). */
  public void interrupt(int cpuId, String source, LongSupplier atEntry, Runnable atEnd) {
    raise(cpu(cpuId), new PendingIrq(atEntry, atEnd, false, source));
  }

  private void raise(Cpu c, PendingIrq irq) {
    if (c.inIrq) {
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
    c.irq = irq;
    c.irqPhase = 0;
    piece(c, params.irqEntryPs());
  }

  private void piece(Cpu c, long ps) {
    c.thread.start(Work.integer(instructions(ps)), c.irqExec);
  }

  /** The current piece of the CPU's interrupt is done: go on to the next. */
  private void irqStep(Cpu c) {
    PendingIrq irq = c.irq;
    switch (c.irqPhase) {
      case 0 -> {
        if (irq.ipi()) {
          // the IPI's dispatch holds the global lock: spin (issuing, as a lock loop does) until
          // the IPIs before it on other CPUs have released it
          long wait = bookIpiLock();
          if (wait > 0) {
            c.irqPhase = 3;
            c.thread.spin(0, "bgq_ipi_lock");
            sim.schedule(
                wait,
                () -> {
                  c.thread.suspend();
                  handler(c, irq);
                });
            return;
          }
        }
        handler(c, irq);
      }
      case 1 -> {
        c.irqPhase = 2;
        irq.atEnd().run();
        piece(c, params.irqExitPs());
      }
      default -> {
        traceIrq(c);
        if (observer != null) {
          observer.busy(c.id, c.irqStart, sim.now(), irq.source());
        }
        endIrq(c);
      }
    }
  }

  /** The interrupt's handler: an IPI's dispatch first, then what {@code atEntry} asks for. */
  private void handler(Cpu c, PendingIrq irq) {
    c.irqPhase = 1;
    long h = irq.atEntry().getAsLong() + (irq.ipi() ? params.ipiDispatchPs() : 0);
    if (h > 0) {
      piece(c, h);
    } else {
      irqStep(c);
    }
  }

  /** Reports the interrupt that ends now as a slice on the CPU's track, when tracing. */
  private void traceIrq(Cpu c) {
    Tracer tr = sim.tracer();
    if (tr.enabled()) {
      tr.record(new TraceEvent(c.irqStart, c.name(), "irq", sim.now() - c.irqStart, NO_FIELDS));
    }
  }

  private void endIrq(Cpu c) {
    PendingIrq next = c.irqQueue.poll();
    if (next != null) {
      beginIrq(c, next);
      return;
    }
    c.inIrq = false;
    c.irq = null;
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
    double left = c.segRemaining;
    double fp = c.segFp;
    double memPer = c.segMemPerInstr;
    WorkProfile profile = c.segProfile;
    Runnable done = c.segDone;
    double after = c.segAfter;
    LongConsumer mark = c.segMark;
    c.segActive = false;
    c.segDone = null;
    c.segAfter = 0;
    c.segMark = null;
    t.state = Task.State.RUNNABLE;
    t.onCpu =
        () -> {
          t.acted = true;
          startSegment(c(t), left, fp, memPer, profile, true, after, mark, done);
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
    next.vruntimeAtSwitch = next.vruntime;
    next.state = Task.State.RUNNING;
    contextSwitches++;
    armTick(c);
    startSegment(
        c,
        instructions(params.contextSwitchPs()),
        0,
        0,
        null,
        false,
        0,
        null,
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

  /** Returns the instructions of the running segment done so far (0 unless running). */
  private double doneInPiece(Cpu c) {
    return c.segRunning ? c.segPiece - c.thread.instructionsLeft() : 0;
  }

  private long currentVruntime(Cpu c) {
    Task t = c.current;
    if (t == null) {
      return Long.MAX_VALUE;
    }
    long v = t.vruntime;
    if (c.segActive && c.segBurst && c.segRunning) {
      v += burstWall(c, doneInPiece(c));
    }
    return v;
  }

  /** The wall time of the running piece spent in the burst part, given {@code done} of it. */
  private long burstWall(Cpu c, double done) {
    long wall = sim.now() - c.segStart;
    if (done <= 0 || wall <= 0) {
      return 0;
    }
    double burst = Math.max(0, done - c.segPlain);
    return Math.round(wall * (burst / done));
  }

  /** Returns whether the CPU is running a burst of its task now (not a context switch). */
  private boolean bursting(Cpu c) {
    if (!c.segActive || !c.segBurst) {
      return false;
    }
    return doneInPiece(c) >= c.segPlain;
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

  private void startSegment(
      Cpu c,
      double instr,
      double fp,
      double memPerInstr,
      WorkProfile profile,
      boolean burst,
      double after,
      LongConsumer mark,
      Runnable done) {
    c.segActive = true;
    c.segBurst = burst;
    c.segRemaining = instr;
    c.segDone = done;
    c.segPlain = 0;
    c.segFp = fp;
    c.segMemPerInstr = memPerInstr;
    c.segProfile = profile;
    c.segAfter = mark == null ? 0 : after;
    c.segMark = mark;
    if (!c.inIrq) {
      resume(c);
    }
  }

  private void pause(Cpu c) {
    if (!c.segRunning) {
      return;
    }
    Work rest = c.thread.suspend();
    double done = c.segPiece - rest.instructions();
    traceSegment(c);
    account(c, done);
    // with the mark still ahead this is what is left before it; the part after it is unchanged
    c.segRemaining = rest.instructions();
    c.segRunning = false;
  }

  /** Charges the wall time of the piece that ends now to the task, and the switch part done. */
  private void account(Cpu c, double done) {
    if (c.segBurst && c.current != null) {
      c.current.vruntime += burstWall(c, done);
      c.segPlain = Math.max(0, c.segPlain - done);
    }
  }

  private void resume(Cpu c) {
    if (!c.segActive || c.segRunning) {
      return;
    }
    c.segRunning = true;
    c.segStart = sim.now();
    c.segPiece = c.segRemaining;
    Work w = segmentWork(c, c.segRemaining);
    if (c.segMark != null) {
      Work after = segmentWork(c, c.segAfter);
      c.thread.start(w, after, c, c);
    } else {
      c.thread.start(w, c);
    }
  }

  /** {@code instr} instructions of the segment's burst, with its profile or its mix. */
  private static Work segmentWork(Cpu c, double instr) {
    if (c.segProfile != null) {
      return Work.of(c.segProfile, instr);
    }
    return new Work(instr, c.segFp, instr * c.segMemPerInstr);
  }

  private void finishSegment(Cpu c) {
    traceSegment(c);
    account(c, c.segPiece);
    c.segRunning = false;
    c.segActive = false;
    c.segRemaining = 0;
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
              c.name(),
              "counter.runqueue",
              0,
              ImmutableMap.of("value", (long) c.rq.size())));
    }
  }

  /** Reports the run segment that ends now as a slice on the CPU's track, when tracing. */
  private void traceSegment(Cpu c) {
    Tracer tr = sim.tracer();
    long d = sim.now() - c.segStart;
    if (observer != null && c.current != null && d > 0) {
      observer.busy(c.id, c.segStart, sim.now(), c.current.name());
    }
    if (tr.enabled() && c.current != null && d > 0) {
      tr.record(new TraceEvent(c.segStart, c.name(), c.current.name(), d, NO_FIELDS));
    }
  }

  private void armTick(Cpu c) {
    if (c.tick != null || !ticking) {
      return;
    }
    long p = params.tickPeriodPs();
    long next = Math.floorDiv(sim.now() - tickPhasePs, p) * p + p + tickPhasePs;
    c.tick = sim.scheduleCancellable(next - sim.now(), () -> tick(c));
  }

  /**
   * CFS's tick check (check_preempt_tick) with equal weights: the running task is preempted once it
   * has run longer than its slice of the period ({@code max(sched_latency, n * min_granularity) /
   * n} for {@code n} runnable tasks), or, after at least the minimum granularity, when its virtual
   * runtime leads the leftmost queued task's by more than a slice.
   */
  private boolean tickPreempts(Cpu c) {
    int n = c.rq.size() + 1;
    long slice = Math.max(schedLatencyPs, n * minGranularityPs) / n;
    long now = currentVruntime(c);
    long ran = now - c.current.vruntimeAtSwitch;
    if (ran > slice) {
      return true;
    }
    if (ran < minGranularityPs) {
      return false;
    }
    return now - best(c).vruntime > slice;
  }

  /**
   * The factor Linux scales its CFS tunables by for {@code cpus} online CPUs, {@code 1 +
   * ilog2(min(cpus, 8))} (kernel/sched/fair.c, {@code get_update_sysctl_factor}, the default {@code
   * SCHED_TUNABLESCALING_LOG}).
   */
  public static int tunableFactor(int cpus) {
    int n = Math.min(Math.max(cpus, 1), 8);
    return 32 - Integer.numberOfLeadingZeros(n);
  }

  /** Returns the scaled CFS period (sched_latency times {@link #tunableFactor}). */
  public long schedLatencyPs() {
    return schedLatencyPs;
  }

  /** Returns the scaled CFS wakeup granularity. */
  public long wakeupGranularityPs() {
    return wakeupGranularityPs;
  }

  /** Returns the scaled CFS minimum granularity. */
  public long minGranularityPs() {
    return minGranularityPs;
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
        "tick",
        params::tickPs,
        () -> {
          if (c.current != null && !c.rq.isEmpty() && tickPreempts(c)) {
            c.needResched = true;
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

  /**
   * Books the global IPI lock for one IPI's dispatch starting now, or as soon as the dispatches
   * booked before it on other CPUs have released it; returns how long the CPU spins for it. The
   * lock is booked at the dispatch's full-speed length.
   */
  private long bookIpiLock() {
    long now = sim.now();
    long start = Math.max(now, ipiLockFreeAt);
    ipiLockFreeAt = start + params.ipiDispatchPs();
    ipiLockWaitPs += start - now;
    ipiDispatches++;
    return start - now;
  }

  /**
   * Raises an IPI on CPU {@code cpuId} (the SPC IPIs of the fusedosfs driver): after {@code
   * irq_entry} the dispatch under the global {@code bgq_ipi_lock} (spinning while another CPU holds
   * it), then the handler as {@link #interrupt} runs it.
   */
  public void ipiInterrupt(int cpuId, LongSupplier atEntry, Runnable atEnd) {
    raise(cpu(cpuId), new PendingIrq(atEntry, atEnd, true, "ipi"));
  }

  /** Returns the IPIs dispatched under the global IPI lock. */
  public long ipiDispatches() {
    return ipiDispatches;
  }

  /** Returns the time CPUs spun on the global IPI lock. */
  public long ipiLockWaitPs() {
    return ipiLockWaitPs;
  }

  /** A task blocked in futex_wait and what it does once it runs again (with the return value). */
  private record FutexWaiter(Task task, LongConsumer resume) {}

  /**
   * Task {@code t}, running, makes the blocking call {@code b}, Linux's way: after {@code beforePs}
   * of its own work (with {@code mark} stamped {@code markAt} into it, or none if {@code mark} is
   * null), the system-call entry and the call's body, it sleeps on the futex's wait queue or on a
   * timer; a futex wake from another task wakes it through the scheduler (a reschedule IPI if its
   * CPU must be kicked), a timer through the expiry interrupt on the CPU it slept on. Back on a CPU
   * it spends the system-call exit, and {@code done} gets the raw return value (0, the number
   * woken, or {@code -EAGAIN}, {@code -ETIMEDOUT}).
   */
  public void blockingCall(
      Task t, Block b, long beforePs, long markAt, LongConsumer mark, LongConsumer done) {
    long entry = beforePs + params.syscallEntryPs();
    LongConsumer exit = raw -> run(t, params.syscallExitPs(), () -> done.accept(raw));
    switch (b.kind()) {
      case FUTEX_WAIT ->
          runMarked(
              t,
              entry + params.futexPs(),
              markAt,
              mark,
              () -> {
                FutexWaiter w = new FutexWaiter(t, exit);
                if (!futexes.await(b.word(), b.value(), w)) {
                  exit.accept(-Block.EAGAIN);
                  return;
                }
                if (b.ps() >= 0) {
                  sim.schedule(
                      b.ps(),
                      () -> {
                        if (futexes.cancel(b.word(), w)) {
                          timerWake(t, () -> exit.accept(-Block.ETIMEDOUT));
                        }
                      });
                }
                block(t);
              });
      case FUTEX_WAKE ->
          runMarked(
              t,
              entry + params.futexPs(),
              markAt,
              mark,
              () -> {
                java.util.List<FutexWaiter> woken = futexes.wake(b.word(), b.count(), b.value());
                if (woken.isEmpty()) {
                  exit.accept(0);
                  return;
                }
                run(
                    t,
                    woken.size() * params.wakeupPs(),
                    () -> {
                      for (FutexWaiter w : woken) {
                        wake(w.task(), t.cpu, () -> w.resume().accept(0));
                      }
                      exit.accept(woken.size());
                    });
              });
      case SLEEP ->
          runMarked(
              t,
              entry + params.hrtimerPs(),
              markAt,
              mark,
              () -> {
                sim.schedule(b.ps(), () -> timerWake(t, () -> exit.accept(0)));
                block(t);
              });
      case READY ->
          runMarked(
              t,
              entry + params.getpidPs(),
              markAt,
              mark,
              () -> {
                // the event that makes it ready comes as an interrupt on the CPU it sleeps on,
                // whose handler wakes it
                int cpu = t.cpu;
                sim.schedule(
                    b.ps(),
                    () ->
                        interrupt(cpu, params::wakeupPs, () -> wake(t, cpu, () -> exit.accept(0))));
                block(t);
              });
      case NONE -> throw new IllegalArgumentException("not a blocking call");
    }
  }

  /**
   * A burst with a mark, as two bursts with the mark between them in every mode (a blocking call is
   * rare enough not to need the fold, and its sleep must start where the exact mode starts it).
   */
  private void runMarked(Task t, long ps, long markAt, LongConsumer mark, Runnable then) {
    if (mark == null) {
      run(t, ps, then);
      return;
    }
    run(
        t,
        markAt,
        () -> {
          mark.accept(sim.now());
          run(t, ps - markAt, then);
        });
  }

  /** A timer expires for sleeping task {@code t}: the interrupt on its CPU wakes it. */
  private void timerWake(Task t, Runnable then) {
    int cpu = t.cpu;
    interrupt(cpu, () -> params.hrtimerPs() + params.wakeupPs(), () -> wake(t, cpu, then));
  }

  /** Returns the kernel's futex wait queues (counters). */
  public Futexes<?> futexes() {
    return futexes;
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
