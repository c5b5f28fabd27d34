package org.fusedsim.spc;

import java.util.function.Consumer;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.core.Simulation;

/**
 * The SPC monitor on one SPC hardware thread (bgq-facts.md, "One system call from an SPC"), and the
 * CNK application thread that runs under it on the same hardware thread. Everything either of them
 * executes (the application's work, the trap, the context save and restore, commands) is work on
 * that thread of the chip, so it shares the core's issue slots with the three siblings; while the
 * thread sleeps in {@code waitrsv} it issues nothing.
 *
 * <p>A call the monitor does not serve itself: the thread traps, saves its context ({@link
 * MonitorParams#trapSavePs}), sets its bit in the shared {@link IpiMask}, raises an IPI to Linux
 * (through {@link IpiRoute}: CPU 0 in the prototype) and sleeps in {@code waitrsv} on its command
 * slot. CL's store of a command into the slot wakes it (no interrupt); RESUME restores the context
 * and returns to the application, any other command is executed and the thread waits again.
 * Non-syscall exceptions take the same path and are reported to CL, which ends the job with EXIT.
 *
 * <p>The command slot holds {@code sequence << 8 | command}, so writing the same command twice is
 * still a change of the line. Each step is its own event.
 */
public final class SpcMonitor {
  /** Raises the IPI of a trapped SPC at Linux, from the SPC's hardware thread. */
  @FunctionalInterface
  public interface IpiRoute {
    /** Sends the IPI of SPC {@code spc} from hardware thread {@code fromThread}. */
    void raise(int spc, int fromThread);
  }

  private final Simulation sim;
  private final MonitorParams params;
  private final int spc;
  private final HardwareThread thread;
  private final Mailbox slot;
  private final IpiMask mask;
  private final IpiRoute route;
  private final double cyclePs;
  // hashed copy of the calls served here: looked up on every trap
  private SpcState state = SpcState.EXITED;
  private Runnable entry;
  private Runnable onExit;
  private Trap pending;
  private Consumer<SyscallResult> onReturn;
  private long returnValue;
  private long commandArg;
  private long sequence;
  private long lastSeen;
  private long tlbEntries;
  private long quits;
  private long localCalls;
  private long offloaded;
  private long commands;
  private long acks;
  // made at first use: one object each for the monitor's life, none for a monitor never used
  private Runnable wakeAction;
  private Runnable markVisible;

  /**
   * Creates the monitor of one SPC thread.
   *
   * @param spc the SPC index (0-59 in the default split)
   * @param thread the hardware thread the monitor and its application run on
   * @param slot the command slot in the monitor's context area (its line holds the monitor's
   *     reservation)
   * @param route where the monitor's IPIs go
   */
  public SpcMonitor(
      Simulation sim,
      MonitorParams params,
      int spc,
      HardwareThread thread,
      Mailbox slot,
      IpiMask mask,
      IpiRoute route) {
    this.sim = sim;
    this.params = params;
    this.spc = spc;
    this.thread = thread;
    this.slot = slot;
    this.mask = mask;
    this.route = route;
    this.cyclePs = thread.chip().params().cyclePs();
  }

  /** Boots the monitor (after spcml loaded it): the thread waits for START. */
  public void boot() {
    state = SpcState.IDLE;
    sleep();
  }

  /** CL loads the application: {@code applicationEntry} runs on START, {@code onExit} on EXIT. */
  public void load(Runnable applicationEntry, Runnable onExit) {
    this.entry = applicationEntry;
    this.onExit = onExit;
  }

  private void monitorWork(long ps, Runnable then) {
    thread.run(Work.integer(ps / cyclePs), "SPC monitor", then);
  }

  /**
   * The application on this thread executes {@code w}; {@code done} runs when it is done.
   *
   * @throws IllegalStateException unless the thread is running application code
   */
  public void compute(Work w, Runnable done) {
    requireRunning();
    thread.run(w, "application", done);
  }

  /**
   * The application on this thread executes {@code call}; {@code done} runs when it returns.
   *
   * @throws IllegalStateException unless the thread is running application code
   */
  public void syscall(Syscall call, Timeline timeline, Consumer<SyscallResult> done) {
    requireRunning();
    state = SpcState.TRAPPED;
    timeline.mark(Step.TRAP, sim.now());
    if (params.servesLocally(call.name())) {
      monitorWork(
          params.localCallPs(),
          () -> {
            localCalls++;
            state = SpcState.RUNNING;
            timeline.mark(Step.RETURNED, sim.now());
            done.accept(new SyscallResult(0, 0));
          });
      return;
    }
    onReturn = done;
    pending = new Trap(call, "", timeline);
    monitorWork(params.trapSavePs(), this::raise);
  }

  /** The application takes a non-syscall exception; it is reported to CL. */
  public void exception(String name) {
    requireRunning();
    state = SpcState.TRAPPED;
    onReturn = r -> {};
    pending = new Trap(null, name, new Timeline());
    pending.timeline().mark(Step.TRAP, sim.now());
    monitorWork(params.trapSavePs(), this::raise);
  }

  /** The context is saved: mark the bit, go to sleep, raise the IPI. */
  private void raise() {
    if (pending.isSyscall()) {
      offloaded++;
    }
    pending.timeline().mark(Step.IPI_SENT, sim.now());
    mask.set(spc, sim.now());
    state = SpcState.WAITING;
    sleep();
    route.raise(spc, thread.id());
  }

  /**
   * Waits for the next command: load-reserve the slot, and only if it still holds the last command
   * seen, {@code waitrsv}. A command stored while the monitor was busy is seen at once.
   */
  private void sleep() {
    if (slot.peek() != lastSeen) {
      sim.schedule(0, wakeAction());
      return;
    }
    slot.line().waitrsv(thread.id(), wakeAction());
  }

  private void wake() {
    long v = slot.peek();
    lastSeen = v;
    MonitorCommand cmd = MonitorCommand.values()[(int) (v & 0xff)];
    if (cmd == MonitorCommand.RESUME && state == SpcState.WAITING) {
      Trap t = pending;
      t.timeline().mark(Step.SPC_AWAKE, sim.now());
      state = SpcState.RESTORING;
      monitorWork(params.restorePs(), () -> returnToApplication(t));
      return;
    }
    commands++;
    SpcState resumeTo = state;
    state = SpcState.COMMAND;
    long cost = params.commandPs();
    if (cmd == MonitorCommand.LOAD_TLB) {
      cost += commandArg * params.tlbEntryPs();
      tlbEntries = commandArg;
    } else if (cmd == MonitorCommand.UNLOAD_TLB) {
      cost += tlbEntries * params.tlbEntryPs();
      tlbEntries = 0;
    }
    monitorWork(
        cost,
        () -> {
          switch (cmd) {
            case START -> {
              // a thread that exited stays trapped in its exit call until CL starts a new one
              if (resumeTo != SpcState.IDLE && resumeTo != SpcState.WAITING) {
                throw new IllegalStateException("START on SPC " + spc + " in state " + resumeTo);
              }
              pending = null;
              onReturn = null;
              if (entry == null) {
                throw new IllegalStateException("START on SPC " + spc + " with no application");
              }
              state = SpcState.RUNNING;
              entry.run();
            }
            case EXIT -> {
              state = SpcState.EXITED;
              pending = null;
              if (onExit != null) {
                onExit.run();
              }
            }
            default -> {
              state = resumeTo;
              if (cmd.answered()) {
                // the answer: the monitor's bit and an IPI to Linux, whose handler wakes the CL
                // thread waiting in the command ioctl
                acks++;
                mask.set(spc, sim.now());
                sleep();
                route.raise(spc, thread.id());
              } else {
                sleep();
              }
            }
          }
        });
  }

  private void returnToApplication(Trap t) {
    pending = null;
    state = SpcState.RUNNING;
    t.timeline().mark(Step.RETURNED, sim.now());
    Consumer<SyscallResult> r = onReturn;
    onReturn = null;
    r.accept(SyscallResult.fromRaw(returnValue));
  }

  /**
   * CL (on GPC hardware thread {@code fromThread}) stores a command into the slot. For RESUME the
   * trap's timeline gets {@link Step#STORE_VISIBLE} when the store reaches L2.
   *
   * @param arg the command's argument (TLB entries for LOAD_TLB), written before the command
   */
  public void post(MonitorCommand cmd, long arg, int fromThread) {
    commandArg = arg;
    sequence++;
    long v = sequence << 8 | cmd.ordinal();
    slot.write(fromThread, v, cmd == MonitorCommand.RESUME ? markVisibleAction() : null);
  }

  private Runnable wakeAction() {
    if (wakeAction == null) {
      wakeAction = this::wake;
    }
    return wakeAction;
  }

  private Runnable markVisibleAction() {
    if (markVisible == null) {
      markVisible = this::markVisible;
    }
    return markVisible;
  }

  private void markVisible() {
    if (pending != null) {
      pending.timeline().mark(Step.STORE_VISIBLE, sim.now());
    }
  }

  /** CL writes the raw return value (negative errno on failure) into the saved context. */
  public void setReturnValue(long raw) {
    returnValue = raw;
  }

  /** Returns what the thread trapped with, for CL to read, or null. */
  public Trap pending() {
    return pending;
  }

  private void requireRunning() {
    if (state != SpcState.RUNNING) {
      throw new IllegalStateException("SPC " + spc + " is " + state + ", not running");
    }
  }

  /** Returns the commands answered with an IPI back to Linux. */
  public long acks() {
    return acks;
  }

  /** Returns the state. */
  public SpcState state() {
    return state;
  }

  /** Returns the SPC index. */
  public int spc() {
    return spc;
  }

  /** Returns the hardware thread id. */
  public int hwThread() {
    return thread.id();
  }

  /** Returns the hardware thread. */
  public HardwareThread thread() {
    return thread;
  }

  /**
   * Linux (GPC hardware thread {@code fromThread}) interrupts this SPC to end the job (fusedosfs's
   * IPI_QUIT ioctl); the thread is waiting in the monitor by then, whose handler only notes it.
   */
  public void quit(InterruptController interrupts, int fromThread) {
    interrupts.sendIpi(fromThread, thread.id(), from -> quits++);
  }

  /** Returns the quit IPIs taken. */
  public long quits() {
    return quits;
  }

  /** Returns the number of static TLB entries loaded. */
  public long tlbEntries() {
    return tlbEntries;
  }

  /** Returns calls served in the monitor. */
  public long localCalls() {
    return localCalls;
  }

  /** Returns calls offloaded to CL. */
  public long offloaded() {
    return offloaded;
  }

  /** Returns commands other than RESUME executed. */
  public long commands() {
    return commands;
  }
}
