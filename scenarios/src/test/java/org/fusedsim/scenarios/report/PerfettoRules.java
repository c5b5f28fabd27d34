package org.fusedsim.scenarios.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a Chrome trace-event file with the rules Perfetto's JSON importer applies and counts what
 * it would drop: {@code ts} and {@code dur} are each rounded to whole nanoseconds; on each track
 * (pid, tid) complete slices are taken in time order, outer first when they start together, and a
 * slice that begins inside another but ends after it is dropped (slices must nest). A flow end
 * written on a slice ({@code bind_id} with {@code flow_out} or {@code flow_in}) is bound to that
 * slice and is lost with it; a separate flow event ({@code ph} s or f) is bound to the slice that
 * encloses its time stamp on its track and is dropped when there is none. Every flow needs both
 * ends.
 */
final class PerfettoRules {
  /** What an import keeps and drops. */
  record Import(
      int slices, int droppedSlices, int flows, int droppedFlows, List<String> examples) {}

  private record Slice(long start, long end, int order, String flow) {}

  private PerfettoRules() {}

  static Import check(String json) throws IOException {
    JsonNode events = new ObjectMapper().readTree(json).get("traceEvents");
    Map<String, List<Slice>> tracks = new LinkedHashMap<>();
    List<JsonNode> flowEvents = new ArrayList<>();
    int order = 0;
    for (JsonNode e : events) {
      String ph = e.get("ph").asText();
      String track = e.get("pid").asInt() + "/" + e.get("tid").asInt();
      if (ph.equals("X")) {
        long start = nanos(e.get("ts"));
        long dur = nanos(e.get("dur"));
        String flow = null;
        if (e.has("bind_id")) {
          flow = (e.has("flow_out") ? "out " : "in ") + e.get("bind_id").asLong();
        }
        tracks
            .computeIfAbsent(track, k -> new ArrayList<>())
            .add(new Slice(start, start + dur, order++, flow));
      } else if (ph.equals("s") || ph.equals("f")) {
        flowEvents.add(e);
      }
    }
    int slices = 0;
    int dropped = 0;
    List<String> examples = new ArrayList<>();
    Map<String, List<Slice>> kept = new LinkedHashMap<>();
    for (Map.Entry<String, List<Slice>> t : tracks.entrySet()) {
      List<Slice> s = new ArrayList<>(t.getValue());
      s.sort(Comparator.comparingLong(Slice::start).thenComparingInt(Slice::order));
      Deque<Slice> open = new ArrayDeque<>();
      List<Slice> ok = new ArrayList<>();
      for (Slice x : s) {
        slices++;
        while (!open.isEmpty() && open.peek().end() <= x.start()) {
          open.pop();
        }
        if (!open.isEmpty() && x.end() > open.peek().end()) {
          dropped++;
          if (examples.size() < 5) {
            examples.add(
                "track "
                    + t.getKey()
                    + ": ["
                    + x.start()
                    + ", "
                    + x.end()
                    + ") overlaps ["
                    + open.peek().start()
                    + ", "
                    + open.peek().end()
                    + ")");
          }
          continue;
        }
        open.push(x);
        ok.add(x);
      }
      kept.put(t.getKey(), ok);
    }
    int flows = 0;
    int droppedFlows = 0;
    java.util.Set<String> boundEnds = new java.util.TreeSet<>();
    int flowEnds = 0;
    for (List<Slice> t : tracks.values()) {
      for (Slice x : t) {
        if (x.flow() != null) {
          flowEnds++;
        }
      }
    }
    for (List<Slice> t : kept.values()) {
      for (Slice x : t) {
        if (x.flow() != null) {
          boundEnds.add(x.flow());
        }
      }
    }
    java.util.Set<String> ids = new java.util.TreeSet<>();
    boundEnds.forEach(b -> ids.add(b.substring(b.indexOf(' ') + 1)));
    for (String id : ids) {
      flows++;
      if (!boundEnds.contains("out " + id) || !boundEnds.contains("in " + id)) {
        droppedFlows++;
        if (examples.size() < 10) {
          examples.add("flow " + id + " lacks an end");
        }
      }
    }
    droppedFlows += flowEnds - boundEnds.size();
    for (JsonNode f : flowEvents) {
      flows++;
      String track = f.get("pid").asInt() + "/" + f.get("tid").asInt();
      long ts = nanos(f.get("ts"));
      boolean bound = false;
      for (Slice x : kept.getOrDefault(track, List.of())) {
        if (x.start() <= ts && ts <= x.end()) {
          bound = true;
          break;
        }
      }
      if (!bound) {
        droppedFlows++;
        if (examples.size() < 10) {
          examples.add(
              "flow " + f.get("ph").asText() + " at " + ts + " on " + track + ": no slice");
        }
      }
    }
    return new Import(slices, dropped, flows, droppedFlows, examples);
  }

  /** Microseconds as written to whole nanoseconds, rounded as Perfetto rounds them. */
  private static long nanos(JsonNode us) {
    return Math.round(us.decimalValue().movePointRight(3).doubleValue());
  }
}
