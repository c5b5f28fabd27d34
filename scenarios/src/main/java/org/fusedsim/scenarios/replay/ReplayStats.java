package org.fusedsim.scenarios.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.core.LatencyHistogram;

/** What a replay counted: calls and latency per class, and time per call name. */
final class ReplayStats {
  /** Totals of one call name. */
  static final class PerCall {
    final String cls;
    long count;
    long totalPs;

    PerCall(String cls) {
      this.cls = cls;
    }
  }

  // hashed for the per-call updates; the report sorts them
  final Map<String, LatencyHistogram> byClass = new LinkedHashMap<>();
  final Map<String, PerCall> byCall = new LinkedHashMap<>();
  long records;
  long calls;
  long skipped;
  long thinkPs;

  /** Returns the histogram of class {@code cls}, created empty on first use. */
  LatencyHistogram classHistogram(String cls) {
    return byClass.computeIfAbsent(cls, c -> new LatencyHistogram("replay.class." + c));
  }

  /** Returns the totals of call {@code name} (reported in the class it was first seen in). */
  PerCall perCall(String name, String cls) {
    return byCall.computeIfAbsent(name, n -> new PerCall(cls));
  }

  /** Counts one call of {@code p}, of class histogram {@code h}. */
  void call(LatencyHistogram h, PerCall p, long latencyPs) {
    calls++;
    h.record(latencyPs);
    p.count++;
    p.totalPs += latencyPs;
  }

  /** Returns the class histograms sorted by class name. */
  Map<String, LatencyHistogram> classesSorted() {
    return new TreeMap<>(byClass);
  }
}
