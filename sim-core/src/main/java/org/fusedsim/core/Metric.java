package org.fusedsim.core;

/**
 * One named result of a run, with its unit.
 *
 * @param name a dotted name such as {@code syscall.getpid.latency.p50}
 * @param value the value in {@code unit}
 * @param unit the unit, e.g. {@code ns}, {@code GB/s}, {@code events}, {@code 1} for a ratio
 */
public record Metric(String name, double value, String unit) {
  /** Validates the metric. */
  public Metric {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metric name must not be blank");
    }
    if (unit == null) {
      throw new IllegalArgumentException("metric " + name + " needs a unit");
    }
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("metric " + name + " is NaN");
    }
  }
}
