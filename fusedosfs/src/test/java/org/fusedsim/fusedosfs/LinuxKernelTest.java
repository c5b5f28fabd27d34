package org.fusedsim.fusedosfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class LinuxKernelTest {
  private final Simulation sim = new Simulation();
  private final LinuxParams p = LinuxParams.defaults();
  private final InterruptParams ip = InterruptParams.defaults();

  private static NodeHardware node(Simulation sim) {
    return new NodeHardware(sim, HardwareParams.defaults(TorusParams.defaults()), 0, "n");
  }

  private final NodeHardware hw = node(sim);

  /** A kernel on the given CPUs (chip-wide thread ids: 0-3 share core 0, 4-7 core 1, ...). */
  private LinuxKernel kernel(int... cpus) {
    return new LinuxKernel(hw, p, cpus);
  }

  @Test
  void aWokenTaskSwitchesInAndRunsItsBurst() {
    LinuxKernel k = kernel(0);
    Task t = k.spawn("a", new int[] {0});
    List<Long> done = new ArrayList<>();
    k.wake(
        t,
        -1,
        () ->
            k.run(
                t,
                Time.us(1),
                () -> {
                  done.add(sim.now());
                  k.block(t);
                }));
    sim.run();
    assertEquals(List.of(p.contextSwitchPs() + Time.us(1)), done);
    assertEquals(Time.us(1), t.vruntime());
  }

  @Test
  void cfsTunablesAreScaledByTheCpuCountAsLinuxScalesThem() {
    // factor 1 + ilog2(min(cpus, 8)): 1 CPU 1, 2 CPUs 2, 4 CPUs 3, 8 and more 4
    assertEquals(
        List.of(1, 2, 2, 3, 3, 4, 4),
        List.of(1, 2, 3, 4, 7, 8, 64).stream().map(LinuxKernel::tunableFactor).toList());
    // the 4 GPCs of FusedOS: 6 ms x 3, 0.75 ms x 3, 1 ms x 3
    LinuxKernel gpcs = kernel(0, 1, 2, 3);
    assertEquals(Time.ms(18), gpcs.schedLatencyPs());
    assertEquals(Time.us(2250), gpcs.minGranularityPs());
    assertEquals(Time.ms(3), gpcs.wakeupGranularityPs());
  }

  @Test
  void theTickPreemptsATaskThatHasRunItsSlice() {
    // Two CPU-bound tasks on one CPU (a kernel of one CPU: factor 1, period 6 ms, slice 3 ms each).
    // The first runs until a tick finds it past its slice: the ticks at 10 ms multiples, so the
    // first tick, at 10 ms, switches to the second.
    LinuxKernel k = kernel(0);
    Task a = k.spawn("a", new int[] {0});
    Task b = k.spawn("b", new int[] {0});
    long[] bStarted = {-1};
    k.wake(a, -1, () -> k.run(a, Time.ms(50), () -> k.block(a)));
    k.wake(
        b,
        -1,
        () -> {
          bStarted[0] = sim.now();
          k.run(b, Time.ms(1), () -> k.block(b));
        });
    sim.runUntil(Time.ms(100));
    // switched at the first tick after a ran its 3 ms slice (the tick and the switch included)
    long tickEnd = Time.ms(10) + p.irqEntryPs() + p.tickPs() + p.irqExitPs();
    assertEquals(tickEnd + p.contextSwitchPs(), bStarted[0]);
  }

  /** A 10 us burst with a mark at 4 us; an interrupt at {@code irqAt}; returns [mark, end]. */
  private long[] markedBurst(long irqAt) {
    Simulation sim = new Simulation();
    LinuxKernel k = new LinuxKernel(node(sim), p, new int[] {0});
    Task t = k.spawn("a", new int[] {0});
    long[] out = {-1, -1};
    k.wake(
        t,
        -1,
        () ->
            k.run(
                t,
                Time.us(10),
                Time.us(4),
                at -> out[0] = at,
                () -> {
                  out[1] = sim.now();
                  k.block(t);
                }));
    sim.schedule(irqAt, () -> k.interrupt(0, () -> Time.ns(700), () -> {}));
    sim.run();
    return out;
  }

  @Test
  void aMarkInsideABurstIsStampedWithTheTimeTheTaskReachedIt() {
    long irq = p.irqEntryPs() + Time.ns(700) + p.irqExitPs();
    long start = p.contextSwitchPs();
    // interrupted before the mark: the mark moves by the interrupt
    long[] early = markedBurst(start + Time.us(2));
    assertEquals(
        List.of(start + Time.us(4) + irq, start + Time.us(10) + irq), List.of(early[0], early[1]));
    // interrupted after it: the mark keeps its time, the end moves
    long[] late = markedBurst(start + Time.us(6));
    assertEquals(List.of(start + Time.us(4), start + Time.us(10) + irq), List.of(late[0], late[1]));
    assertThrows(
        IllegalArgumentException.class,
        () -> {
          LinuxKernel k = kernel(0);
          Task t = k.spawn("b", new int[] {0});
          k.wake(t, -1, () -> k.run(t, 5, 6, at -> {}, () -> k.block(t)));
          sim.run();
        });
  }

  /** Wakes {@code t} into one burst of {@code ps}; the returned cell gets the burst's end. */
  private long[] burst(LinuxKernel k, Task t, long ps) {
    long[] end = {-1};
    k.wake(
        t,
        -1,
        () ->
            k.run(
                t,
                ps,
                () -> {
                  end[0] = sim.now();
                  k.block(t);
                }));
    return end;
  }

  @Test
  void anInterruptStealsTimeFromTheRunningBurst() {
    LinuxKernel k = kernel(0);
    Task t = k.spawn("a", new int[] {0});
    long[] end = burst(k, t, Time.us(10));
    long handler = Time.ns(700);
    sim.schedule(Time.us(2), () -> k.interrupt(0, () -> handler, () -> {}));
    sim.run();
    long expected = p.contextSwitchPs() + Time.us(10) + p.irqEntryPs() + handler + p.irqExitPs();
    assertEquals(expected, end[0]);
    // The task's virtual runtime counts only its own CPU time.
    assertEquals(Time.us(10), t.vruntime());
  }

  @Test
  void aSleeperWokenInAnInterruptPreemptsALongRunningTask() {
    LinuxKernel k = kernel(0);
    Task hog = k.spawn("hog", new int[] {0});
    Task sleeper = k.spawn("sleeper", new int[] {0});
    List<String> order = new ArrayList<>();
    k.wake(
        hog,
        -1,
        () ->
            k.run(
                hog,
                Time.ms(5),
                () -> {
                  order.add("hog@" + sim.now());
                  k.block(hog);
                }));
    long at = Time.ms(3);
    sim.schedule(
        at,
        () ->
            k.interrupt(
                0,
                () -> 0,
                () ->
                    k.wake(
                        sleeper,
                        0,
                        () -> {
                          order.add("sleeper@" + sim.now());
                          k.block(sleeper);
                        })));
    sim.run();
    // Sleeper placed at min_vruntime - 3 ms = 0: 3 ms behind the hog > 1 ms granularity.
    long sleeperStart = at + p.irqEntryPs() + p.irqExitPs() + p.contextSwitchPs();
    long hogEnd =
        p.contextSwitchPs() + Time.ms(5) + p.irqEntryPs() + p.irqExitPs() + 2 * p.contextSwitchPs();
    assertEquals(List.of("sleeper@" + sleeperStart, "hog@" + hogEnd), order);
    assertEquals(3, k.contextSwitches());
  }

  @Test
  void noHzIdleCpusTakeNoTicksAndBusyOnesTakeOnePerPeriod() {
    LinuxKernel k = kernel(0, 4);
    Task t = k.spawn("a", new int[] {0});
    long[] end = new long[1];
    k.wake(
        t,
        -1,
        () ->
            k.run(
                t,
                Time.ms(25),
                () -> {
                  end[0] = sim.now();
                  k.block(t);
                }));
    sim.run();
    // CPU 0 busy across the ticks at 10 and 20 ms; CPU 1 idle throughout.
    assertEquals(2, k.ticks());
    long expected =
        p.contextSwitchPs() + Time.ms(25) + 2 * (p.irqEntryPs() + p.tickPs() + p.irqExitPs());
    assertEquals(expected, end[0]);
  }

  @Test
  void aNodesTicksFallAtItsPhasePlusMultiplesOfThePeriod() {
    // phase 3 ms: a CPU busy for 25 ms from the start takes the ticks at 3, 13 and 23 ms
    LinuxKernel k = new LinuxKernel(hw, p, new int[] {0}, Time.ms(3));
    Task t = k.spawn("a", new int[] {0});
    long[] end = new long[1];
    k.wake(
        t,
        -1,
        () ->
            k.run(
                t,
                Time.ms(25),
                () -> {
                  end[0] = sim.now();
                  k.block(t);
                }));
    sim.run();
    assertEquals(3, k.ticks());
    assertEquals(
        p.contextSwitchPs() + Time.ms(25) + 3 * (p.irqEntryPs() + p.tickPs() + p.irqExitPs()),
        end[0]);
  }

  @Test
  void anInterruptBeforeTheRescheduleIpiArrivesIsServedFirst() {
    LinuxKernel k = kernel(0, 4);
    Task t = k.spawn("t", new int[] {4});
    long[] start = {-1};
    long wakeAt = Time.us(10);
    long irqAt = wakeAt + ip.ipiLatencyPs() / 2;
    long handler = Time.ns(400);
    sim.schedule(
        wakeAt,
        () ->
            k.wake(
                t,
                0,
                () -> {
                  start[0] = sim.now();
                  k.block(t);
                }));
    sim.schedule(irqAt, () -> k.interrupt(4, () -> handler, () -> {}));
    sim.run();
    // the device interrupt, then the reschedule IPI that arrived meanwhile (its dispatch under the
    // global IPI lock), then the switch
    long expected =
        irqAt
            + p.irqEntryPs()
            + handler
            + p.irqExitPs()
            + p.irqEntryPs()
            + p.ipiDispatchPs()
            + p.irqExitPs()
            + p.contextSwitchPs();
    assertEquals(expected, start[0]);
    assertEquals(2, k.irqs());
    assertEquals(1, k.reschedIpis());
  }

  @Test
  void aWakeupPrefersAnIdleCpuAndKicksItWithAnIpi() {
    LinuxKernel k = kernel(0, 4);
    Task busy = k.spawn("busy", new int[] {0, 4});
    Task t = k.spawn("t", new int[] {0, 4});
    long[] start = new long[1];
    k.wake(busy, -1, () -> k.run(busy, Time.us(100), () -> k.block(busy)));
    sim.schedule(
        Time.us(10),
        () ->
            k.interrupt(
                0,
                () -> 0,
                () ->
                    k.wake(
                        t,
                        0,
                        () -> {
                          start[0] = sim.now();
                          k.block(t);
                        })));
    sim.run();
    assertEquals(4, t.cpu());
    assertEquals(1, k.reschedIpis());
    long expected =
        Time.us(10)
            + p.irqEntryPs()
            + ip.ipiLatencyPs()
            + p.irqEntryPs()
            + p.ipiDispatchPs()
            + p.irqExitPs()
            + p.contextSwitchPs();
    assertEquals(expected, start[0]);
  }

  @Test
  void ipisOnDifferentCpusTakeTheGlobalIpiLockInTurn() {
    // Two reschedule IPIs reach CPUs 0 and 4 at the same instant: both enter the interrupt at
    // once, the first dispatches under bgq_ipi_lock, the second spins until it is free.
    LinuxKernel k = kernel(0, 4, 8);
    Task a = k.spawn("a", new int[] {0});
    Task b = k.spawn("b", new int[] {4});
    Task waker = k.spawn("w", new int[] {8});
    long[] start = {-1, -1};
    k.wake(
        waker,
        -1,
        () ->
            k.run(
                waker,
                Time.us(5),
                () -> {
                  k.wake(
                      a,
                      8,
                      () -> {
                        start[0] = sim.now();
                        k.block(a);
                      });
                  k.wake(
                      b,
                      8,
                      () -> {
                        start[1] = sim.now();
                        k.block(b);
                      });
                  k.block(waker);
                }));
    sim.run();
    long first = p.contextSwitchPs() + Time.us(5) + ip.ipiLatencyPs() + p.irqEntryPs();
    assertEquals(first + p.ipiDispatchPs() + p.irqExitPs() + p.contextSwitchPs(), start[0]);
    assertEquals(first + 2 * p.ipiDispatchPs() + p.irqExitPs() + p.contextSwitchPs(), start[1]);
    assertEquals(p.ipiDispatchPs(), k.ipiLockWaitPs());
    assertEquals(2, k.ipiDispatches());
  }

  @Test
  void aCpuAboutToIdlePullsAQueuedTaskFromABusyOne() {
    LinuxKernel k = kernel(0, 4);
    Task a = k.spawn("a", new int[] {0, 4});
    Task b = k.spawn("b", new int[] {0, 4});
    Task c = k.spawn("c", new int[] {0, 4});
    List<String> starts = new ArrayList<>();
    // a and b start on CPU 0 and 1; c queues behind a on CPU 0 (both busy).
    k.wake(a, -1, () -> k.run(a, Time.us(100), () -> k.block(a)));
    k.wake(b, -1, () -> k.run(b, Time.us(10), () -> k.block(b)));
    k.wake(
        c,
        -1,
        () -> {
          starts.add(c.cpu() + "@" + sim.now());
          k.block(c);
        });
    sim.run();
    // When b blocks, CPU 1 pulls c instead of idling while c waits for a (100 us).
    long bEnd = p.contextSwitchPs() + Time.us(10);
    assertEquals(List.of("4@" + (bEnd + p.contextSwitchPs())), starts);
    assertEquals(1, k.migrations());
  }

  @Test
  void twoCpusOfOneCoreShareItsIssueSlots() {
    // CPUs 0 and 1 are threads of core 0: two integer bursts at once each run at half speed. CPU 4
    // is on core 1 and is not slowed.
    LinuxKernel k = kernel(0, 1, 4);
    long[] end0 = burst(k, k.spawn("a", new int[] {0}), Time.us(10));
    long[] end1 = burst(k, k.spawn("b", new int[] {1}), Time.us(10));
    long[] end4 = burst(k, k.spawn("c", new int[] {4}), Time.us(10));
    sim.run();
    long sw = p.contextSwitchPs();
    assertEquals(2 * (sw + Time.us(10)), end0[0], 2);
    assertEquals(2 * (sw + Time.us(10)), end1[0], 2);
    assertEquals(sw + Time.us(10), end4[0]);
  }

  @Test
  void aContinuationMustRunOrBlock() {
    LinuxKernel k = kernel(0);
    Task t = k.spawn("a", new int[] {0});
    k.wake(t, -1, () -> {});
    assertThrows(IllegalStateException.class, sim::run);
  }
}
