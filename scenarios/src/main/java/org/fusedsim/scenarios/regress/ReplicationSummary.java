package org.fusedsim.scenarios.regress;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.core.Metric;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.report.TextTable;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * Per personality and metric, the mean across replications and its 95% Student confidence interval.
 * Written to results.json as an extra top-level {@code summary} section only when a scenario has
 * two or more replications, so single-replication files keep their exact bytes and readers of
 * format 1 that ignore unknown fields keep working.
 */
public final class ReplicationSummary {
  private ReplicationSummary() {}

  /**
   * Returns the estimates by personality, then metric name (sorted); a metric missing from some
   * replication is left out, since its mean would mix different sets of runs.
   */
  public static Map<String, Map<String, Estimate>> estimates(List<RunRecord> runs) {
    Map<String, List<RunRecord>> byPersonality = new LinkedHashMap<>();
    for (RunRecord r : runs) {
      byPersonality.computeIfAbsent(r.personality(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<RunRecord>> p : byPersonality.entrySet()) {
      Map<String, List<Double>> values = new TreeMap<>();
      for (RunRecord r : p.getValue()) {
        for (Metric m : r.output().metrics().all()) {
          values.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m.value());
        }
      }
      Map<String, Estimate> est = new TreeMap<>();
      values.forEach(
          (name, v) -> {
            if (v.size() == p.getValue().size()) {
              est.put(name, Estimate.of(v));
            }
          });
      out.put(p.getKey(), est);
    }
    return out;
  }

  private static Map<String, String> units(List<RunRecord> runs) {
    Map<String, String> u = new TreeMap<>();
    runs.forEach(r -> r.output().metrics().all().forEach(m -> u.putIfAbsent(m.name(), m.unit())));
    return u;
  }

  /** Writes the {@code summary} field into an open results.json object. */
  public static void writeJson(JsonGenerator g, List<RunRecord> runs) throws IOException {
    Map<String, String> units = units(runs);
    g.writeObjectFieldStart("summary");
    g.writeFieldName("confidence_level");
    g.writeNumber(Numbers.format(Estimate.LEVEL));
    g.writeStringField("interval", "student");
    g.writeArrayFieldStart("personalities");
    for (Map.Entry<String, Map<String, Estimate>> p : estimates(runs).entrySet()) {
      g.writeStartObject();
      g.writeStringField("personality", p.getKey());
      g.writeObjectFieldStart("metrics");
      for (Map.Entry<String, Estimate> e : p.getValue().entrySet()) {
        Estimate est = e.getValue();
        g.writeObjectFieldStart(e.getKey());
        g.writeFieldName("mean");
        g.writeNumber(Numbers.format(est.mean()));
        g.writeFieldName("ci_low");
        g.writeNumber(Numbers.format(est.lower()));
        g.writeFieldName("ci_high");
        g.writeNumber(Numbers.format(est.upper()));
        g.writeNumberField("n", est.n());
        g.writeStringField("unit", units.get(e.getKey()));
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Renders the stdout table of means and intervals. */
  public static String render(List<RunRecord> runs) {
    return render(runs, name -> true);
  }

  /** Renders the intervals of the metrics {@code keep} accepts. */
  public static String render(List<RunRecord> runs, java.util.function.Predicate<String> keep) {
    Map<String, String> units = units(runs);
    TextTable t =
        new TextTable(
            List.of("metric", "unit", "os", "mean", "± 95% CI", "n"),
            List.of("", "", "", "", "", ""));
    for (Map.Entry<String, Map<String, Estimate>> p : estimates(runs).entrySet()) {
      for (Map.Entry<String, Estimate> e : p.getValue().entrySet()) {
        if (!keep.test(e.getKey())) {
          continue;
        }
        if (!keep.test(e.getKey())) {
          continue;
        }
        Estimate est = e.getValue();
        t.row(
            List.of(
                e.getKey(),
                units.get(e.getKey()),
                p.getKey(),
                Numbers.human(est.mean(), 6),
                Numbers.human(est.halfWidth(), 3),
                String.valueOf(est.n())));
      }
    }
    return "mean across replications with 95% Student confidence interval\n" + t.render();
  }
}
