package org.fusedsim.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class SpcMonitorTest {
  private static final long CL_DELAY = Time.ns(500);
  // the monitor runs on thread 0 of core 2; thread 9 is its SMT sibling, CPU 0 is on core 0
  private static final int SPC_THREAD = 8;
  private static final int SIBLING = 9;
  private final Simulation sim = new Simulation();
  private final InterruptParams ip = InterruptParams.defaults();
  private final MemoryParams mp = MemoryParams.defaults();
  private final NodeHardware hw = node(sim);
  private final InterruptController ic = hw.interrupts();
  private final IpiMask mask = new IpiMask();
  private final List<Integer> served = new ArrayList<>();
  private SpcMonitor mon;

  private static NodeHardware node(Simulation sim) {
    return new NodeHardware(sim, HardwareParams.defaults(TorusParams.defaults()), 0, "node");
  }

  /** Application work that takes {@code ps} on a thread issuing alone on its core. */
  private static Work integerFor(long ps) {
    return Work.integer(ps / (double) Time.BGQ_CYCLE);
  }

  private final java.util.List<Long> answers = new java.util.ArrayList<>();

  private SpcMonitor monitor(MonitorParams p) {
    Mailbox slot = new Mailbox(sim, hw.reservations(), 0x1000, mp);
    // A stand-in for Linux + CL: after a fixed delay, write the return value and RESUME.
    InterruptController.IpiHandler cpu0 =
        from -> {
          for (int s : mask.drain(sim.now())) {
            Trap t = mon.pending();
            if (t == null) {
              answers.add(sim.now()); // the answer to a command
              continue;
            }
            served.add(s);
            t.timeline().mark(Step.HANDLER, sim.now());
            t.timeline().mark(Step.WOKEN, sim.now());
            t.timeline().mark(Step.CL_RUNNING, sim.now());
            sim.schedule(
                CL_DELAY,
                () -> {
                  t.timeline().mark(Step.RESUME_STORE, sim.now());
                  mon.setReturnValue(-SyscallResult.ENOSYS);
                  mon.post(MonitorCommand.RESUME, 0, 0);
                });
          }
        };
    return new SpcMonitor(
        sim,
        p,
        3,
        hw.chip().thread(SPC_THREAD),
        slot,
        mask,
        (spc, from) -> ic.sendIpi(from, 0, cpu0));
  }

  private void start(MonitorParams p, Runnable app) {
    mon = monitor(p);
    mon.boot();
    mon.load(app, () -> {});
    mon.post(MonitorCommand.START, 0, 0);
  }

  /** Runs one offloaded getpid; returns its timeline. */
  private Timeline offloadOnce(MonitorParams p) {
    Timeline tl = new Timeline();
    start(p, () -> mon.syscall(Syscall.of("getpid"), tl, r -> {}));
    sim.run();
    assertTrue(tl.complete());
    return tl;
  }

  @Test
  void offloadedCallTakesEveryStepAndTheStepsSumToTheTotal() {
    MonitorParams p = MonitorParams.defaults();
    Timeline tl = new Timeline();
    List<SyscallResult> results = new ArrayList<>();
    start(p, () -> mon.syscall(Syscall.of("getpid"), tl, results::add));
    sim.run();
    assertTrue(tl.complete());
    // Hand calculation: save + IPI + CL stand-in + line transfer + waitrsv wake + restore.
    long expected =
        p.trapSavePs()
            + ip.ipiLatencyPs()
            + CL_DELAY
            + mp.l2LineTransferPs()
            + ip.waitrsvWakePs()
            + p.restorePs();
    assertEquals(expected, tl.total());
    long sum = 0;
    for (Step s : Step.values()) {
      if (s != Step.TRAP) {
        sum += tl.step(s);
      }
    }
    assertEquals(tl.total(), sum);
    assertEquals(ip.ipiLatencyPs(), tl.step(Step.HANDLER));
    assertEquals(new SyscallResult(-1, SyscallResult.ENOSYS), results.get(0));
    assertEquals(List.of(3), served);
    assertEquals(1, ic.ipisSent());
    assertEquals(SpcState.RUNNING, mon.state());
    // The hardware thread executed START, the save and the restore, and nothing while it slept in
    // waitrsv: its busy time is those three steps only.
    HardwareThread t = hw.chip().thread(SPC_THREAD);
    assertEquals(p.commandPs() + p.trapSavePs() + p.restorePs(), t.busyTime());
    assertEquals(3, t.pieces());
  }

  @Test
  void anIntegerSiblingHalvesTheMonitorsStepsAndAFloatingPointOneDoesNot() {
    MonitorParams p = MonitorParams.defaults();
    long rest = ip.ipiLatencyPs() + CL_DELAY + mp.l2LineTransferPs() + ip.waitrsvWakePs();
    // An integer polling loop on the same core: two integer threads share the core's one integer
    // issue slot per cycle, so the save and the restore (integer monitor code) each take twice as
    // long. The loop gets the core to itself while the monitor sleeps, which changes no step.
    hw.chip().thread(SIBLING).spin(0, "integer sibling");
    Timeline shared = offloadOnce(p);
    assertEquals(2 * p.trapSavePs(), shared.step(Step.IPI_SENT));
    assertEquals(2 * p.restorePs(), shared.step(Step.RETURNED));
    assertEquals(2 * p.trapSavePs() + rest + 2 * p.restorePs(), shared.total());

    // A floating-point loop uses the other issue slot: the monitor runs at full speed.
    Simulation s2 = new Simulation();
    NodeHardware h2 = node(s2);
    h2.chip().thread(SIBLING).spin(1, "floating-point sibling");
    IpiMask m2 = new IpiMask();
    SpcMonitor[] box = new SpcMonitor[1];
    InterruptController.IpiHandler cpu0 =
        from -> {
          m2.drain(s2.now());
          s2.schedule(CL_DELAY, () -> box[0].post(MonitorCommand.RESUME, 0, 0));
        };
    box[0] =
        new SpcMonitor(
            s2,
            p,
            3,
            h2.chip().thread(SPC_THREAD),
            new Mailbox(s2, h2.reservations(), 0x1000, mp),
            m2,
            (spc, from) -> h2.interrupts().sendIpi(from, 0, cpu0));
    Timeline alone = new Timeline();
    box[0].boot();
    box[0].load(() -> box[0].syscall(Syscall.of("getpid"), alone, r -> {}), () -> {});
    box[0].post(MonitorCommand.START, 0, 0);
    s2.run();
    assertEquals(p.trapSavePs() + rest + p.restorePs(), alone.total());
  }

  @Test
  void monitorLocalCallNeedsNoIpi() {
    MonitorParams p = MonitorParams.defaults();
    Timeline tl = new Timeline();
    start(p, () -> mon.syscall(Syscall.of("spc_suspend_threads"), tl, r -> {}));
    sim.run();
    assertEquals(p.localCallPs(), tl.total());
    assertEquals(0, ic.ipisSent());
    assertEquals(1, mon.localCalls());
  }

  @Test
  void configuredLocalCallsAreAWhatIf() {
    MonitorParams d = MonitorParams.defaults();
    MonitorParams p =
        new MonitorParams(
            d.trapSavePs(),
            d.restorePs(),
            d.localCallPs(),
            d.commandPs(),
            d.tlbEntryPs(),
            com.google.common.collect.ImmutableSortedSet.of("getpid"));
    assertTrue(p.servesLocally("getpid"));
    assertTrue(!d.servesLocally("getpid"));
  }

  @Test
  void loadTlbCostsPerEntryKeepsTheThreadWaitingAndAnswersWithAnIpi() {
    MonitorParams p = MonitorParams.defaults();
    mon = monitor(p);
    mon.boot();
    mon.post(MonitorCommand.LOAD_TLB, 192, 0);
    sim.run();
    assertEquals(192, mon.tlbEntries());
    assertEquals(SpcState.IDLE, mon.state());
    // the store reaches the monitor, which loads the entries, then raises the answering IPI to
    // Linux (spcm/monitor.c: every command but START, RESUME and EXIT is answered)
    long done = mp.l2LineTransferPs() + ip.waitrsvWakePs() + p.commandPs() + 192 * p.tlbEntryPs();
    assertEquals(java.util.List.of(done + ip.ipiLatencyPs()), answers);
    assertEquals(1, mon.acks());
    assertEquals(done + ip.ipiLatencyPs(), sim.now());
    mon.post(MonitorCommand.EXIT, 0, 0);
    sim.run();
    assertEquals(SpcState.EXITED, mon.state());
  }

  @Test
  void aCallOutsideRunningIsRejected() {
    mon = monitor(MonitorParams.defaults());
    assertThrows(
        IllegalStateException.class,
        () -> mon.syscall(Syscall.of("getpid"), new Timeline(), r -> {}));
  }

  @Test
  void aCallWhileTheThreadStillComputesIsAModelError() {
    // The application and the monitor share one hardware thread: a trap cannot start while the
    // application's work still occupies it.
    start(
        MonitorParams.defaults(),
        () -> {
          mon.compute(integerFor(Time.us(1)), () -> {});
          sim.schedule(
              Time.ns(100), () -> mon.syscall(Syscall.of("getpid"), new Timeline(), r -> {}));
        });
    IllegalStateException e = assertThrows(IllegalStateException.class, sim::run);
    assertTrue(e.getMessage().contains("is busy"), e.getMessage());
  }

  /** What an offloaded call and what followed it did. */
  private record Outcome(
      List<Long> steps, List<Long> exitAt, List<Long> returnedAt, SpcState end, long resumeAt) {
    /** Everything but when the RESUME was stored. */
    List<Object> behaviour() {
      return List.of(steps, exitAt, returnedAt, end);
    }
  }

  /**
   * One offloaded call served by a stand-in that stores RESUME {@code CL_DELAY} after the IPI
   * arrives and, if {@code exitAfter >= 0}, EXIT that long after the IPI arrives. With {@code
   * crowdLine} a second thread also sleeps on the slot's line. With {@code again}, after returning
   * the application computes 1 us and calls again.
   */
  private Outcome offload(long exitAfter, boolean crowdLine, boolean again) {
    Simulation s = new Simulation();
    NodeHardware h = node(s);
    IpiMask m = new IpiMask();
    Mailbox slot = new Mailbox(s, h.reservations(), 0x1000, mp);
    SpcMonitor[] box = new SpcMonitor[1];
    long[] resumeAt = {-1};
    InterruptController.IpiHandler cpu0 =
        from -> {
          if (m.drain(s.now()).length == 0) {
            return;
          }
          SpcMonitor mon = box[0];
          if (exitAfter >= 0) {
            s.schedule(exitAfter, () -> mon.post(MonitorCommand.EXIT, 0, 0));
          }
          s.schedule(
              CL_DELAY,
              () -> {
                if (resumeAt[0] < 0) {
                  resumeAt[0] = s.now();
                }
                mon.setReturnValue(7);
                mon.post(MonitorCommand.RESUME, 0, 0);
              });
        };
    SpcMonitor mon =
        new SpcMonitor(
            s,
            MonitorParams.defaults(),
            3,
            h.chip().thread(SPC_THREAD),
            slot,
            m,
            (spc, from) -> h.interrupts().sendIpi(from, 0, cpu0));
    box[0] = mon;
    Timeline tl = new Timeline();
    List<Long> exitAt = new ArrayList<>();
    List<Long> returnedAt = new ArrayList<>();
    mon.boot();
    mon.load(
        () -> {
          if (crowdLine) {
            h.reservations().waitrsv(40, 0x1000, () -> {});
          }
          mon.syscall(
              Syscall.of("getpid"),
              tl,
              res -> {
                returnedAt.add(s.now());
                assertEquals(7, res.value());
                if (again) {
                  mon.compute(
                      integerFor(Time.us(1)),
                      () -> mon.syscall(Syscall.of("getpid"), new Timeline(), x -> {}));
                }
              });
        },
        () -> exitAt.add(s.now()));
    mon.post(MonitorCommand.START, 0, 0);
    s.run();
    List<Long> steps = new ArrayList<>();
    for (Step st : Step.values()) {
      steps.add(tl.at(st));
    }
    return new Outcome(steps, exitAt, returnedAt, mon.state(), resumeAt[0]);
  }

  /** When the monitor reads the slot after a store at {@code storedAt}. */
  private long readAfterStore(long storedAt) {
    return storedAt + mp.l2LineTransferPs() + ip.waitrsvWakePs();
  }

  @Test
  void aResumeWakesTheMonitorOneLineTransferAndOneWakeupAfterItsStore() {
    MonitorParams p = MonitorParams.defaults();
    Outcome alone = offload(-1, false, false);
    long read = readAfterStore(alone.resumeAt());
    assertEquals(List.of(read + p.restorePs()), alone.returnedAt());
    assertEquals(
        alone.resumeAt() + mp.l2LineTransferPs(), alone.steps().get(Step.STORE_VISIBLE.ordinal()));
    assertEquals(read, alone.steps().get(Step.SPC_AWAKE.ordinal()));
    assertEquals(SpcState.RUNNING, alone.end());
    // another thread asleep on the same line changes nothing for the monitor
    assertEquals(alone.behaviour(), offload(-1, true, false).behaviour());
  }

  @Test
  void anExitVisibleBeforeTheMonitorReadsTheSlotReplacesTheResume() {
    MonitorParams p = MonitorParams.defaults();
    // Stored half a wake-up after the RESUME: visible before the monitor, woken by the RESUME,
    // reads the slot, so it reads EXIT.
    long early = CL_DELAY + ip.waitrsvWakePs() / 2;
    Outcome o = offload(early, false, true);
    assertEquals(List.of(), o.returnedAt());
    assertEquals(List.of(readAfterStore(o.resumeAt()) + p.commandPs()), o.exitAt());
    assertEquals(SpcState.EXITED, o.end());
    assertEquals(o.behaviour(), offload(early, true, true).behaviour());
    // Stored before the RESUME: the EXIT's own store wakes the monitor.
    long before = CL_DELAY / 2;
    Outcome first = offload(before, false, true);
    assertEquals(List.of(), first.returnedAt());
    long exitStored = first.resumeAt() - CL_DELAY + before;
    assertEquals(List.of(readAfterStore(exitStored) + p.commandPs()), first.exitAt());
    assertEquals(first.behaviour(), offload(before, true, true).behaviour());
  }

  @Test
  void anExitVisibleAfterTheMonitorReadTheSlotIsSeenAtTheNextWait() {
    MonitorParams p = MonitorParams.defaults();
    long late = CL_DELAY + ip.waitrsvWakePs() + Time.ns(1);
    Outcome o = offload(late, false, true);
    long returned = readAfterStore(o.resumeAt()) + p.restorePs();
    assertEquals(List.of(returned), o.returnedAt());
    // the thread ran on 1 us, trapped again, saved its context and found EXIT instead of sleeping
    assertEquals(List.of(returned + Time.us(1) + p.trapSavePs() + p.commandPs()), o.exitAt());
    assertEquals(SpcState.EXITED, o.end());
    assertEquals(o.behaviour(), offload(late, true, true).behaviour());
  }

  @Test
  void anExitStoredWhileTheApplicationRunsWaitsForTheNextTrap() {
    MonitorParams p = MonitorParams.defaults();
    // stored once the call has returned: nobody sleeps on the line, so nothing happens
    long after = CL_DELAY + mp.l2LineTransferPs() + ip.waitrsvWakePs() + p.restorePs() + 1;
    Outcome o = offload(after, false, false);
    assertEquals(1, o.returnedAt().size());
    assertEquals(List.of(), o.exitAt());
    assertEquals(SpcState.RUNNING, o.end());
  }

  @Test
  void computingThenTrappingStampsTheTrapAfterTheComputation() {
    MonitorParams p = MonitorParams.defaults();
    // The application computes 3 us on its hardware thread, then calls ...
    Timeline computed = new Timeline();
    start(
        p,
        () ->
            mon.compute(
                integerFor(Time.us(3)),
                () -> mon.syscall(Syscall.of("getpid"), computed, r -> {})));
    sim.run();
    assertTrue(computed.complete());
    assertEquals(p.trapSavePs(), computed.step(Step.IPI_SENT));

    // ... which, alone on its core, is the same as calling 3 us later without issuing meanwhile.
    Simulation s2 = new Simulation();
    NodeHardware h2 = node(s2);
    IpiMask m2 = new IpiMask();
    SpcMonitor[] box = new SpcMonitor[1];
    Timeline waited = new Timeline();
    InterruptController.IpiHandler cpu0 =
        from -> {
          m2.drain(s2.now());
          s2.schedule(
              CL_DELAY,
              () -> {
                waited.mark(Step.RESUME_STORE, s2.now());
                box[0].post(MonitorCommand.RESUME, 0, 0);
              });
        };
    box[0] =
        new SpcMonitor(
            s2,
            p,
            3,
            h2.chip().thread(SPC_THREAD),
            new Mailbox(s2, h2.reservations(), 0x1000, mp),
            m2,
            (spc, from) -> h2.interrupts().sendIpi(from, 0, cpu0));
    box[0].boot();
    box[0].load(
        () -> s2.schedule(Time.us(3), () -> box[0].syscall(Syscall.of("getpid"), waited, r -> {})),
        () -> {});
    box[0].post(MonitorCommand.START, 0, 0);
    s2.run();
    for (Step st : List.of(Step.TRAP, Step.IPI_SENT, Step.STORE_VISIBLE, Step.RETURNED)) {
      assertEquals(waited.at(st), computed.at(st), st.name());
    }
    // the start is one command after START's store became visible and woke the monitor
    long started = readAfterStore(0) + p.commandPs();
    assertEquals(started + Time.us(3), computed.at(Step.TRAP));
    // the 3 us of computing are the only difference in what the thread issued
    assertEquals(
        hw.chip().thread(SPC_THREAD).busyTime() - Time.us(3),
        h2.chip().thread(SPC_THREAD).busyTime());
  }
}
