package org.fusedsim.scenarios.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.report.ResultsJson;

/**
 * A {@code results.json} read back for comparison: the identity of the scenario and every run's
 * metrics. Refuses files of another format version, so that a comparison never silently reads
 * fields whose meaning changed.
 *
 * @param source the file name, for messages
 * @param format the format identifier
 * @param scenario the scenario name
 * @param kind the scenario kind
 * @param seed the seed
 * @param parameters every parameter as {@code section.key} to its formatted value
 * @param runs the runs in file order
 */
public record ResultsFile(
    String source,
    String format,
    String scenario,
    String kind,
    long seed,
    ImmutableMap<String, String> parameters,
    ImmutableList<Run> runs) {

  /**
   * One run of a results file.
   *
   * @param personality the OS personality
   * @param replication the replication index
   * @param metrics metric name to value and unit, sorted by name
   */
  public record Run(String personality, int replication, ImmutableMap<String, Value> metrics) {
    /**
     * Returns the key a run is matched by across files, e.g. {@code none/0}; {@code none/mean} for
     * the means across replications (replication -1).
     */
    public String key() {
      return personality + "/" + (replication < 0 ? "mean" : String.valueOf(replication));
    }
  }

  /**
   * A metric value.
   *
   * @param value the number
   * @param unit its unit
   */
  public record Value(double value, String unit) {}

  /**
   * Reads a results file.
   *
   * @throws InputException if it cannot be read, is not a results file, or has another format
   */
  public static ResultsFile read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(new Location(path.toString(), 1, 1), "no such file");
    } catch (IOException e) {
      throw new InputException(
          new Location(path.toString(), 1, 1), "cannot read results: " + e.getMessage());
    }
    return parse(path.toString(), text);
  }

  /** Parses results text; {@code source} names it in messages. */
  public static ResultsFile parse(String source, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      int col = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
      throw new InputException(
          new Location(source, line, col), "not JSON: " + e.getOriginalMessage());
    }
    Location top = new Location(source, 1, 1);
    if (root == null || !root.isObject()) {
      throw new InputException(top, "expected a fusedsim results.json object");
    }
    String format = text(root, "format", top);
    if (!format.equals(ResultsJson.FORMAT)) {
      throw new InputException(
          top,
          "results format '"
              + format
              + "' is not supported by this fusedsim (expected '"
              + ResultsJson.FORMAT
              + "'); rerun the baseline with this version");
    }
    JsonNode runs = root.get("runs");
    if (runs == null || !runs.isArray()) {
      throw new InputException(top, "expected a 'runs' array");
    }
    List<Run> out = new ArrayList<>();
    for (JsonNode r : runs) {
      JsonNode metrics = r.get("metrics");
      if (metrics == null || !metrics.isObject()) {
        throw new InputException(top, "expected 'metrics' in every run");
      }
      Map<String, Value> m = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : metrics.properties()) {
        JsonNode v = e.getValue().get("value");
        JsonNode u = e.getValue().get("unit");
        if (v == null || !v.isNumber() || u == null || !u.isTextual()) {
          throw new InputException(
              top, "metric " + e.getKey() + ": expected {\"value\": number, \"unit\": text}");
        }
        m.put(e.getKey(), new Value(v.asDouble(), u.asText()));
      }
      out.add(
          new Run(
              text(r, "personality", top), r.path("replication").asInt(0), ImmutableMap.copyOf(m)));
    }
    Map<String, String> params = new TreeMap<>();
    for (Map.Entry<String, JsonNode> sec : root.path("parameters").properties()) {
      for (Map.Entry<String, JsonNode> p : sec.getValue().properties()) {
        params.put(sec.getKey() + "." + p.getKey(), p.getValue().asText());
      }
    }
    return new ResultsFile(
        source,
        format,
        text(root, "scenario", top),
        text(root, "kind", top),
        root.path("seed").asLong(),
        ImmutableMap.copyOf(params),
        ImmutableList.copyOf(out));
  }

  private static String text(JsonNode n, String key, Location where) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw new InputException(where, "expected a text field '" + key + "'");
    }
    return v.asText();
  }
}
