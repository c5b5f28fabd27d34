package org.fusedsim.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.interrupt.Reservations;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class SpcMonitorTest {
  private static final long CL_DELAY = Time.ns(500);
  private final Simulation sim = new Simulation();
  private final InterruptParams ip = InterruptParams.defaults();
  private final MemoryParams mp = MemoryParams.defaults();
  private final InterruptController ic = new InterruptController(sim, ip, "node", 68);
  private final Reservations rsv = new Reservations(sim, ip, 64);
  private final IpiMask mask = new IpiMask();
  private final List<Integer> served = new ArrayList<>();
  private SpcMonitor mon;

  private SpcMonitor monitor(MonitorParams p) {
    Mailbox slot = new Mailbox(sim, rsv, 0x1000, mp);
    // A stand-in for Linux + CL: after a fixed delay, write the return value and RESUME.
    InterruptController.IpiHandler cpu0 =
        from -> {
          for (int s : mask.drain(sim.now())) {
            served.add(s);
            Trap t = mon.pending();
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
    return new SpcMonitor(sim, p, 3, 8, slot, ic, mask, 0, cpu0);
  }

  private void start(MonitorParams p, Runnable app) {
    mon = monitor(p);
    mon.boot();
    mon.load(app, () -> {});
    mon.post(MonitorCommand.START, 0, 0);
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
  void loadTlbCostsPerEntryAndKeepsTheThreadWaiting() {
    MonitorParams p = MonitorParams.defaults();
    mon = monitor(p);
    mon.boot();
    mon.post(MonitorCommand.LOAD_TLB, 192, 0);
    sim.run();
    assertEquals(192, mon.tlbEntries());
    assertEquals(SpcState.IDLE, mon.state());
    long expected =
        mp.l2LineTransferPs() + ip.waitrsvWakePs() + p.commandPs() + 192 * p.tlbEntryPs();
    assertEquals(expected, sim.now());
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

  /** What one offloaded call did, for comparing the monitor's two ways of taking a RESUME. */
  private record Outcome(
      List<Long> steps, List<Long> exitAt, List<Long> returnedAt, SpcState end, long events) {
    /** Everything but the event count. */
    List<Object> behaviour() {
      return List.of(steps, exitAt, returnedAt, end);
    }
  }

  /**
   * One offloaded call served by a stand-in that posts RESUME {@code resumeAfter} after the IPI
   * and, if {@code exitAfter >= 0}, EXIT that long after the RESUME. With {@code crowdLine} a
   * second thread also sleeps on the slot's line, so the monitor cannot take the RESUME without
   * events. After returning, the application computes 1 us and calls again.
   */
  private Outcome race(long exitAfter, boolean crowdLine) {
    Simulation s = new Simulation();
    Reservations r = new Reservations(s, ip, 64);
    InterruptController c = new InterruptController(s, ip, "node", 68);
    IpiMask m = new IpiMask();
    Mailbox slot = new Mailbox(s, r, 0x1000, mp);
    SpcMonitor[] box = new SpcMonitor[1];
    InterruptController.IpiHandler cpu0 =
        from -> {
          if (m.drain(s.now()).length == 0) {
            return;
          }
          s.schedule(
              CL_DELAY,
              () -> {
                box[0].setReturnValue(7);
                box[0].post(MonitorCommand.RESUME, 0, 0);
                if (exitAfter >= 0) {
                  s.schedule(exitAfter, () -> box[0].post(MonitorCommand.EXIT, 0, 0));
                }
              });
        };
    SpcMonitor mon = new SpcMonitor(s, MonitorParams.defaults(), 3, 8, slot, c, m, 0, cpu0);
    box[0] = mon;
    Timeline tl = new Timeline();
    List<Long> exitAt = new ArrayList<>();
    List<Long> returnedAt = new ArrayList<>();
    mon.boot();
    mon.load(
        () -> {
          if (crowdLine) {
            r.waitrsv(40, 0x1000, () -> {});
          }
          mon.syscall(
              Syscall.of("getpid"),
              tl,
              res -> {
                returnedAt.add(s.now());
                assertEquals(7, res.value());
                mon.syscall(Time.us(1), Syscall.of("getpid"), new Timeline(), null, x -> {});
              });
        },
        () -> exitAt.add(s.now()));
    return startAndRun(s, mon, tl, exitAt, returnedAt);
  }

  /** Starts the loaded monitor, runs to the end and collects what happened. */
  private static Outcome startAndRun(
      Simulation s, SpcMonitor mon, Timeline tl, List<Long> exitAt, List<Long> returnedAt) {
    mon.post(MonitorCommand.START, 0, 0);
    s.run();
    List<Long> steps = new ArrayList<>();
    for (Step st : Step.values()) {
      steps.add(tl.at(st));
    }
    return new Outcome(steps, exitAt, returnedAt, mon.state(), s.eventCount());
  }

  @Test
  void aResumeTakenWithoutEventsMatchesTheStoreAndWakeupOnTheLine() {
    Outcome fast = race(-1, false);
    Outcome slow = race(-1, true);
    assertEquals(slow.behaviour(), fast.behaviour());
    // the first call without the store's and the two wake-ups' events; the RESUME woke the other
    // sleeper, so the second call has the line to itself in both runs
    assertEquals(slow.events() - 3, fast.events());
    assertEquals(1, fast.returnedAt().size());
    assertEquals(SpcState.RUNNING, fast.end());
  }

  @Test
  void anExitVisibleBeforeTheMonitorReadsTheSlotReplacesTheResume() {
    // visible one line transfer after its post: before the wake-up if posted within it
    long early = ip.waitrsvWakePs() / 2;
    Outcome fast = race(early, false);
    assertEquals(race(early, true).behaviour(), fast.behaviour());
    assertEquals(List.of(), fast.returnedAt());
    assertEquals(1, fast.exitAt().size());
    assertEquals(SpcState.EXITED, fast.end());
  }

  @Test
  void anExitVisibleAfterTheMonitorReadTheSlotIsSeenAtTheNextWait() {
    long late = ip.waitrsvWakePs() + Time.ns(1);
    Outcome fast = race(late, false);
    assertEquals(race(late, true).behaviour(), fast.behaviour());
    assertEquals(1, fast.returnedAt().size());
    assertEquals(1, fast.exitAt().size());
    // the thread ran on, trapped again, and found EXIT instead of sleeping
    assertTrue(fast.exitAt().get(0) > fast.returnedAt().get(0) + Time.us(1));
    assertEquals(SpcState.EXITED, fast.end());
  }

  @Test
  void computingAndTrappingInOneCallStampsTheTrapAfterTheComputation() {
    MonitorParams p = MonitorParams.defaults();
    Timeline fused = new Timeline();
    start(p, () -> mon.syscall(Time.us(3), Syscall.of("getpid"), fused, null, r -> {}));
    sim.run();
    long fusedEvents = sim.eventCount();
    assertTrue(fused.complete());
    assertEquals(MonitorParams.defaults().trapSavePs(), fused.step(Step.IPI_SENT));

    Simulation s2 = new Simulation();
    Reservations r2 = new Reservations(s2, ip, 64);
    InterruptController c2 = new InterruptController(s2, ip, "node", 68);
    IpiMask m2 = new IpiMask();
    SpcMonitor[] box = new SpcMonitor[1];
    Timeline split = new Timeline();
    InterruptController.IpiHandler cpu0 =
        from -> {
          m2.drain(s2.now());
          s2.schedule(
              CL_DELAY,
              () -> {
                split.mark(Step.RESUME_STORE, s2.now());
                box[0].post(MonitorCommand.RESUME, 0, 0);
              });
        };
    box[0] = new SpcMonitor(s2, p, 3, 8, new Mailbox(s2, r2, 0x1000, mp), c2, m2, 0, cpu0);
    box[0].boot();
    box[0].load(
        () -> s2.schedule(Time.us(3), () -> box[0].syscall(Syscall.of("getpid"), split, r -> {})),
        () -> {});
    box[0].post(MonitorCommand.START, 0, 0);
    s2.run();
    for (Step st : List.of(Step.TRAP, Step.IPI_SENT, Step.STORE_VISIBLE, Step.RETURNED)) {
      assertEquals(split.at(st), fused.at(st), st.name());
    }
    assertEquals(s2.eventCount() - 1, fusedEvents);
  }

  /**
   * One offloaded call whose RESUME is stored {@code CL_DELAY} after the IPI, plainly or taken
   * ahead of time ({@code ahead}); with {@code redo} the store taken ahead is undone a third of the
   * way and taken again 500 ns later (as when CL's CPU is interrupted); with {@code exitAfter >= 0}
   * an EXIT is stored that long after the IPI. Returns the outcome.
   */
  private Outcome storedAhead(boolean ahead, boolean redo, long exitAfter) {
    Simulation s = new Simulation();
    Reservations r = new Reservations(s, ip, 64);
    InterruptController c = new InterruptController(s, ip, "node", 68);
    IpiMask m = new IpiMask();
    Mailbox slot = new Mailbox(s, r, 0x1000, mp);
    SpcMonitor[] box = new SpcMonitor[1];
    long extra = redo ? Time.ns(500) : 0;
    InterruptController.IpiHandler cpu0 =
        from -> {
          if (m.drain(s.now()).length == 0) {
            return;
          }
          SpcMonitor mon = box[0];
          mon.setReturnValue(7);
          long at = s.now() + CL_DELAY + extra;
          if (ahead) {
            mon.postAhead(0, s.now() + CL_DELAY);
            if (redo) {
              s.schedule(
                  CL_DELAY / 3,
                  () -> {
                    mon.undoAhead();
                    s.schedule(Time.ns(500), () -> mon.postAhead(0, at));
                  });
            }
          } else {
            s.scheduleAt(at, () -> mon.post(MonitorCommand.RESUME, 0, 0));
          }
          if (exitAfter >= 0) {
            s.schedule(exitAfter, () -> mon.post(MonitorCommand.EXIT, 0, 0));
          }
        };
    SpcMonitor mon = new SpcMonitor(s, MonitorParams.defaults(), 3, 8, slot, c, m, 0, cpu0);
    box[0] = mon;
    Timeline tl = new Timeline();
    List<Long> exitAt = new ArrayList<>();
    List<Long> returnedAt = new ArrayList<>();
    mon.boot();
    mon.load(
        () ->
            mon.syscall(
                Syscall.of("getpid"),
                tl,
                res -> {
                  returnedAt.add(s.now());
                  assertEquals(7, res.value());
                }),
        () -> exitAt.add(s.now()));
    return startAndRun(s, mon, tl, exitAt, returnedAt);
  }

  @Test
  void aResumeStoredAheadActsAsTheStoreAtItsTime() {
    for (boolean redo : List.of(false, true)) {
      Outcome plain = storedAhead(false, redo, -1);
      Outcome ahead = storedAhead(true, redo, -1);
      assertEquals(plain.behaviour(), ahead.behaviour(), "redo " + redo);
      assertEquals(1, ahead.returnedAt().size());
      if (!redo) {
        // no event for the store itself
        assertEquals(plain.events() - 1, ahead.events());
      }
    }
    // an EXIT stored before the RESUME's time turns the RESUME into a real store; one after it
    // finds the RESUME done
    for (long exitAfter : List.of(CL_DELAY / 2, CL_DELAY + Time.ns(5), CL_DELAY + Time.ns(200))) {
      Outcome plain = storedAhead(false, false, exitAfter);
      assertEquals(
          plain.behaviour(), storedAhead(true, false, exitAfter).behaviour(), "" + exitAfter);
    }
  }
}
