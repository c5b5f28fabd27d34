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

  void call(String name, String cls, long latencyPs) {
    calls++;
    byClass.computeIfAbsent(cls, c -> new LatencyHistogram("replay.class." + c)).record(latencyPs);
    PerCall p = byCall.computeIfAbsent(name, n -> new PerCall(cls));
    p.count++;
    p.totalPs += latencyPs;
  }

  /** Returns the class histograms sorted by class name. */
  Map<String, LatencyHistogram> classesSorted() {
    return new TreeMap<>(byClass);
  }
}
