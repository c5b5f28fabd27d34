package org.fusedsim.cl.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.ClProcess;
import org.fusedsim.cl.fusedos.FusedosNode;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.spc.SpcState;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job that starts with one thread, which creates two more with clone; every thread computes and
 * exits, and the last exit ends the job, each personality its way.
 */
class ThreadLifecycleTest {
  private static final int THREADS = 3;

  private static double metric(NodeOs node, String name) {
    Metrics m = new Metrics();
    node.report(m);
    return m.get(name).orElseThrow(() -> new AssertionError("no metric " + name)).value();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos", "cnk", "linux", "direct"})
  void cloneStartsThreadsAndTheLastExitEndsTheJob(String personality) {
    Simulation sim = new Simulation();
    Machine m = TestMachines.machine(sim, personality);
    NodeOs node = m.node(0);
    long[] started = new long[THREADS];
    long[] cloneReturned = new long[THREADS];
    List<Integer> exited = new ArrayList<>();
    Runnable[] entries = new Runnable[THREADS];
    Runnable[] programs = new Runnable[THREADS];
    for (int i = 0; i < THREADS; i++) {
      int t = i;
      programs[i] =
          () -> {
            started[t] = sim.now();
            node.compute(t, Time.us(100), () -> node.exit(t, () -> exited.add(t)));
          };
    }
    entries[0] =
        () ->
            node.clone(
                0,
                1,
                programs[1],
                new Timeline(),
                r1 -> {
                  cloneReturned[1] = sim.now();
                  node.clone(
                      0,
                      2,
                      programs[2],
                      new Timeline(),
                      r2 -> {
                        cloneReturned[2] = sim.now();
                        assertTrue(r2.value() > 0, "clone returns the child's id");
                        programs[0].run();
                      });
                });
    node.boot(entries);
    sim.runUntil(Time.s(8));

    assertEquals(THREADS, exited.size(), personality + ": exits " + exited);
    for (int t = 1; t < THREADS; t++) {
      assertTrue(started[t] > 0, "thread " + t + " never started");
      // the parent's clone returns; the child starts on its own hardware thread around then
      assertTrue(cloneReturned[t] > 0, "clone " + t + " never returned");
    }
    switch (personality) {
      case "fusedos" -> {
        FusedosNode f = (FusedosNode) node;
        assertEquals(2, metric(node, "cl.clones"));
        // the end of the job: an IPI_QUIT per SPC, SIGUSR1 to the two other pthreads, and
        // every pthread gone; every SPC took EXIT
        assertEquals(THREADS, metric(node, "cl.quit_ipis"));
        assertEquals(THREADS - 1, metric(node, "cl.exit_signals"));
        assertEquals(THREADS, metric(node, "cl.threads_left"));
        assertTrue(metric(node, "cl.job_exit.mean") > 0);
        // the first clone's broadcast woke both idle pthreads; the one not chosen waited again
        assertTrue(metric(node, "cl.idle_rewaits") >= 1);
        for (int t = 0; t < THREADS; t++) {
          assertEquals(SpcState.EXITED, f.spcMonitor(f.spcOf(t)).state());
        }
        // the static TLB is per core: loaded once, through the core's first SPC
        long tlb = f.spcMonitor(f.spcOf(0)).tlbEntries();
        assertTrue(tlb > 0);
        assertEquals(
            0, f.spcMonitor(f.spcOf(1)).tlbEntries() + f.spcMonitor(f.spcOf(2)).tlbEntries());
      }
      case "cnk" -> assertTrue(metric(node, "cnk.local_calls") >= 2 + THREADS);
      default -> {}
    }
  }

  @org.junit.jupiter.api.Test
  void theStaticTlbMapsMemoryInTheLargestPagesThatFit() {
    assertEquals(0, ClProcess.tlbEntries(0));
    assertEquals(1, ClProcess.tlbEntries(1L << 30));
    // 1 GiB + 2 x 16 MiB + 3 x 1 MiB + a part of a page
    assertEquals(7, ClProcess.tlbEntries((1L << 30) + (32L << 20) + (3L << 20) + 4096));
  }
}
