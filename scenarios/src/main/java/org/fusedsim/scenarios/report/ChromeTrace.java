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
 * {@code long} id) draws an arrow from one event to another (an IPI, a mailbox store), and an event
 * whose kind starts with {@code counter.} and that has a numeric field {@code value} becomes a
 * counter track named after its component. Time stamps are microseconds with six decimals, exact to
 * the picosecond. The per-run event limit and what was dropped are written in {@code otherData}.
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
        for (TraceEvent e : t.events()) {
          Integer tid = tids.get(e.component());
          if (tid == null) {
            tid = tids.size() + 1;
            tids.put(e.component(), tid);
            meta(g, "thread_name", pid, tid, e.component());
          }
          event(g, pid, tid, e);
        }
      }
      g.writeEndArray();
      g.writeStringField("displayTimeUnit", "ns");
      g.writeObjectFieldStart("otherData");
      g.writeStringField("scenario", scenario);
      g.writeStringField("time_unit_of_ts", "us, six decimals = 1 ps");
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

  private static void event(JsonGenerator g, int pid, int tid, TraceEvent e) throws IOException {
    boolean counter = e.kind().startsWith("counter.") && e.fields().get("value") instanceof Number;
    g.writeStartObject();
    // Counter tracks are keyed by name within a process: qualify them with the component.
    g.writeStringField(
        "name", counter ? e.component() + " " + e.kind().substring("counter.".length()) : e.kind());
    g.writeStringField("ph", counter ? "C" : e.durationPs() > 0 ? "X" : "i");
    g.writeFieldName("ts");
    g.writeNumber(micros(e.time()));
    if (!counter && e.durationPs() > 0) {
      g.writeFieldName("dur");
      g.writeNumber(micros(e.durationPs()));
    }
    if (!counter && e.durationPs() == 0) {
      g.writeStringField("s", "t");
    }
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
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
    flow(g, pid, tid, e, "flow_out", "s");
    flow(g, pid, tid, e, "flow_in", "f");
  }

  private static void flow(
      JsonGenerator g, int pid, int tid, TraceEvent e, String field, String phase)
      throws IOException {
    Object id = e.fields().get(field);
    if (!(id instanceof Number n)) {
      return;
    }
    g.writeStartObject();
    // flows of different kinds (IPIs, MU messages, a call's steps) number their ids on their own;
    // the category keeps them apart
    Object cat = e.fields().get("flow_cat");
    g.writeStringField("name", "flow");
    g.writeStringField("cat", cat instanceof String c ? c : "flow");
    g.writeStringField("ph", phase);
    if (phase.equals("f")) {
      g.writeStringField("bp", "e");
    }
    g.writeNumberField("id", n.longValue());
    g.writeFieldName("ts");
    g.writeNumber(micros(e.time()));
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    g.writeEndObject();
  }

  private static String micros(long ps) {
    return BigDecimal.valueOf(ps, 6).toPlainString();
  }
}
