package org.fusedsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.report.ParametersDoc;
import org.fusedsim.scenarios.report.ScenarioSchema;
import org.junit.jupiter.api.Test;

/** Generated documentation must match the code it is generated from. */
class DocsTest {
  @Test
  void parametersDocMatchesTheDeclarations() throws IOException {
    String expected = ParametersDoc.render(new Components().specs());
    Path doc = Path.of("..", "docs", "parameters.md");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        expected,
        Files.readString(doc, StandardCharsets.UTF_8),
        "docs/parameters.md is out of date: mvn verify -Dgolden.update=true regenerates it");
  }

  @Test
  void scenarioSchemaMatchesTheDeclarations() throws IOException {
    String expected = ScenarioSchema.render(new Components().kinds().all());
    Path doc = Path.of("..", "docs", "scenario.schema.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        expected,
        Files.readString(doc, StandardCharsets.UTF_8),
        "docs/scenario.schema.json is out of date: mvn verify -Dgolden.update=true regenerates it");
  }

  @Test
  void schemaAcceptsTheKeysOfEveryCatalogScenario() throws IOException {
    // A light structural check without a schema library: every top-level key and every
    // section key used in the catalog is declared in the schema's properties.
    com.fasterxml.jackson.databind.JsonNode schema =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(ScenarioSchema.render(new Components().kinds().all()));
    com.fasterxml.jackson.databind.ObjectMapper yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    try (var files = Files.list(Path.of("catalog"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        com.fasterxml.jackson.databind.JsonNode sc = yaml.readTree(f.toFile());
        sc.fieldNames()
            .forEachRemaining(
                k -> {
                  com.fasterxml.jackson.databind.JsonNode prop = schema.get("properties").get(k);
                  assertEquals(true, prop != null, f + ": " + k + " missing from the schema");
                  if (sc.get(k).isObject() && prop.has("properties")) {
                    sc.get(k)
                        .fieldNames()
                        .forEachRemaining(
                            p ->
                                assertEquals(
                                    true,
                                    prop.get("properties").has(p),
                                    f + ": " + k + "." + p + " missing from the schema"));
                  }
                });
      }
    }
  }

  @Test
  void scenarioReferenceMentionsEveryKind() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "scenarios.md"), StandardCharsets.UTF_8);
    for (String kind : new Components().kinds().names()) {
      assertEquals(
          true, doc.contains("| `" + kind + "` |"), "docs/scenarios.md lacks kind " + kind);
    }
  }

  @Test
  void everyParameterHasASourceAndDescription() {
    for (ComponentSpec c : new Components().specs()) {
      for (Parameter p : c.parameters()) {
        assertEquals(false, p.source().isBlank(), c.kind() + "." + p.name() + " has no source");
        assertEquals(
            false, p.description().isBlank(), c.kind() + "." + p.name() + " has no description");
      }
    }
  }

  @Test
  void embeddingExampleIsTheCompiledTest() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "embedding.md"), StandardCharsets.UTF_8);
    String code =
        Files.readString(
            Path.of("src/test/java/com/example/ci/KernelRegressionTest.java"),
            StandardCharsets.UTF_8);
    int start = doc.indexOf("```java\n");
    int end = doc.indexOf("```", start + 8);
    assertEquals(
        code,
        doc.substring(start + 8, end),
        "docs/embedding.md must show KernelRegressionTest.java exactly");
  }

  /**
   * The storm and FWQ tables of docs/syscall-path.md quote the approved catalog results: a change
   * of the model that moves them fails here until the text is brought up to date.
   */
  @Test
  void syscallPathTablesQuoteTheApprovedResults() throws IOException {
    java.util.List<String> doc =
        Files.readAllLines(Path.of("..", "docs", "syscall-path.md"), StandardCharsets.UTF_8);
    com.fasterxml.jackson.databind.JsonNode storm =
        golden("syscall-storm").get("runs").get(0).get("metrics");
    java.util.List<String[]> rows = table(doc, "## Contention");
    assertEquals(5, rows.size(), "storm table rows");
    for (String[] r : rows) {
      String n = r[0];
      assertEquals(
          Math.round(storm.get("storm.threads_" + n + ".latency.p50").get("value").asDouble()),
          Long.parseLong(r[1]),
          "p50 of " + n + " threads");
      assertEquals(
          Math.round(storm.get("storm.threads_" + n + ".latency.p99").get("value").asDouble()),
          Long.parseLong(r[2]),
          "p99 of " + n + " threads");
    }
    com.fasterxml.jackson.databind.JsonNode fwq = golden("fwq").get("runs");
    java.util.List<String[]> noise = table(doc, "## What offloading buys");
    assertEquals(3, noise.size(), "fwq table rows");
    for (int i = 0; i < 3; i++) {
      com.fasterxml.jackson.databind.JsonNode run = fwq.get(i);
      assertEquals(run.get("personality").asText(), noise.get(i)[0]);
      double cv = run.get("metrics").get("fwq.noise.cv").get("value").asDouble();
      assertEquals(
          new java.math.BigDecimal(cv).round(new java.math.MathContext(2)).doubleValue(),
          Double.parseDouble(noise.get(i)[2]),
          "cv of " + noise.get(i)[0]);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode golden(String name) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Path.of("src/test/resources/golden", name + ".results.json").toFile());
  }

  /** The data rows of the first table after the heading that starts with {@code heading}. */
  private static java.util.List<String[]> table(java.util.List<String> doc, String heading) {
    java.util.List<String[]> rows = new java.util.ArrayList<>();
    boolean after = false;
    boolean inTable = false;
    for (String line : doc) {
      if (line.startsWith(heading)) {
        after = true;
      } else if (after && line.startsWith("|")) {
        inTable = true;
        String[] cells = line.substring(1, line.length() - 1).split("\\|");
        for (int i = 0; i < cells.length; i++) {
          cells[i] = cells[i].strip();
        }
        if (!cells[0].matches("[-:]*")
            && !line.startsWith("| threads")
            && !line.startsWith("| personality")) {
          rows.add(cells);
        }
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }
}
