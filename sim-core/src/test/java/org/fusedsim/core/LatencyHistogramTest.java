package org.fusedsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void percentilesWithinOnePercentOfExact() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 200_000;
    long[] samples = new long[n];
    LatencyHistogram h = new LatencyHistogram("lat");
    for (int i = 0; i < n; i++) {
      // log-uniform from 100 ps to 10 ms: exercises many magnitudes
      long v = (long) StrictMath.pow(10, 2 + 8 * rnd.nextDouble());
      samples[i] = v;
      h.record(v);
    }
    Arrays.sort(samples);
    assertEquals(samples[0], h.min());
    assertEquals(samples[n - 1], h.max());
    for (double p : new double[] {1, 10, 25, 50, 75, 90, 99, 99.9}) {
      long exact = samples[(int) Math.ceil(p / 100 * n) - 1];
      long approx = h.percentile(p);
      double rel = Math.abs(approx - exact) / (double) exact;
      assertTrue(rel <= 0.01, "p" + p + ": exact " + exact + " approx " + approx);
    }
    double mean = Arrays.stream(samples).asDoubleStream().average().orElseThrow();
    assertEquals(mean, h.mean(), mean * 1e-9);
    assertEquals(n, h.count());
  }

  @Test
  void extremesAreExact() {
    LatencyHistogram h = new LatencyHistogram("x");
    h.record(123_456_789);
    h.record(987_654_321_987L);
    assertEquals(123_456_789, h.min());
    assertEquals(987_654_321_987L, h.max());
    assertEquals(123_456_789, h.percentile(0));
    assertEquals(987_654_321_987L, h.percentile(100));
  }

  @Test
  void emptyAndInvalidInput() {
    LatencyHistogram h = new LatencyHistogram("x");
    assertThrows(IllegalStateException.class, h::min);
    assertThrows(IllegalArgumentException.class, () -> h.record(-1));
    h.record(5);
    assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
  }

  @Test
  void metricsAreSortedAndUnique() {
    Metrics m = new Metrics();
    m.put("b", 2, "ns").put("a", 1, "ns");
    assertEquals("a", m.all().get(0).name());
    assertThrows(IllegalArgumentException.class, () -> m.put("a", 3, "ns"));
    LatencyHistogram h = new LatencyHistogram("x");
    h.record(Time.ns(5));
    m.putLatency("lat", h);
    assertEquals(5.0, m.get("lat.p50").orElseThrow().value(), 0.005);
    assertEquals("ns", m.get("lat.max").orElseThrow().unit());
  }

  @Test
  void bufferTracerKeepsALimit() {
    BufferTracer t = new BufferTracer(2);
    for (int i = 0; i < 5; i++) {
      t.record(TraceEvent.instant(i, "c", "k"));
    }
    assertEquals(2, t.events().size());
    assertEquals(3, t.dropped());
  }
}
