package org.fusedsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import org.fusedsim.core.BufferTracer;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.RunRecord;
import org.junit.jupiter.api.Test;

class ChromeTraceTest {
  @Test
  void slicesInstantsFlowsCountersAndLimitsAreWritten() throws Exception {
    BufferTracer t = new BufferTracer(4);
    t.record(
        new TraceEvent(
            Time.ns(10), "node0/spc4", "trap", Time.ns(5), ImmutableMap.of("call", "getpid")));
    t.record(
        new TraceEvent(Time.ns(15), "node0/spc4", "ipi.send", 0, ImmutableMap.of("flow_out", 7L)));
    t.record(
        new TraceEvent(Time.ns(16), "node0/cpu0", "ipi.recv", 0, ImmutableMap.of("flow_in", 7L)));
    t.record(
        new TraceEvent(
            1_234_567, "node0/cpu0", "counter.runqueue", 0, ImmutableMap.of("value", 3L)));
    t.record(TraceEvent.instant(Time.ns(20), "node0/cpu0", "dropped"));
    RunOutput o =
        new RunOutput(Time.ns(20), 5, new Metrics(), ImmutableList.of(), ImmutableList.of());
    String json = ChromeTrace.render("s", List.of(new RunRecord("fusedos", 0, o, 1, t)));
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode ev = root.get("traceEvents");
    // process name, thread spc4, X slice, flow-out slice, thread cpu0, flow-in slice, C
    assertEquals(7, ev.size(), json);
    JsonNode slice = ev.get(2);
    assertEquals("X", slice.get("ph").asText());
    assertEquals(0.01, slice.get("ts").asDouble(), 1e-12);
    assertEquals(0.005, slice.get("dur").asDouble(), 1e-12);
    assertEquals(true, json.contains("\"ts\" : 0.010"), "microseconds with three decimals");
    assertEquals("getpid", slice.get("args").get("call").asText());
    JsonNode out = ev.get(3);
    assertEquals("X", out.get("ph").asText(), "an arrow's end is a slice of its own");
    assertEquals(0, out.get("dur").asLong());
    assertEquals(true, out.get("flow_out").asBoolean());
    JsonNode in = ev.get(5);
    assertEquals(true, in.get("flow_in").asBoolean());
    assertEquals(out.get("bind_id").asLong(), in.get("bind_id").asLong());
    JsonNode counter = ev.get(6);
    assertEquals("C", counter.get("ph").asText());
    assertEquals("node0/cpu0 runqueue", counter.get("name").asText());
    assertEquals(true, json.contains("\"ts\" : 1.235"), "rounded to the nanosecond");
    assertEquals(1, root.get("otherData").get("events_dropped_over_limit").asLong());
  }

  @Test
  void flowsOfDifferentKindsKeepTheirIdsApartByCategory() throws Exception {
    BufferTracer t = new BufferTracer(8);
    t.record(
        new TraceEvent(
            1, "n/a", "ipi.send", 0, ImmutableMap.of("flow_out", 1L, "flow_cat", "ipi")));
    t.record(
        new TraceEvent(2, "n/b", "inject", 0, ImmutableMap.of("flow_out", 1L, "flow_cat", "mu")));
    t.record(new TraceEvent(3, "n/c", "call", 0, ImmutableMap.of("flow_out", 1L)));
    RunOutput o = new RunOutput(3, 1, new Metrics(), ImmutableList.of(), ImmutableList.of());
    JsonNode ev =
        new ObjectMapper()
            .readTree(ChromeTrace.render("s", List.of(new RunRecord("fusedos", 0, o, 1, t))))
            .get("traceEvents");
    List<Long> ids = new java.util.ArrayList<>();
    for (JsonNode e : ev) {
      if (e.has("bind_id")) {
        ids.add(e.get("bind_id").asLong());
      }
    }
    // three arrows with the same number in three categories are three arrows
    assertEquals(List.of(1L, 2L, 3L), ids);
  }
}
