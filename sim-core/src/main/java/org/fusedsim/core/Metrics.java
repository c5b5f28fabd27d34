package org.fusedsim.core;

import com.google.common.collect.ImmutableList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The metrics of one run, kept sorted by name so that reports never depend on insertion order. */
public final class Metrics {
  private final TreeMap<String, Metric> byName = new TreeMap<>();

  /** Adds a metric; a second metric with the same name is an error. */
  public Metrics put(String name, double value, String unit) {
    Metric m = new Metric(name, value, unit);
    if (byName.putIfAbsent(name, m) != null) {
      throw new IllegalArgumentException("metric " + name + " reported twice");
    }
    return this;
  }

  /** Adds latency metrics {@code prefix.count/min/mean/p50/p90/p99/max} in nanoseconds. */
  public Metrics putLatency(String prefix, LatencyHistogram h) {
    put(prefix + ".count", h.count(), "samples");
    if (h.count() == 0) {
      return this;
    }
    put(prefix + ".min", Time.toNanos(h.min()), "ns");
    put(prefix + ".mean", h.mean() / Time.NS, "ns");
    put(prefix + ".p50", Time.toNanos(h.percentile(50)), "ns");
    put(prefix + ".p90", Time.toNanos(h.percentile(90)), "ns");
    put(prefix + ".p99", Time.toNanos(h.percentile(99)), "ns");
    put(prefix + ".max", Time.toNanos(h.max()), "ns");
    return this;
  }

  /** Returns the metric with that name, if present. */
  public Optional<Metric> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Returns all metrics sorted by name. */
  public ImmutableList<Metric> all() {
    return ImmutableList.copyOf(byName.values());
  }

  /** Returns a read-only view sorted by name. */
  public Map<String, Metric> asMap() {
    return java.util.Collections.unmodifiableSortedMap(byName);
  }
}
