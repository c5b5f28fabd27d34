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
    String pivot = all || runs.size() != 1 ? null : pivot(s, names, runs.get(0));
    if (pivot != null) {
      sb.append(pivot);
      cut = 0;
    } else {
      sb.append(metricTable(runs, shown.subList(0, cut)));
    }
    int left = names.size() - (pivot != null ? 0 : cut);
    if (left > 0) {
      sb.append(left)
          .append(all ? "" : pivot != null ? " metrics" : " more metrics")
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

  /**
   * The headline part of the summary alone (the pivot or the headline metric table), for the top of
   * report.html.
   */
  public static String headline(Scenario s, List<RunRecord> runs) {
    TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
    for (RunRecord r : runs) {
      r.output().metrics().all().forEach(m -> names.add(m.name()));
    }
    String pivot = runs.size() != 1 ? null : pivot(s, names, runs.get(0));
    if (pivot != null) {
      return pivot;
    }
    List<String> shown = headline(s, names);
    return metricTable(runs, shown.subList(0, Math.min(shown.size(), MAX_ROWS)));
  }

  /** The metrics of the kind's headline families, family by family, each in natural order. */
  private static List<String> headline(Scenario s, TreeSet<String> names) {
    if (s.kind().headline().isEmpty()) {
      return new ArrayList<>(names);
    }
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

  /**
   * A sweep too long to list, as a table: for the first headline family with two or more varying
   * name parts, rows are the last varying part, columns the first, and any other varying part is
   * held at its largest value (said in the title). Null when no family is such a sweep.
   */
  private static String pivot(Scenario s, TreeSet<String> names, RunRecord run) {
    for (String pattern : s.kind().headline()) {
      MetricPattern family = new MetricPattern(pattern, "");
      List<String[]> parts = new ArrayList<>();
      for (String n : names) {
        if (family.matches(n)) {
          parts.add(n.split("\\."));
        }
      }
      if (parts.size() <= MAX_ROWS || pattern.contains("**")) {
        continue;
      }
      int len = parts.get(0).length;
      List<Integer> varying = new ArrayList<>();
      for (int i = 0; i < len; i++) {
        Set<String> v = new TreeSet<>();
        for (String[] p : parts) {
          v.add(p[i]);
        }
        if (v.size() > 1) {
          varying.add(i);
        }
      }
      if (varying.size() < 2) {
        continue;
      }
      int rowPart = varying.get(varying.size() - 1);
      int colPart = varying.get(0);
      String[] held = parts.get(0).clone();
      StringBuilder heldText = new StringBuilder();
      for (int i : varying.subList(1, varying.size() - 1)) {
        TreeSet<String> v = new TreeSet<>(NaturalOrder.INSTANCE);
        parts.forEach(p -> v.add(p[i]));
        held[i] = v.last();
        heldText.append(heldText.length() == 0 ? " at " : ", ").append(held[i]);
      }
      TreeSet<String> rows = new TreeSet<>(NaturalOrder.INSTANCE);
      TreeSet<String> cols = new TreeSet<>(NaturalOrder.INSTANCE);
      parts.forEach(
          p -> {
            rows.add(p[rowPart]);
            cols.add(p[colPart]);
          });
      String unit = "";
      for (String n : names) {
        if (family.matches(n)) {
          unit = run.output().metrics().get(n).map(Metric::unit).orElse(unit);
        }
      }
      List<String> header = new ArrayList<>(List.of("", "unit"));
      List<String> units = new ArrayList<>(List.of("", ""));
      for (String c : cols) {
        header.add(c);
        units.add("");
      }
      TextTable t = new TextTable(header, units);
      for (String r : rows) {
        List<Metric> cellsOfRow = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String c : cols) {
          String[] name = held.clone();
          name[rowPart] = r;
          name[colPart] = c;
          Metric m = run.output().metrics().get(String.join(".", name)).orElse(null);
          cellsOfRow.add(m);
          if (m != null) {
            values.add(m.value());
          }
        }
        Scaled scaled = Scaled.of(unit, values);
        List<String> cells = new ArrayList<>(List.of(r, scaled.unit()));
        for (Metric m : cellsOfRow) {
          cells.add(m == null ? "-" : scaled.format(m.value(), 5));
        }
        t.row(cells);
      }
      return pattern + heldText + "\n" + t.render();
    }
    return null;
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
    // statistics of one metric that agree in every run (p50 = p99 of a call that never varies)
    // are one row, named by all of them
    java.util.Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> firstOf = new java.util.LinkedHashMap<>();
    for (String n : names) {
      List<String> row = row(runs, n);
      int dot = n.lastIndexOf('.');
      String key =
          (dot < 0 ? n : n.substring(0, dot)) + " " + String.join(" ", row.subList(1, row.size()));
      String first = firstOf.get(key);
      if (first != null && dot >= 0) {
        List<String> r0 = rows.get(first);
        r0.set(0, r0.get(0) + "=" + n.substring(dot + 1));
      } else {
        firstOf.put(key, n);
        rows.put(n, row);
      }
    }
    rows.values().forEach(metrics::row);
    return metrics.render();
  }

  /** One summary row: name, scaled unit, a value per run. */
  private static List<String> row(List<RunRecord> runs, String n) {
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
    return row;
  }
}
