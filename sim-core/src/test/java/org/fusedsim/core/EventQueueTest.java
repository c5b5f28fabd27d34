package org.fusedsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the calendar queue and a reference {@link PriorityQueue} with the same operations and
 * requires identical pop order, under delay patterns chosen to stress each tier: bunched equal
 * times, far outliers that stretch a rung, zero delays into the bottom, exponential spreads, and a
 * lone far timer with a crowded near future (which makes the bottom spill into a new rung).
 */
class EventQueueTest {
  private record Ref(long time, long order, long arg) implements Comparable<Ref> {
    @Override
    public int compareTo(Ref o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void popsInExactlyTheReferenceOrder(int pattern) {
    SplittableRandom rnd = new SplittableRandom(1000 + pattern);
    EventQueue q = new EventQueue(4);
    PriorityQueue<Ref> ref = new PriorityQueue<>();
    Object h = new Object();
    long now = 0;
    long seq = 0;
    int initial = pattern == 6 ? 2 : 1 + rnd.nextInt(3000);
    if (pattern == 6) {
      // a lone timer far ahead: the first rung is laid over it, then the near future fills in
      q.push(Time.s(5), seq, h, -1);
      ref.add(new Ref(Time.s(5), seq++, -1));
      initial = 1;
    }
    for (int i = 0; i < initial; i++) {
      long t = now + delay(pattern, rnd);
      long order = ((long) rnd.nextInt(3) << 47) | seq++;
      q.push(t, order, h, i);
      ref.add(new Ref(t, order, i));
    }
    for (int step = 0; step < 60_000 && !ref.isEmpty(); step++) {
      Ref want = ref.poll();
      assertEquals(want.time(), q.topTime(), "time at step " + step);
      assertEquals(want.arg(), q.topArg(), "event at step " + step);
      q.removeTop();
      assertTrue(want.time() >= now);
      now = want.time();
      int children = step % 97 == 0 ? 0 : 1 + (step % 13 == 0 ? 1 : 0);
      for (int c = 0; c < children; c++) {
        long t = now + delay(pattern, rnd);
        long order = ((long) rnd.nextInt(3) << 47) | seq++;
        long arg = 1_000_000L + step * 4L + c;
        q.push(t, order, h, arg);
        ref.add(new Ref(t, order, arg));
      }
      assertEquals(ref.size(), q.size());
    }
    if (pattern == 6) {
      assertTrue(q.spills() > 0, "the crowded bottom was never spilled");
    }
  }

  private static long delay(int pattern, SplittableRandom rnd) {
    switch (pattern) {
      case 0:
        return rnd.nextInt(50); // many ties
      case 1:
        return 0; // everything at the same time
      case 2:
        // mostly near, sometimes a far outlier that stretches the rung
        return rnd.nextInt(100) == 0 ? Time.s(1000) + rnd.nextInt(5) : rnd.nextInt(1000);
      case 3:
        return (long) (-StrictMath.log(1 - rnd.nextDouble()) * 1e6) + 1000; // PHOLD-like
      case 4:
        return rnd.nextBoolean() ? 0 : rnd.nextLong(Long.MAX_VALUE / 1_000_000); // huge spread
      case 6:
        return rnd.nextInt(500) == 0 ? Time.ms(1 + rnd.nextInt(50)) : rnd.nextInt(3000);
      default:
        return Time.ns(1) << rnd.nextInt(30); // powers of two across 9 decades
    }
  }
}
