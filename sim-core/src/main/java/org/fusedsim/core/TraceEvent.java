package org.fusedsim.core;

import com.google.common.collect.ImmutableMap;

/**
 * One typed trace event: what happened, where, and when in simulated time.
 *
 * @param time simulated time in picoseconds
 * @param component the component path, e.g. {@code R00-M0-N04-J07/core03/t2}
 * @param kind what happened, a short stable name such as {@code ipi.send}
 * @param durationPs how long the activity lasted ({@code 0} for an instant)
 * @param fields extra typed values, in a fixed order
 */
public record TraceEvent(
    long time,
    String component,
    String kind,
    long durationPs,
    ImmutableMap<String, Object> fields) {
  /** Creates an instant event without fields. */
  public static TraceEvent instant(long time, String component, String kind) {
    return new TraceEvent(time, component, kind, 0L, ImmutableMap.of());
  }
}
