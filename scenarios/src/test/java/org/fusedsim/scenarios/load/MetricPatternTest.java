package org.fusedsim.scenarios.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.regress.Unit;
import org.junit.jupiter.api.Test;

/**
 * The metric families each kind declares are true: every metric of every catalog scenario's
 * approved results belongs to a family of its kind, in that family's unit, and every declared unit
 * is one an {@code expect:} bound can be written in.
 */
class MetricPatternTest {
  @Test
  void wildcardsMatchSegments() {
    MetricPattern one = new MetricPattern("syscall.*.latency.p50", "ns");
    assertTrue(one.matches("syscall.getpid.latency.p50"));
    assertFalse(one.matches("syscall.getpid.x.latency.p50"));
    assertFalse(one.matches("syscall..latency.p50"));
    MetricPattern many = new MetricPattern("storm.**.throughput", "calls/us");
    assertTrue(many.matches("storm.threads_4.throughput"));
    assertTrue(many.matches("storm.gpc_cores_1.ipi_cpu0.threads_4.throughput"));
    assertFalse(many.matches("storm.throughput"));
  }

  @Test
  void everyApprovedMetricBelongsToADeclaredFamily() throws IOException {
    ScenarioKinds kinds = new Components().kinds();
    ObjectMapper json = new ObjectMapper();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".results.json")).sorted().toList()) {
        JsonNode root = json.readTree(f.toFile());
        ScenarioKind kind = kinds.find(root.get("kind").asText()).orElseThrow();
        for (JsonNode run : root.get("runs")) {
          Iterator<Map.Entry<String, JsonNode>> it = run.get("metrics").fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            String unit = m.getValue().get("unit").asText();
            Optional<MetricPattern> family = MetricPattern.find(kind.metrics(), m.getKey());
            checked++;
            if (family.isEmpty()) {
              wrong.add(f.getFileName() + ": " + m.getKey() + " is in no family");
            } else if (!family.get().unit().equals(unit)) {
              wrong.add(
                  f.getFileName()
                      + ": "
                      + m.getKey()
                      + " in "
                      + unit
                      + ", declared "
                      + family.get().unit());
            }
          }
        }
      }
    }
    assertTrue(checked > 1000, "checked " + checked);
    assertEquals(List.of(), wrong.stream().distinct().toList());
  }

  @Test
  void everyDeclaredUnitParses() {
    for (ScenarioKind k : new Components().kinds().all()) {
      for (MetricPattern p : k.metrics()) {
        assertTrue(Unit.parse(p.unit()).isPresent(), k.name() + ": " + p);
      }
    }
  }
}
