package org.fusedsim.scenarios.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.core.BufferTracer;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * Writes trace events as Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open.
 * Each run is a process; each component path is a thread (a track). Events with a duration become
 * complete slices, others instants. By convention a field {@code flow_out} or {@code flow_in} (a
 * {@code long} id, numbered apart per {@code flow_cat}) draws an arrow from one event to another
 * (an IPI, a mailbox store, a message through the Messaging Units). Such an event is written as a
 * complete slice (of zero duration for an instant) that carries the arrow's end itself ({@code
 * bind_id} with {@code flow_out} or {@code flow_in}), so the arrow is bound to it and to nothing
 * else, whatever else runs on the track; arrows are numbered anew across the file. An event whose
 * kind starts with {@code counter.} and that has a numeric field {@code value} becomes a counter
 * track named after its component. The per-run event limit and what was dropped are written in
 * {@code otherData}.
 *
 * <p>Time stamps are whole nanoseconds written as microseconds with three decimals: viewers turn
 * {@code ts} and {@code dur} into integer nanoseconds each on its own, so a slice's start and end
 * are rounded to the nanosecond first and its duration is their difference. A slice nested in
 * another then stays nested after rounding, and one that ends where the next begins does not
 * overlap it, which Perfetto's importer would punish by dropping the slice. On each track slices
 * are written outer first when they start together, the order that importer nests them in.
 */
public final class ChromeTrace {
  private ChromeTrace() {}

  /** Renders the traces of the runs that kept one. */
  public static String render(String scenario, List<RunRecord> runs) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = ResultsJson.pretty(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("traceEvents");
      long dropped = 0;
      long kept = 0;
      int pid = 0;
      Map<String, Long> flowIds = new LinkedHashMap<>();
      for (RunRecord r : runs) {
        pid++;
        BufferTracer t = r.trace();
        if (t == null) {
          continue;
        }
        dropped += t.dropped();
        kept += t.events().size();
        meta(g, "process_name", pid, 0, r.personality() + "/r" + r.replication());
        Map<String, Integer> tids = new LinkedHashMap<>();
        List<TraceEvent> events = new java.util.ArrayList<>(t.events());
        // stable: events that start and end together keep the order they were traced in
        events.sort(
            java.util.Comparator.comparingLong((TraceEvent e) -> ns(e.time()))
                .thenComparing(e -> -ns(e.time() + e.durationPs())));
        for (TraceEvent e : events) {
          Integer tid = tids.get(e.component());
          if (tid == null) {
            tid = tids.size() + 1;
            tids.put(e.component(), tid);
            meta(g, "thread_name", pid, tid, e.component());
          }
          event(g, pid, tid, e, flowIds);
        }
      }
      g.writeEndArray();
      g.writeStringField("displayTimeUnit", "ns");
      g.writeObjectFieldStart("otherData");
      g.writeStringField("scenario", scenario);
      g.writeStringField("time_unit_of_ts", "us, three decimals = 1 ns");
      g.writeNumberField("events_kept", kept);
      g.writeNumberField("events_dropped_over_limit", dropped);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static void meta(JsonGenerator g, String what, int pid, int tid, String name)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("ph", "M");
    g.writeStringField("name", what);
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    g.writeObjectFieldStart("args");
    g.writeStringField("name", name);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void event(
      JsonGenerator g, int pid, int tid, TraceEvent e, Map<String, Long> flowIds)
      throws IOException {
    boolean counter = e.kind().startsWith("counter.") && e.fields().get("value") instanceof Number;
    String flowField =
        counter
            ? null
            : e.fields().get("flow_out") instanceof Number
                ? "flow_out"
                : e.fields().get("flow_in") instanceof Number ? "flow_in" : null;
    g.writeStartObject();
    // Counter tracks are keyed by name within a process: qualify them with the component.
    g.writeStringField(
        "name", counter ? e.component() + " " + e.kind().substring("counter.".length()) : e.kind());
    boolean slice = !counter && (e.durationPs() > 0 || flowField != null);
    g.writeStringField("ph", counter ? "C" : slice ? "X" : "i");
    long start = ns(e.time());
    g.writeFieldName("ts");
    g.writeNumber(micros(start));
    if (slice) {
      g.writeFieldName("dur");
      g.writeNumber(micros(ns(e.time() + e.durationPs()) - start));
    } else if (!counter) {
      g.writeStringField("s", "t");
    }
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    if (flowField != null) {
      Object cat = e.fields().get("flow_cat");
      // flows are numbered per run: the same number in two runs is two flows
      String key =
          pid
              + "/"
              + (cat instanceof String c ? c : "flow")
              + "/"
              + ((Number) e.fields().get(flowField));
      Long id = flowIds.get(key);
      if (id == null) {
        id = (long) flowIds.size() + 1;
        flowIds.put(key, id);
      }
      g.writeNumberField("bind_id", id);
      g.writeBooleanField(flowField, true);
    }
    g.writeObjectFieldStart("args");
    for (Map.Entry<String, Object> f : e.fields().entrySet()) {
      Object v = f.getValue();
      if (v instanceof Long || v instanceof Integer) {
        g.writeNumberField(f.getKey(), ((Number) v).longValue());
      } else if (v instanceof Number n) {
        g.writeFieldName(f.getKey());
        g.writeNumber(Numbers.format(n.doubleValue()));
      } else {
        g.writeStringField(f.getKey(), String.valueOf(v));
      }
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** Rounds picoseconds to the nearest nanosecond, halves up. */
  static long ns(long ps) {
    return Math.floorDiv(ps + 500, 1000);
  }

  private static String micros(long ns) {
    return BigDecimal.valueOf(ns, 3).toPlainString();
  }
}
