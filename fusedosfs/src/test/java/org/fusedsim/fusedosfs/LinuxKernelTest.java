package org.fusedsim.fusedosfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class LinuxKernelTest {
  private final Simulation sim = new Simulation();
  private final LinuxParams p = LinuxParams.defaults();
  private final InterruptParams ip = InterruptParams.defaults();
  private final InterruptController ic = new InterruptController(sim, ip, "n", 68);

  private LinuxKernel kernel(int... cpus) {
    return new LinuxKernel(sim, p, ic, cpus);
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

  /** A 10 us burst with a mark at 4 us; an interrupt at {@code irqAt}; returns [mark, end]. */
  private long[] markedBurst(long irqAt) {
    Simulation sim = new Simulation();
    LinuxKernel k =
        new LinuxKernel(sim, p, new InterruptController(sim, ip, "n", 68), new int[] {0});
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

  /** A 10 us burst with an action mark at 4 us; an interrupt at {@code irqAt}; returns its log. */
  private List<String> aheadBurst(long irqAt) {
    Simulation sim = new Simulation();
    LinuxKernel k =
        new LinuxKernel(sim, p, new InterruptController(sim, ip, "n", 68), new int[] {0});
    Task t = k.spawn("a", new int[] {0});
    List<String> log = new ArrayList<>();
    LinuxKernel.AheadMark act =
        new LinuxKernel.AheadMark() {
          @Override
          public void ahead(long at) {
            log.add("ahead " + at + " at " + sim.now());
          }

          @Override
          public void undo() {
            log.add("undo at " + sim.now());
          }
        };
    k.wake(
        t,
        -1,
        () ->
            k.run(
                t,
                Time.us(10),
                -1,
                null,
                Time.us(4),
                act,
                () -> {
                  log.add("end " + sim.now());
                  k.block(t);
                }));
    sim.schedule(irqAt, () -> k.interrupt(0, () -> Time.ns(700), () -> {}));
    sim.run();
    return log;
  }

  @Test
  void anActionMarkIsToldAheadAndAgainWhenAnInterruptMovesIt() {
    long irq = p.irqEntryPs() + Time.ns(700) + p.irqExitPs();
    long start = p.contextSwitchPs();
    long early = start + Time.us(2);
    assertEquals(
        List.of(
            "ahead " + (start + Time.us(4)) + " at " + start,
            "undo at " + early,
            "ahead " + (start + Time.us(4) + irq) + " at " + (early + irq),
            "end " + (start + Time.us(10) + irq)),
        aheadBurst(early));
    // after the point the action stands; only the end moves
    assertEquals(
        List.of(
            "ahead " + (start + Time.us(4)) + " at " + start, "end " + (start + Time.us(10) + irq)),
        aheadBurst(start + Time.us(6)));
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

  /** Wakes a task (plainly or to run) into a 10 us burst; an interrupt during the switch. */
  private List<Long> wokenBurst(boolean toRun) {
    Simulation sim = new Simulation();
    LinuxKernel k =
        new LinuxKernel(sim, p, new InterruptController(sim, ip, "n", 68), new int[] {0});
    Task t = k.spawn("a", new int[] {0});
    List<Long> out = new ArrayList<>();
    Runnable burst =
        () ->
            k.run(
                t,
                Time.us(10),
                0,
                out::add,
                () -> {
                  out.add(sim.now());
                  k.block(t);
                });
    if (toRun) {
      k.wakeToRun(t, -1, burst);
    } else {
      k.wake(t, -1, burst);
    }
    sim.schedule(p.contextSwitchPs() / 2, () -> k.interrupt(0, () -> Time.ns(700), () -> {}));
    sim.run();
    out.add(t.vruntime());
    out.add(sim.eventCount());
    return out;
  }

  @Test
  void aTaskWokenToRunTakesItsSwitchAndBurstAsOneSegment() {
    List<Long> plain = wokenBurst(false);
    List<Long> toRun = wokenBurst(true);
    long irq = p.irqEntryPs() + Time.ns(700) + p.irqExitPs();
    // burst start (the mark at 0), end, and virtual runtime (the burst only) agree
    assertEquals(
        List.of(p.contextSwitchPs() + irq, p.contextSwitchPs() + irq + Time.us(10), Time.us(10)),
        toRun.subList(0, 3));
    assertEquals(plain.subList(0, 3), toRun.subList(0, 3));
    assertEquals(plain.get(3) - 1, toRun.get(3));
    LinuxKernel k = kernel(0);
    Task t = k.spawn("b", new int[] {0});
    // at start-up the idle CPU picks the task at once
    assertThrows(IllegalStateException.class, () -> k.wakeToRun(t, -1, () -> k.block(t)));
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

  /** A planned handler taking {@code ps} that logs when it plans and ends. */
  private LinuxKernel.PlannedHandler planned(long ps, List<Long> log) {
    return new LinuxKernel.PlannedHandler() {
      @Override
      public long plan(long entryEnd) {
        log.add(entryEnd);
        return ps;
      }

      @Override
      public void atEnd() {
        log.add(sim.now());
      }
    };
  }

  @Test
  void aQueuedPlannedInterruptBeginsAtTheEndOfThePreviousExit() {
    LinuxKernel k = kernel(0);
    Task t = k.spawn("a", new int[] {0});
    long[] end = burst(k, t, Time.us(10));
    List<Long> log = new ArrayList<>();
    long at = Time.us(2);
    sim.schedule(at, () -> k.interrupt(0, planned(Time.ns(300), log)));
    sim.schedule(at + Time.ns(100), () -> k.interrupt(0, planned(Time.ns(500), log)));
    sim.run();
    long e = p.irqEntryPs();
    long x = p.irqExitPs();
    long second = at + e + Time.ns(300) + x;
    assertEquals(
        List.of(at + e, at + e + Time.ns(300), second + e, second + e + Time.ns(500)), log);
    // both interrupts' time is taken from the burst
    assertEquals(p.contextSwitchPs() + Time.us(10) + 2 * (e + x) + Time.ns(800), end[0]);
    assertEquals(2, k.irqs());
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
    LinuxKernel k = kernel(0, 1);
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
  void anInterruptBeforeTheRescheduleIpiArrivesIsServedFirst() {
    LinuxKernel k = kernel(0, 1);
    Task t = k.spawn("t", new int[] {1});
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
    sim.schedule(irqAt, () -> k.interrupt(1, () -> handler, () -> {}));
    sim.run();
    // the device interrupt, then the reschedule IPI that arrived meanwhile, then the switch
    long expected =
        irqAt
            + p.irqEntryPs()
            + handler
            + p.irqExitPs()
            + p.irqEntryPs()
            + p.irqExitPs()
            + p.contextSwitchPs();
    assertEquals(expected, start[0]);
    assertEquals(2, k.irqs());
    assertEquals(1, k.reschedIpis());
  }

  @Test
  void aWakeupPrefersAnIdleCpuAndKicksItWithAnIpi() {
    LinuxKernel k = kernel(0, 1);
    Task busy = k.spawn("busy", new int[] {0, 1});
    Task t = k.spawn("t", new int[] {0, 1});
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
    assertEquals(1, t.cpu());
    assertEquals(1, k.reschedIpis());
    long expected =
        Time.us(10)
            + p.irqEntryPs()
            + ip.ipiLatencyPs()
            + p.irqEntryPs()
            + p.irqExitPs()
            + p.contextSwitchPs();
    assertEquals(expected, start[0]);
  }

  @Test
  void aCpuAboutToIdlePullsAQueuedTaskFromABusyOne() {
    LinuxKernel k = kernel(0, 1);
    Task a = k.spawn("a", new int[] {0, 1});
    Task b = k.spawn("b", new int[] {0, 1});
    Task c = k.spawn("c", new int[] {0, 1});
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
    assertEquals(List.of("1@" + (bEnd + p.contextSwitchPs())), starts);
    assertEquals(1, k.migrations());
  }

  @Test
  void aContinuationMustRunOrBlock() {
    LinuxKernel k = kernel(0);
    Task t = k.spawn("a", new int[] {0});
    k.wake(t, -1, () -> {});
    assertThrows(IllegalStateException.class, sim::run);
  }
}
