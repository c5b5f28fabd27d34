package org.fusedsim.fusedosfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.spc.IpiMask;
import org.fusedsim.spc.MonitorCommand;
import org.fusedsim.spc.MonitorParams;
import org.fusedsim.spc.SpcMonitor;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class FusedosFsTest {
  private final Simulation sim = new Simulation();
  private final InterruptParams ip = InterruptParams.defaults();
  private final MemoryParams mp = MemoryParams.defaults();
  private final LinuxParams lp = LinuxParams.defaults();
  private final NodeHardware hw =
      new NodeHardware(sim, HardwareParams.defaults(TorusParams.defaults()), 0, "n");
  private final InterruptController ic = hw.interrupts();
  // Linux CPUs 0-3 are the threads of core 0; the SPCs below are threads 4 and 5 of core 1
  private final LinuxKernel kernel = new LinuxKernel(hw, lp, new int[] {0, 1, 2, 3});
  private final IpiMask mask = new IpiMask();
  private final FusedosFs fs = new FusedosFs(kernel, MemoryLayout.fusedOs(mp, 60), mask, 0);
  private final InterruptController.IpiHandler cpu0 = fs.ipiHandler();
  private final List<SpcMonitor> mons = new ArrayList<>();
  private final List<Task> clTasks = new ArrayList<>();

  /** A minimal CL: one pthread per SPC, answering every call with 0 at once. */
  private void serve(Task t, int spc) {
    SpcMonitor m = fs.monitor(spc);
    m.pending().timeline().mark(Step.CL_RUNNING, sim.now());
    m.pending().timeline().mark(Step.RESUME_STORE, sim.now());
    m.setReturnValue(0);
    m.post(MonitorCommand.RESUME, 0, t.cpu());
    fs.waitCommand(t, spc, () -> serve(t, spc));
  }

  @Test
  void oneHandlerRunServesEverySpcMarkedWhenItScans() {
    List<Timeline> tls = twoSpcs(0);
    // Both SPCs trap at the same instant: the first handler run finds both bits, the second IPI
    // finds an empty mask.
    assertServedTogether(tls);
    // Both monitors save their contexts at once on threads of one core: integer code sharing the
    // core's one integer issue slot per cycle, so each save takes twice as long.
    for (Timeline tl : tls) {
      assertEquals(2 * MonitorParams.defaults().trapSavePs(), tl.step(Step.IPI_SENT));
    }
  }

  @Test
  void aBitDueBeforeTheScanButSetAfterTheInterruptBeganIsTakenByThatScan() {
    // SPC 1 calls once CPU 0 has begun SPC 0's interrupt, and its bit is due before entry ends
    long after = ip.ipiLatencyPs() + lp.irqEntryPs() - Time.ns(20);
    assertTrue(after > MonitorParams.defaults().trapSavePs() + ip.ipiLatencyPs());
    List<Timeline> tls = twoSpcs(after);
    assertServedTogether(tls);
    // SPC 0 saved alone on its core (SPC 1 was not issuing yet): full speed
    assertEquals(MonitorParams.defaults().trapSavePs(), tls.get(0).step(Step.IPI_SENT));
    assertEquals(
        tls.get(0).at(Step.IPI_SENT) + ip.ipiLatencyPs() + lp.irqEntryPs(),
        tls.get(1).at(Step.HANDLER));
  }

  private void assertServedTogether(List<Timeline> tls) {
    assertEquals(2, ic.ipisSent() - kernel.reschedIpis());
    assertEquals(2, fs.handlerRuns());
    assertEquals(1, fs.spuriousIpis());
    assertEquals(2, fs.wakeUps());
    assertEquals(tls.get(0).at(Step.HANDLER), tls.get(1).at(Step.HANDLER));
    // The IPI's dispatch under the global IPI lock, then scanning two bits costs one scan and two
    // wakeups before either pthread is woken.
    assertEquals(
        lp.ipiDispatchPs() + lp.ipiScanPs() + 2 * lp.wakeupPs(), tls.get(0).step(Step.WOKEN));
    for (Timeline tl : tls) {
      assertTrue(tl.complete());
    }
  }

  /** Two SPCs with a CL pthread each; SPC 1 calls {@code delay} after SPC 0. */
  private List<Timeline> twoSpcs(long delay) {
    List<Timeline> tls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int spc = i;
      SpcMonitor m =
          new SpcMonitor(
              sim,
              MonitorParams.defaults(),
              i,
              hw.chip().thread(4 + i),
              new Mailbox(sim, hw.reservations(), 0x1000 + 4096L * i, mp),
              mask,
              (s, from) -> ic.sendIpi(from, 0, cpu0));
      mons.add(m);
      fs.register(m);
      Timeline tl = new Timeline();
      tls.add(tl);
      m.boot();
      long wait = i == 0 ? 0 : delay;
      m.load(
          () -> sim.schedule(wait, () -> m.syscall(Syscall.of("getpid"), tl, r -> {})), () -> {});
      Task t = kernel.spawn("cl" + i, new int[] {0, 1, 2, 3});
      clTasks.add(t);
      kernel.wake(t, -1, () -> fs.waitCommand(t, spc, () -> serve(t, spc)));
    }
    // The pthreads switch in and enter the wait ioctl on CPUs 0 and 1, two threads of core 0:
    // integer kernel code on both at once, so each takes twice its CPU time.
    long asleep = 2 * (lp.contextSwitchPs() + lp.syscallEntryPs());
    sim.runUntil(asleep - 1);
    for (Task t : clTasks) {
      assertEquals(Task.State.RUNNING, t.state(), t.name());
    }
    sim.runUntil(asleep);
    for (Task t : clTasks) {
      assertEquals(Task.State.SLEEPING, t.state(), t.name());
    }
    sim.runUntil(asleep + Time.us(1));
    for (SpcMonitor m : mons) {
      m.post(MonitorCommand.START, 0, 0);
    }
    sim.run();
    assertEquals(List.of("/fusedosfs/spc00", "/fusedosfs/spc01"), fs.files());
    assertEquals(mp.spcBase() + mp.spcChunkBytes(), fs.mmap(1).base());
    return tls;
  }
}
