package org.fusedsim.scenarios.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.regress.ReplicationSummary;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * The summary printed on stdout after a run. It answers first: the scenario, its runs, then the
 * kind's headline metrics ({@link org.fusedsim.scenarios.load.ScenarioKind#headline}) with one
 * column per run, in natural order and in a unit scaled to the row; then the kind's notes. Every
 * metric is in {@code results.json}; {@code --all-metrics} prints them all here too.
 */
public final class Summary {
  /** Most headline rows printed; the rest are counted. */
  static final int MAX_ROWS = 24;

  private Summary() {}

  /** Renders the headline summary. */
  public static String render(Scenario s, List<RunRecord> runs, List<String> written) {
    return render(s, runs, written, false);
  }

  /** Renders the summary, with every metric when {@code all} is set. */
  public static String render(Scenario s, List<RunRecord> runs, List<String> written, boolean all) {
    StringBuilder sb = new StringBuilder();
    sb.append("scenario ")
        .append(s.name())
        .append(" (kind ")
        .append(s.kind().name())
        .append(", seed ")
        .append(s.seed())
        .append(", ")
        .append(runs.size())
        .append(runs.size() == 1 ? " run)" : " runs)")
        .append('\n');
    if (!s.description().isEmpty()) {
      sb.append(s.description()).append('\n');
    }
    sb.append('\n');
    TextTable runTable =
        new TextTable(
            List.of("run", "personality", "replication", "simulated time", "events"),
            List.of("", "", "", "", ""));
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      runTable.row(
          List.of(
              String.valueOf(i + 1),
              r.personality(),
              String.valueOf(r.replication()),
              Time.format(r.output().simulatedTimePs() / 1000 * 1000),
              String.valueOf(r.output().events())));
    }
    sb.append(runTable.render()).append('\n');

    TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
    for (RunRecord r : runs) {
      r.output().metrics().all().forEach(m -> names.add(m.name()));
    }
    List<String> shown = all ? new ArrayList<>(names) : headline(s, names);
    int cut = all ? shown.size() : Math.min(shown.size(), MAX_ROWS);
    sb.append(metricTable(runs, shown.subList(0, cut)));
    int left = names.size() - cut;
    if (left > 0) {
      sb.append(left)
          .append(all ? "" : " more metrics")
          .append(" (--all-metrics prints them; results.json holds them all)\n");
    }
    if (s.replications() > 1) {
      Set<String> keep = new LinkedHashSet<>(shown.subList(0, cut));
      sb.append('\n').append(ReplicationSummary.render(runs, keep::contains));
    }
    boolean notes = false;
    for (RunRecord r : runs) {
      for (String note : r.output().notes()) {
        if (!notes) {
          sb.append('\n');
          notes = true;
        }
        sb.append(runs.size() == 1 ? "" : r.personality() + "/" + r.replication() + ": ")
            .append(note)
            .append('\n');
      }
    }
    if (!written.isEmpty()) {
      sb.append("\nwrote ").append(String.join(", ", written)).append('\n');
    }
    return sb.toString();
  }

  /** The metrics of the kind's headline families, family by family, each in natural order. */
  private static List<String> headline(Scenario s, TreeSet<String> names) {
    List<String> out = new ArrayList<>();
    for (String pattern : s.kind().headline()) {
      MetricPattern family = new MetricPattern(pattern, "");
      for (String n : names) {
        if (family.matches(n) && !out.contains(n)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private static String metricTable(List<RunRecord> runs, List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    List<String> header = new ArrayList<>(List.of("metric", "unit"));
    List<String> units = new ArrayList<>(List.of("", ""));
    for (RunRecord r : runs) {
      header.add(runs.size() == 1 ? "value" : r.personality() + "/" + r.replication());
      units.add("");
    }
    TextTable metrics = new TextTable(header, units);
    for (String n : names) {
      String unit = "";
      List<Double> values = new ArrayList<>();
      for (RunRecord r : runs) {
        Metric m = r.output().metrics().get(n).orElse(null);
        if (m != null) {
          unit = m.unit();
          values.add(m.value());
        }
      }
      Scaled scaled = Scaled.of(unit, values);
      List<String> row = new ArrayList<>();
      row.add(n);
      row.add(scaled.unit());
      for (RunRecord r : runs) {
        row.add(r.output().metrics().get(n).map(m -> scaled.format(m.value(), 5)).orElse("-"));
      }
      metrics.row(row);
    }
    return metrics.render();
  }
}
