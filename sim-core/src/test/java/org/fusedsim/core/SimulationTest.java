package org.fusedsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulationTest {
  @Test
  void eventsRunInTimeOrder() {
    Simulation sim = new Simulation();
    List<String> log = new ArrayList<>();
    sim.schedule(Time.ns(30), () -> log.add("c@" + sim.now()));
    sim.schedule(Time.ns(10), () -> log.add("a@" + sim.now()));
    sim.schedule(Time.ns(20), () -> log.add("b@" + sim.now()));
    sim.run();
    assertEquals(List.of("a@10000", "b@20000", "c@30000"), log);
    assertEquals(3, sim.eventCount());
    assertEquals(Time.ns(30), sim.now());
  }

  @Test
  void tiesRunInSchedulingOrder() {
    Simulation sim = new Simulation();
    List<Integer> log = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int id = i;
      sim.schedule(Time.ns(5), () -> log.add(id));
    }
    sim.run();
    for (int i = 0; i < 100; i++) {
      assertEquals(i, log.get(i));
    }
  }

  @Test
  void lowerPriorityValueRunsFirstAtEqualTime() {
    Simulation sim = new Simulation();
    List<String> log = new ArrayList<>();
    sim.schedule(Time.ns(5), 10, () -> log.add("late"));
    sim.schedule(Time.ns(5), -10, () -> log.add("early"));
    sim.schedule(Time.ns(5), 0, () -> log.add("middle"));
    sim.schedule(Time.ns(4), 100, () -> log.add("earlier-time-wins"));
    sim.run();
    assertEquals(List.of("earlier-time-wins", "early", "middle", "late"), log);
  }

  @Test
  void eventsScheduledAtNowRunAfterTheCurrentOne() {
    Simulation sim = new Simulation();
    List<String> log = new ArrayList<>();
    sim.schedule(
        0,
        () -> {
          log.add("first");
          sim.schedule(0, () -> log.add("third"));
          log.add("second");
        });
    sim.run();
    assertEquals(List.of("first", "second", "third"), log);
  }

  @Test
  void schedulingIntoThePastThrows() {
    Simulation sim = new Simulation();
    sim.schedule(Time.ns(10), () -> {});
    sim.run();
    assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> {}));
    assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(Time.ns(9), () -> {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> sim.schedule(0, Simulation.MAX_PRIORITY + 1, () -> {}));
    assertThrows(ArithmeticException.class, () -> sim.schedule(Long.MAX_VALUE, () -> {}));
  }

  @Test
  void cancelledEventsDoNotRunOrCount() {
    Simulation sim = new Simulation();
    List<String> log = new ArrayList<>();
    EventHandle a = sim.scheduleCancellable(Time.ns(1), () -> log.add("a"));
    EventHandle b = sim.scheduleCancellable(Time.ns(2), () -> log.add("b"));
    sim.schedule(Time.ns(3), () -> log.add("c"));
    assertEquals(3, sim.pendingCount());
    assertTrue(b.cancel());
    assertFalse(b.cancel(), "cancelling twice reports false");
    assertEquals(2, sim.pendingCount());
    sim.run();
    assertEquals(List.of("a", "c"), log);
    assertEquals(2, sim.eventCount());
    assertEquals(0, sim.pendingCount());
    assertFalse(a.cancel(), "an event that already ran cannot be cancelled");
    assertFalse(a.isPending());
  }

  @Test
  void aTimerRearmedAfterCancellingRunsOnlyAtItsLastArming() {
    Simulation sim = new Simulation();
    List<Long> log = new ArrayList<>();
    Timer timer = sim.timer(() -> log.add(sim.now()));
    timer.schedule(Time.ns(5));
    assertThrows(IllegalStateException.class, () -> timer.schedule(Time.ns(1)));
    sim.schedule(
        Time.ns(2),
        () -> {
          assertTrue(timer.cancel());
          assertFalse(timer.cancel());
          timer.schedule(Time.ns(10)); // now due at 12 ns; the entry at 5 ns is stale
        });
    assertEquals(2, sim.pendingCount());
    sim.run();
    assertEquals(List.of(Time.ns(12)), log);
    assertEquals(2, sim.eventCount(), "the stale entry is not an event");
    assertEquals(0, sim.pendingCount());
    assertFalse(timer.isPending());
    timer.schedule(Time.ns(1));
    assertTrue(timer.isPending());
    sim.run();
    assertEquals(List.of(Time.ns(12), Time.ns(13)), log);
  }

  @Test
  void runUntilTimeStopsAtTheLimitAndAdvancesTheClock() {
    Simulation sim = new Simulation();
    List<Long> log = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      sim.schedule(Time.ns(i * 10L), () -> log.add(sim.now()));
    }
    sim.runUntil(Time.ns(30));
    assertEquals(List.of(Time.ns(10), Time.ns(20), Time.ns(30)), log);
    assertEquals(Time.ns(30), sim.now());
    sim.runUntil(Time.ns(45));
    assertEquals(Time.ns(45), sim.now(), "the clock moves to the limit even without events");
    assertEquals(List.of(Time.ns(10), Time.ns(20), Time.ns(30), Time.ns(40)), log);
    assertEquals(1, sim.pendingCount());
  }

  @Test
  void runUntilConditionAndStop() {
    Simulation sim = new Simulation();
    int[] fired = new int[1];
    Simulation.Handler tick =
        new Simulation.Handler() {
          @Override
          public void handle(long n) {
            fired[0]++;
            if (n == 7) {
              sim.stop();
            }
            sim.schedule(Time.ns(1), this, n + 1);
          }
        };
    sim.schedule(0, tick, 0);
    sim.run();
    assertTrue(sim.isStopped());
    assertEquals(8, fired[0]);
    sim.runUntil(() -> fired[0] >= 20);
    assertEquals(20, fired[0]);
    assertFalse(sim.isStopped());
  }

  @Test
  void runFromInsideAnEventIsRefused() {
    Simulation sim = new Simulation();
    sim.schedule(0, () -> sim.run());
    assertThrows(IllegalStateException.class, sim::run);
  }

  /** Compares the heap against a sort of the same keys, through growth and interleaving. */
  @Test
  void matchesAReferenceOrderOnRandomWorkloads() {
    SplittableRandom rnd = new SplittableRandom(12345);
    for (int round = 0; round < 20; round++) {
      Simulation sim = new Simulation(Tracer.OFF, 4);
      List<long[]> expected = new ArrayList<>();
      List<long[]> actual = new ArrayList<>();
      long[] id = {0};
      int n = 1 + rnd.nextInt(5000);
      for (int i = 0; i < n; i++) {
        long t = rnd.nextInt(50);
        int prio = rnd.nextInt(5) - 2;
        long myId = id[0]++;
        expected.add(new long[] {t, prio, myId});
        sim.schedule(
            t, prio, (Simulation.Handler) a -> actual.add(new long[] {sim.now(), a}), myId);
      }
      expected.sort(
          Comparator.<long[]>comparingLong(e -> e[0])
              .thenComparingLong(e -> e[1])
              .thenComparingLong(e -> e[2]));
      sim.run();
      assertEquals(n, actual.size());
      for (int i = 0; i < n; i++) {
        assertEquals(expected.get(i)[0], actual.get(i)[0], "time at " + i);
        assertEquals(expected.get(i)[2], actual.get(i)[1], "event at " + i);
      }
    }
  }

  @Test
  void holdModelKeepsTimeMonotonic() {
    Simulation sim = new Simulation(Tracer.OFF, 16);
    SplittableRandom rnd = new SplittableRandom(7);
    long[] last = {0};
    Simulation.Handler h =
        new Simulation.Handler() {
          @Override
          public void handle(long arg) {
            assertTrue(sim.now() >= last[0]);
            last[0] = sim.now();
            if (sim.eventCount() < 100_000) {
              sim.schedule(rnd.nextLong(1_000_000), this, arg);
            }
          }
        };
    for (int i = 0; i < 1000; i++) {
      sim.schedule(rnd.nextLong(1_000_000), h, i);
    }
    sim.run();
    assertEquals(100_000 + 999, sim.eventCount());
  }

  @Test
  void progressObserverIsCalledEveryNEventsWithoutChangingTheRun() {
    Simulation sim = new Simulation();
    List<Long> seen = new ArrayList<>();
    sim.observeProgress(3, () -> seen.add(sim.eventCount()));
    for (int i = 0; i < 10; i++) {
      sim.schedule(Time.ns(i), () -> {});
    }
    sim.run();
    assertEquals(10, sim.eventCount());
    assertEquals(List.of(2L, 5L, 8L), seen, "called before the 3rd, 6th and 9th event");
    assertThrows(IllegalArgumentException.class, () -> sim.observeProgress(0, () -> {}));
  }
}
