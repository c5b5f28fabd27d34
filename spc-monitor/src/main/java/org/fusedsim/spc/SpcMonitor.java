package org.fusedsim.spc;

import com.google.common.collect.ImmutableSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.core.Simulation;

/**
 * The SPC monitor on one SPC hardware thread (bgq-facts.md, "One system call from an SPC").
 *
 * <p>A call the monitor does not serve itself: the thread traps, saves its context ({@link
 * MonitorParams#trapSavePs}), sets its bit in the shared {@link IpiMask}, raises an IPI to Linux
 * CPU 0 and sleeps in {@code waitrsv} on its command slot. CL's store of a command into the slot
 * wakes it (no interrupt); RESUME restores the context and returns to the application, any other
 * command is executed and the thread waits again. Non-syscall exceptions take the same path and are
 * reported to CL, which ends the job with EXIT.
 *
 * <p>The command slot holds {@code sequence << 8 | command}, so writing the same command twice is
 * still a change of the line.
 *
 * <p>Events: a thread's computing, its trap, its context save and its IPI's arrival at CPU 0 are
 * one event: nothing outside the thread sees the trap before the IPI bit is set, and the bit is set
 * at once with the time it takes effect ({@link IpiMask}), so a handler that runs earlier does not
 * see it. A store to the slot meanwhile (EXIT, or a RESUME from a handler that served the bit
 * early) sends the thread to sleep in its own event at the time it raised the IPI, as without the
 * shortcut. A RESUME stored while the monitor is the line's only sleeper is one event at the end of
 * the restore: the store's visibility and the wake-up are computed, not scheduled, since only this
 * monitor reads the slot. A command stored while such a resume is on its way and visible before the
 * monitor would have read the slot replaces it, as it would have on the real line.
 */
public final class SpcMonitor {
  private final Simulation sim;
  private final MonitorParams params;
  private final int spc;
  private final int hwThread;
  private final Mailbox slot;
  private final InterruptController interrupts;
  private final IpiMask mask;
  private final int cpu0Thread;
  private final InterruptController.IpiHandler cpu0Handler;
  // hashed copy of the calls served here: looked up on every trap
  private final ImmutableSet<String> local;
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
  private long localCalls;
  private long offloaded;
  private long commands;
  // a RESUME taken without events: its generation (a later command may supersede it) and value
  private long fastGen;
  private boolean fastInFlight;
  private long fastAwake;
  private long fastValue;
  private final Runnable wakeAction = this::wake;
  private final Runnable markVisible = this::markVisible;
  private final Simulation.Handler fastResumed = this::fastResumed;
  // a trap laid out ahead (see syscall): its generation, hook and the time its IPI is raised
  private long trapGen;
  private boolean trapInFlight;
  private LongConsumer trapHook;
  private long trapAtTime;
  private long trapRaiseAt;
  private final Simulation.Handler ipiArrived = this::ipiArrived;
  // a RESUME stored ahead of time (postAhead): when it happens, from where, the slot's value
  // before it, and a stand-in event when it had to become a real store after all
  private boolean aheadActive;
  private long aheadAt;
  private int aheadFrom;
  private long aheadPrevious;
  private long aheadEventGen;
  private boolean aheadEvent;
  private final Simulation.Handler aheadStore = this::aheadStore;

  /**
   * Creates the monitor of one SPC thread.
   *
   * @param spc the SPC index (0-59 in the default split)
   * @param hwThread the chip-wide hardware thread id
   * @param slot the command slot in the monitor's context area (its line holds the monitor's
   *     reservation)
   * @param cpu0Thread the hardware thread of Linux CPU 0, target of every SPC IPI
   * @param cpu0Handler Linux's IPI handler
   */
  public SpcMonitor(
      Simulation sim,
      MonitorParams params,
      int spc,
      int hwThread,
      Mailbox slot,
      InterruptController interrupts,
      IpiMask mask,
      int cpu0Thread,
      InterruptController.IpiHandler cpu0Handler) {
    this.sim = sim;
    this.params = params;
    this.spc = spc;
    this.hwThread = hwThread;
    this.slot = slot;
    this.interrupts = interrupts;
    this.mask = mask;
    this.cpu0Thread = cpu0Thread;
    this.cpu0Handler = cpu0Handler;
    this.local =
        ImmutableSet.<String>builder()
            .addAll(MonitorParams.PRIVATE_CALLS)
            .addAll(params.localCalls())
            .build();
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

  /**
   * The application on this thread executes {@code sc}; {@code done} runs when it returns.
   *
   * @throws IllegalStateException unless the thread is running application code
   */
  public void syscall(Syscall call, Timeline timeline, Consumer<SyscallResult> done) {
    syscall(0, call, timeline, null, done);
  }

  /**
   * The application on this thread computes for {@code computePs}, then executes {@code call};
   * {@code atTrap} (may be null) is told the time of the trap, in an event no later than the call's
   * return, and {@code done} runs when the call returns.
   *
   * @throws IllegalStateException unless the thread is running application code
   */
  public void syscall(
      long computePs,
      Syscall call,
      Timeline timeline,
      LongConsumer atTrap,
      Consumer<SyscallResult> done) {
    requireRunning();
    // committed to the trap: a second call from this thread now is a model error
    state = SpcState.TRAPPED;
    if (local.contains(call.name())) {
      long cost = params.localCallPs();
      sim.schedule(
          computePs + cost,
          () -> {
            localCalls++;
            timeline.mark(Step.TRAP, sim.now() - cost);
            if (atTrap != null) {
              atTrap.accept(sim.now() - cost);
            }
            state = SpcState.RUNNING;
            timeline.mark(Step.RETURNED, sim.now());
            done.accept(new SyscallResult(0, 0));
          });
      return;
    }
    // Nothing outside this thread sees the computing, the trap or the save, and the bit in the
    // mask is dated, so the trap is laid out now and taken in one event when the IPI arrives.
    long trapAt = sim.now() + computePs;
    long raiseAt = trapAt + params.trapSavePs();
    timeline.mark(Step.TRAP, trapAt);
    timeline.mark(Step.IPI_SENT, raiseAt);
    onReturn = done;
    pending = new Trap(call, "", timeline);
    trapHook = atTrap;
    trapAtTime = trapAt;
    trapRaiseAt = raiseAt;
    trapInFlight = true;
    mask.set(spc, raiseAt);
    long arrival = interrupts.sendIpiAt(raiseAt, hwThread, cpu0Thread);
    sim.scheduleAt(arrival, ipiArrived, ++trapGen);
  }

  /** The IPI of a trap laid out ahead arrives at CPU 0. */
  private void ipiArrived(long gen) {
    if (gen == trapGen && trapInFlight) {
      trapInFlight = false;
      enterWait();
    }
    cpu0Handler.onIpi(hwThread);
  }

  /** The trapped thread, its IPI raised, goes to sleep in the monitor. */
  private void enterWait() {
    offloaded++;
    LongConsumer hook = trapHook;
    trapHook = null;
    if (hook != null) {
      hook.accept(trapAtTime);
    }
    state = SpcState.WAITING;
    sleep();
  }

  /** The application takes a non-syscall exception; it is reported to CL. */
  public void exception(String name) {
    requireRunning();
    state = SpcState.TRAPPED;
    onReturn = r -> {};
    pending = new Trap(null, name, new Timeline());
    pending.timeline().mark(Step.TRAP, sim.now());
    sim.schedule(params.trapSavePs(), this::raise);
  }

  private void raise() {
    pending.timeline().mark(Step.IPI_SENT, sim.now());
    mask.set(spc, sim.now());
    state = SpcState.WAITING;
    sleep();
    interrupts.sendIpi(hwThread, cpu0Thread, cpu0Handler);
  }

  /**
   * Waits for the next command: load-reserve the slot, and only if it still holds the last command
   * seen, {@code waitrsv}. A command stored while the monitor was busy is seen at once.
   */
  private void sleep() {
    if (slot.peek() != lastSeen) {
      sim.schedule(0, this::wake);
      return;
    }
    slot.line().waitrsv(hwThread, wakeAction);
  }

  private void wake() {
    long v = slot.peek();
    lastSeen = v;
    MonitorCommand cmd = MonitorCommand.values()[(int) (v & 0xff)];
    if (cmd == MonitorCommand.RESUME && state == SpcState.WAITING) {
      Trap t = pending;
      t.timeline().mark(Step.SPC_AWAKE, sim.now());
      state = SpcState.RESTORING;
      sim.schedule(params.restorePs(), () -> returnToApplication(t));
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
    sim.schedule(
        cost,
        () -> {
          switch (cmd) {
            case START -> {
              if (resumeTo != SpcState.IDLE) {
                throw new IllegalStateException("START on SPC " + spc + " in state " + resumeTo);
              }
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
              sleep();
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
    if (aheadLive()) {
      // a store before the RESUME taken ahead: that RESUME is stored in its own event after all
      int from = aheadFrom;
      long at = aheadAt;
      undoAhead();
      aheadEvent = true;
      aheadFrom = from;
      aheadAt = at;
      sim.scheduleAt(at, aheadStore, ++aheadEventGen);
    }
    if (trapInFlight) {
      // a store while a trap laid out ahead is under way: the thread goes to sleep in its own
      // event (now, if its IPI is already raised), so the store finds it as it would have
      trapInFlight = false;
      if (sim.now() < trapRaiseAt) {
        sim.scheduleAt(trapRaiseAt, this::enterWait);
      } else {
        enterWait();
      }
    }
    commandArg = arg;
    sequence++;
    long v = sequence << 8 | cmd.ordinal();
    if (fastInFlight && sim.now() + slot.lineTransferPs() < fastAwake) {
      // visible before the monitor reads the slot: the monitor wakes to this command instead
      fastInFlight = false;
      fastGen++;
      slot.write(fromThread, v, cmd == MonitorCommand.RESUME ? markVisible : null);
      sim.scheduleAt(fastAwake, wakeAction);
      return;
    }
    if (cmd == MonitorCommand.RESUME
        && state == SpcState.WAITING
        && !fastInFlight
        && slot.quiet()
        && slot.line().soleWaiter() == hwThread) {
      slot.line().cancel(hwThread);
      long visible = slot.writeToSoleReader(v);
      pending.timeline().mark(Step.STORE_VISIBLE, visible);
      fastAwake = visible + slot.line().wakePs();
      fastValue = v;
      fastInFlight = true;
      sim.scheduleAt(fastAwake + params.restorePs(), fastResumed, ++fastGen);
      return;
    }
    slot.write(fromThread, v, cmd == MonitorCommand.RESUME ? markVisible : null);
  }

  /**
   * CL (on hardware thread {@code fromThread}) will store RESUME into the slot at {@code at} (now
   * or later) unless its CPU is interrupted first; {@link #undoAhead} takes it back. If the monitor
   * is the line's only sleeper and nothing else is under way, the store and its effects are taken
   * now as of {@code at}, without events; otherwise an event stores it at {@code at}.
   */
  public void postAhead(int fromThread, long at) {
    if (aheadLive() || aheadEvent) {
      throw new IllegalStateException("SPC " + spc + ": a RESUME is already stored ahead");
    }
    if (trapInFlight
        || fastInFlight
        || state != SpcState.WAITING
        || !slot.quiet()
        || slot.line().soleWaiter() != hwThread) {
      aheadEvent = true;
      aheadFrom = fromThread;
      aheadAt = at;
      sim.scheduleAt(at, aheadStore, ++aheadEventGen);
      return;
    }
    aheadActive = true;
    aheadAt = at;
    aheadFrom = fromThread;
    aheadPrevious = slot.peek();
    sequence++;
    long v = sequence << 8 | MonitorCommand.RESUME.ordinal();
    slot.line().cancel(hwThread);
    slot.writeToSoleReader(v);
    long visible = at + slot.lineTransferPs();
    pending.timeline().mark(Step.STORE_VISIBLE, visible);
    fastAwake = visible + slot.line().wakePs();
    fastValue = v;
    fastInFlight = true;
    sim.scheduleAt(fastAwake + params.restorePs(), fastResumed, ++fastGen);
  }

  /** Returns whether a RESUME taken ahead has not yet reached its time. */
  private boolean aheadLive() {
    return aheadActive && sim.now() < aheadAt;
  }

  /**
   * Takes back a RESUME stored ahead ({@link #postAhead}) before its time, or cancels the store
   * that stood in for it: CL's CPU was interrupted before it got there.
   */
  public void undoAhead() {
    if (aheadEvent) {
      aheadEvent = false;
      aheadEventGen++;
      return;
    }
    if (!aheadLive()) {
      return;
    }
    aheadActive = false;
    fastInFlight = false;
    fastGen++;
    pending.timeline().clear(Step.STORE_VISIBLE);
    slot.retract(aheadPrevious);
    slot.line().waitrsv(hwThread, wakeAction);
  }

  /** The real RESUME store standing in for one taken ahead and then disturbed. */
  private void aheadStore(long gen) {
    if (gen != aheadEventGen || !aheadEvent) {
      return;
    }
    aheadEvent = false;
    post(MonitorCommand.RESUME, 0, aheadFrom);
  }

  private void markVisible() {
    if (pending != null) {
      pending.timeline().mark(Step.STORE_VISIBLE, sim.now());
    }
  }

  /** The end of a RESUME's restore, unless a later command superseded it. */
  private void fastResumed(long gen) {
    if (gen != fastGen || !fastInFlight) {
      return;
    }
    fastInFlight = false;
    lastSeen = fastValue;
    Trap t = pending;
    t.timeline().mark(Step.SPC_AWAKE, fastAwake);
    returnToApplication(t);
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
    return hwThread;
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
