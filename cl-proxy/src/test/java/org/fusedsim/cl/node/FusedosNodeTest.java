package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class FusedosNodeTest {
  private final NodeConfig cfg = NodeConfig.defaults(new RandomStreams(1, 0));

  private double metric(FusedosNode node, String name) {
    Metrics m = new Metrics();
    node.report(m);
    return m.get(name).orElseThrow().value();
  }

  @Test
  void oneGetpidTakesTheWholeOffloadPathWithTheCostsOfEachStep() {
    Simulation sim = new Simulation();
    FusedosNode node = new FusedosNode(sim, cfg);
    List<SyscallResult> done = new ArrayList<>();
    Timeline tl = new Timeline();
    node.boot(new Runnable[] {() -> node.syscall(0, Syscall.of("getpid"), tl, done::add)});
    sim.runUntil(Time.s(7));
    assertEquals(1, done.size());
    assertTrue(tl.complete());
    // Steps that do not depend on which GPC the CL pthread runs on, from the parameters:
    var ip = cfg.interrupt();
    var lp = cfg.linux();
    assertEquals(cfg.monitor().trapSavePs(), tl.step(Step.IPI_SENT));
    assertEquals(ip.ipiLatencyPs() + lp.irqEntryPs(), tl.step(Step.HANDLER));
    assertEquals(lp.ipiScanPs() + lp.wakeupPs(), tl.step(Step.WOKEN));
    assertEquals(
        cfg.cl().contextReadPs() + cfg.cl().dispatchPs() + cfg.cl().clInternalPs(),
        tl.step(Step.RESUME_STORE));
    assertEquals(cfg.memory().l2LineTransferPs(), tl.step(Step.STORE_VISIBLE));
    assertEquals(ip.waitrsvWakePs(), tl.step(Step.SPC_AWAKE));
    assertEquals(cfg.monitor().restorePs(), tl.step(Step.RETURNED));
    // CL wakeup: either CPU 0 itself (irq exit, switch, ioctl return) or another idle GPC
    // kicked by a reschedule IPI (IPI, its interrupt entry/exit, switch, ioctl return).
    long local = lp.irqExitPs() + lp.contextSwitchPs() + lp.syscallExitPs();
    long remote =
        ip.ipiLatencyPs()
            + lp.irqEntryPs()
            + lp.irqExitPs()
            + lp.contextSwitchPs()
            + lp.syscallExitPs();
    long w = tl.step(Step.CL_RUNNING);
    assertTrue(w == local || w == remote, "cl_wakeup " + w);
    assertEquals(1, metric(node, "fusedos.ipis"));
    assertEquals(1, metric(node, "fusedos.cl_wakeups"));
    assertEquals(1, metric(node, "syscalls.offloaded"));
  }

  @Test
  void monitorLocalCallsSkipLinux() {
    var d = cfg.monitor();
    var local =
        new org.fusedsim.spc.MonitorParams(
            d.trapSavePs(),
            d.restorePs(),
            d.localCallPs(),
            d.commandPs(),
            d.tlbEntryPs(),
            com.google.common.collect.ImmutableSortedSet.of("getpid"));
    NodeConfig c =
        new NodeConfig(
            cfg.interrupt(),
            cfg.memory(),
            local,
            cfg.linux(),
            cfg.noise(),
            cfg.cl(),
            cfg.cnk(),
            cfg.boot(),
            cfg.streams());
    Simulation sim = new Simulation();
    FusedosNode node = new FusedosNode(sim, c);
    Timeline tl = new Timeline();
    node.boot(new Runnable[] {() -> node.syscall(0, Syscall.of("getpid"), tl, r -> {})});
    sim.runUntil(Time.s(7));
    assertEquals(d.localCallPs(), tl.total());
    assertEquals(0, metric(node, "fusedos.ipis"));
    assertEquals(1, metric(node, "syscalls.monitor_local"));
  }

  @Test
  void theReleasedProfileEndsTheJobOnACallMissingFromClsSwitch() {
    var d = cfg.cl();
    var released =
        new org.fusedsim.cl.ClParams(
            d.contextReadPs(),
            d.dispatchPs(),
            d.clInternalPs(),
            d.imageBytes(),
            d.loadBandwidth(),
            org.fusedsim.cl.Profile.FUSEDOS_RELEASED,
            d.placement(),
            d.firstSpc(),
            d.processes());
    NodeConfig c =
        new NodeConfig(
            cfg.interrupt(),
            cfg.memory(),
            cfg.monitor(),
            cfg.linux(),
            cfg.noise(),
            released,
            cfg.cnk(),
            cfg.boot(),
            cfg.streams());
    Simulation sim = new Simulation();
    FusedosNode node = new FusedosNode(sim, c);
    List<SyscallResult> done = new ArrayList<>();
    node.boot(
        new Runnable[] {() -> node.syscall(0, Syscall.of("pread64"), new Timeline(), done::add)});
    sim.runUntil(Time.s(7));
    assertTrue(done.isEmpty(), "the call never returns");
    assertEquals(org.fusedsim.spc.SpcState.EXITED, node.monitor(node.spcOf(0)).state());
    assertEquals(1, metric(node, "cl.aborted_jobs"));
  }

  @Test
  void anExceptionIsReportedToClWhichEndsTheJob() {
    Simulation sim = new Simulation();
    FusedosNode node = new FusedosNode(sim, cfg);
    node.boot(new Runnable[] {() -> node.exception(0, "data storage")});
    sim.runUntil(Time.s(7));
    assertTrue(node.jobEnded());
    assertEquals(org.fusedsim.spc.SpcState.EXITED, node.monitor(node.spcOf(0)).state());
    assertEquals(1, metric(node, "cl.exceptions"));
    assertEquals(1, metric(node, "fusedos.ipis"));
  }
}
