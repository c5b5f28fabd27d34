package org.fusedsim.cl.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.spc.CnkParams;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every registered personality, built by {@link Machine}, boots a node whose application thread
 * computes and then makes a system call, each served the personality's way.
 */
class EveryPersonalityTest {
  private static final long COMPUTE = Time.ms(1);

  private static double metric(NodeOs node, String name) {
    Metrics m = new Metrics();
    node.report(m);
    return m.get(name).orElseThrow(() -> new AssertionError("no metric " + name)).value();
  }

  @Test
  void theRegistryHoldsTheFourPersonalities() {
    assertEquals(
        List.of("fusedos", "cnk", "linux", "direct"), TestMachines.PERSONALITIES.baseNames());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos", "cnk", "linux", "direct"})
  void aNodeBootsAndItsThreadComputesThenCalls(String personality) {
    Simulation sim = new Simulation();
    Machine m = TestMachines.machine(sim, personality);
    NodeOs node = m.node(0);
    assertEquals(personality, node.personality());
    long[] at = {-1, -1, -1}; // start, computing done, call returned
    List<SyscallResult> results = new ArrayList<>();
    Timeline tl = new Timeline();
    node.boot(
        new Runnable[] {
          () -> {
            at[0] = sim.now();
            node.compute(
                0,
                COMPUTE,
                () -> {
                  at[1] = sim.now();
                  node.syscall(
                      0,
                      Syscall.of("getpid"),
                      tl,
                      r -> {
                        at[2] = sim.now();
                        results.add(r);
                        node.exit(0, () -> {});
                      });
                });
          }
        });
    sim.runUntil(Time.s(8));

    // booted: the application started once every boot phase was over
    double bootMs = metric(node, "boot.total");
    assertTrue(bootMs > 0, "boot.total " + bootMs);
    assertTrue(at[0] >= 0, "the application never started");
    assertTrue(Time.toMicros(at[0]) / 1000.0 >= bootMs, at[0] + " before boot end " + bootMs);
    // computed: on an SPC (fusedos, direct) or a CNK thread nothing else runs on the core and
    // nothing interrupts; under Linux the time can only grow (ticks, noise)
    if (personality.equals("linux")) {
      assertTrue(at[1] - at[0] >= COMPUTE, "compute " + (at[1] - at[0]));
    } else {
      assertEquals(COMPUTE, at[1] - at[0]);
    }
    // called: the call was made when computing ended, returned once, without error
    assertEquals(List.of(0), results.stream().map(SyscallResult::errno).toList());
    assertEquals(at[1], tl.at(Step.TRAP));
    assertEquals(at[2], tl.at(Step.RETURNED));
    assertTrue(tl.total() > 0);

    Sections cfg = m.spec().config();
    switch (personality) {
      case "fusedos" -> {
        // the monitor offloads it and then the thread's exit; an IPI wakes the CL pthread that
        // serves each
        assertEquals(2, metric(node, "syscalls.offloaded"));
        assertEquals(2, metric(node, "fusedos.cl_wakeups"));
        assertTrue(tl.complete());
      }
      case "direct" -> {
        // the monitor offloads it and then the thread's exit; an IPI wakes the kernel worker
        // that serves each
        assertEquals(2, metric(node, "syscalls.offloaded"));
        assertEquals(2, metric(node, "direct.worker_wakeups"));
        assertTrue(tl.complete());
      }
      case "cnk" -> {
        // CNK serves getpid in the kernel on the calling thread, alone on its core
        CnkParams cnk = CnkParams.from(cfg.section(CnkParams.KIND));
        assertEquals(2, metric(node, "cnk.local_calls")); // getpid and the exit
        assertEquals(cnk.syscallPs() + cnk.localServicePs(), tl.total());
      }
      case "linux" -> {
        // Linux serves it locally in the calling task: entry, the call's body, exit
        LinuxParams lp = LinuxParams.from(cfg.section(LinuxParams.KIND));
        assertEquals(lp.syscallEntryPs() + lp.getpidPs() + lp.syscallExitPs(), tl.total());
        assertEquals(-1, tl.at(Step.IPI_SENT), "no offload under Linux");
      }
      default -> throw new AssertionError(personality);
    }
  }
}
