package org.fusedsim.scenarios.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.core.LatencyHistogram;

/**
 * What a replay counted: calls and latency per class, time per call name, and the time in calls
 * that wait (for a child, a futex, a timer, a descriptor) apart from the time in calls that serve.
 */
final class ReplayStats {
  /**
   * Calls whose time is mostly waiting for something outside the caller: a child's exit, a futex
   * wake, a sleep's end, a descriptor becoming ready, a signal. Their latency says how long the
   * thread was blocked, not what the OS spent serving it.
   */
  static final com.google.common.collect.ImmutableSet<String> BLOCKING =
      com.google.common.collect.ImmutableSet.<String>builder()
          .add("wait4", "waitid", "futex", "nanosleep", "clock_nanosleep")
          .addAll(LoadedTrace.READY_WAITS)
          .build();

  /** Totals of one call name. */
  static final class PerCall {
    final String cls;
    final boolean blocking;
    long count;
    long totalPs;

    PerCall(String cls, boolean blocking) {
      this.cls = cls;
      this.blocking = blocking;
    }
  }

  // hashed for the per-call updates; the report sorts them
  final Map<String, LatencyHistogram> byClass = new LinkedHashMap<>();
  final Map<String, PerCall> byCall = new LinkedHashMap<>();
  long records;
  long calls;
  long skipped;
  long thinkPs;
  long blockingPs;
  long servicePs;

  /** Returns the histogram of class {@code cls}, created empty on first use. */
  LatencyHistogram classHistogram(String cls) {
    return byClass.computeIfAbsent(cls, c -> new LatencyHistogram("replay.class." + c));
  }

  /** Returns the totals of call {@code name} (reported in the class it was first seen in). */
  PerCall perCall(String name, String cls) {
    return byCall.computeIfAbsent(name, n -> new PerCall(cls, BLOCKING.contains(n)));
  }

  /** Counts one call of {@code p}, of class histogram {@code h}. */
  void call(LatencyHistogram h, PerCall p, long latencyPs) {
    calls++;
    h.record(latencyPs);
    p.count++;
    p.totalPs += latencyPs;
    if (p.blocking) {
      blockingPs += latencyPs;
    } else {
      servicePs += latencyPs;
    }
  }

  /** Returns the class histograms sorted by class name. */
  Map<String, LatencyHistogram> classesSorted() {
    return new TreeMap<>(byClass);
  }
}
