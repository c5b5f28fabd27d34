package org.fusedsim.cl.fusedos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.machine.TestMachines;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.spc.MonitorParams;
import org.fusedsim.spc.SpcState;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class FusedosNodeTest {
  private static double metric(FusedosNode node, String name) {
    Metrics m = new Metrics();
    node.report(m);
    return m.get(name).orElseThrow().value();
  }

  private static FusedosNode node(Machine m) {
    return (FusedosNode) m.node(0);
  }

  @Test
  void oneGetpidTakesTheWholeOffloadPathWithTheCostsOfEachStep() {
    Simulation sim = new Simulation();
    Machine m = TestMachines.machine(sim, "fusedos");
    FusedosNode node = node(m);
    List<SyscallResult> done = new ArrayList<>();
    Timeline tl = new Timeline();
    // the application computes a little first, as one does: its CL pthread is asleep in the wait
    // ioctl by then
    node.boot(
        new Runnable[] {
          () ->
              node.compute(
                  0, Time.us(50), () -> node.syscall(0, Syscall.of("getpid"), tl, done::add))
        });
    sim.runUntil(Time.s(7));
    assertEquals(1, done.size());
    assertTrue(tl.complete());
    Sections cfg = m.spec().config();
    InterruptParams ip = InterruptParams.from(cfg.section(InterruptParams.KIND));
    LinuxParams lp = LinuxParams.from(cfg.section(LinuxParams.KIND));
    MonitorParams mon = MonitorParams.from(cfg.section(MonitorParams.KIND));
    ClParams cl = ClParams.from(cfg.section(ClParams.KIND));
    // The CPU time of each step is work on a hardware thread whose core siblings issue nothing
    // then (the SPC alone on core 1; CPU 0 while CPUs 1-3 are idle), so it takes exactly its
    // parameters' time; the rest are the hardware's latencies (IPI, L2 line, waitrsv wake).
    assertEquals(mon.trapSavePs(), tl.step(Step.IPI_SENT));
    assertEquals(ip.ipiLatencyPs() + lp.irqEntryPs(), tl.step(Step.HANDLER));
    // the handler: the IPI's dispatch under the global IPI lock, the scan, one wakeup
    assertEquals(lp.ipiDispatchPs() + lp.ipiScanPs() + lp.wakeupPs(), tl.step(Step.WOKEN));
    assertEquals(
        cl.contextReadPs() + cl.dispatchPs() + cl.clInternalPs(), tl.step(Step.RESUME_STORE));
    assertEquals(
        MemoryParams.from(cfg.section(MemoryParams.KIND)).l2LineTransferPs(),
        tl.step(Step.STORE_VISIBLE));
    assertEquals(ip.waitrsvWakePs(), tl.step(Step.SPC_AWAKE));
    assertEquals(mon.restorePs(), tl.step(Step.RETURNED));
    // CL wakeup: either CPU 0 itself (irq exit, switch, ioctl return) or another idle GPC
    // kicked by a reschedule IPI (IPI, its interrupt entry/exit, switch, ioctl return).
    long local = lp.irqExitPs() + lp.contextSwitchPs() + lp.syscallExitPs();
    long remote =
        ip.ipiLatencyPs()
            + lp.irqEntryPs()
            + lp.ipiDispatchPs()
            + lp.irqExitPs()
            + lp.contextSwitchPs()
            + lp.syscallExitPs();
    long w = tl.step(Step.CL_RUNNING);
    assertTrue(w == local || w == remote, "cl_wakeup " + w);
    // one IPI and one CL wakeup for the call; the monitor's answer to CL's LOAD_TLB at launch is
    // counted apart
    assertEquals(1, metric(node, "fusedos.ipis"));
    assertEquals(1, metric(node, "fusedos.cl_wakeups"));
    assertEquals(1, metric(node, "fusedos.command_answers"));
    assertEquals(1, metric(node, "syscalls.offloaded"));
  }

  @Test
  void monitorLocalCallsSkipLinux() {
    Simulation sim = new Simulation();
    Machine m =
        TestMachines.machine(
            sim,
            "fusedos",
            Map.of(MonitorParams.KIND + ".local_calls", "getpid"),
            ImmutableMap.of());
    FusedosNode node = node(m);
    Timeline tl = new Timeline();
    node.boot(new Runnable[] {() -> node.syscall(0, Syscall.of("getpid"), tl, r -> {})});
    sim.runUntil(Time.s(7));
    MonitorParams mon = MonitorParams.from(m.spec().config().section(MonitorParams.KIND));
    assertEquals(mon.localCallPs(), tl.total());
    assertEquals(0, metric(node, "fusedos.ipis"));
    assertEquals(1, metric(node, "syscalls.monitor_local"));
  }

  @Test
  void theReleasedProfileEndsTheJobOnACallMissingFromClsSwitch() {
    Simulation sim = new Simulation();
    FusedosNode node = node(TestMachines.machine(sim, "fusedos-released"));
    List<SyscallResult> done = new ArrayList<>();
    node.boot(
        new Runnable[] {() -> node.syscall(0, Syscall.of("pread64"), new Timeline(), done::add)});
    sim.runUntil(Time.s(7));
    assertTrue(done.isEmpty(), "the call never returns");
    assertTrue(node.jobEnded());
    assertEquals(SpcState.EXITED, node.monitor(node.spcOf(0)).state());
    assertEquals(1, metric(node, "cl.aborted_jobs"));
  }

  @Test
  void theCnkCompatibleProfileServesTheSameCall() {
    Simulation sim = new Simulation();
    FusedosNode node = node(TestMachines.machine(sim, "fusedos-cnkcompat"));
    List<SyscallResult> done = new ArrayList<>();
    node.boot(
        new Runnable[] {
          () ->
              node.syscall(0, new Syscall("pread64", 3, "/tmp/f", 4096), new Timeline(), done::add)
        });
    sim.runUntil(Time.s(7));
    assertEquals(1, done.size());
    assertFalse(node.jobEnded());
    assertEquals(SpcState.RUNNING, node.monitor(node.spcOf(0)).state());
    assertEquals(1, metric(node, "cl.served.vfs"));
  }

  @Test
  void anExceptionIsReportedToClWhichEndsTheJob() {
    Simulation sim = new Simulation();
    FusedosNode node = node(TestMachines.machine(sim, "fusedos"));
    node.boot(new Runnable[] {() -> node.exception(0, "data storage")});
    sim.runUntil(Time.s(7));
    assertTrue(node.jobEnded());
    assertEquals(SpcState.EXITED, node.monitor(node.spcOf(0)).state());
    assertEquals(1, metric(node, "cl.exceptions"));
    assertEquals(1, metric(node, "fusedos.ipis"));
  }
}
