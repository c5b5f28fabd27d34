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
          for (int s : mask.drain()) {
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
                  mon.post(
                      MonitorCommand.RESUME,
                      0,
                      0,
                      () -> t.timeline().mark(Step.STORE_VISIBLE, sim.now()));
                });
          }
        };
    return new SpcMonitor(sim, p, 3, 8, slot, rsv, ic, mask, 0, cpu0);
  }

  private void start(MonitorParams p, Runnable app) {
    mon = monitor(p);
    mon.boot();
    mon.load(app, () -> {});
    mon.post(MonitorCommand.START, 0, 0, null);
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
    mon.post(MonitorCommand.LOAD_TLB, 192, 0, null);
    sim.run();
    assertEquals(192, mon.tlbEntries());
    assertEquals(SpcState.IDLE, mon.state());
    long expected =
        mp.l2LineTransferPs() + ip.waitrsvWakePs() + p.commandPs() + 192 * p.tlbEntryPs();
    assertEquals(expected, sim.now());
    mon.post(MonitorCommand.EXIT, 0, 0, null);
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
}
