package org.fusedsim.scenarios.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Table;

/** Writes every output file of a run into the {@code --out} directory. */
public final class Outputs {
  private Outputs() {}

  /**
   * Returns whether {@code c} is drawn once for all runs: there are several runs, one replication
   * each, and every run draws a chart of that name with the same axes.
   */
  static boolean comparable(List<RunRecord> runs, Chart c) {
    if (runs.size() < 2) {
      return false;
    }
    for (RunRecord r : runs) {
      if (r.replication() != 0) {
        return false;
      }
      boolean found = false;
      for (Chart o : r.output().charts()) {
        if (o.name().equals(c.name())
            && o.xLabel().equals(c.xLabel())
            && o.yLabel().equals(c.yLabel())
            && o.logLog() == c.logLog()) {
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** One chart with the series of every run, labelled by personality. */
  static Chart combine(List<Chart> charts, List<RunRecord> runs) {
    com.google.common.collect.ImmutableList.Builder<Chart.Series> series =
        com.google.common.collect.ImmutableList.builder();
    String title = charts.get(0).title();
    for (int i = 0; i < charts.size(); i++) {
      Chart c = charts.get(i);
      String p = runs.get(i).personality();
      title = title.replace(" under " + p, "").replace(p + ": ", "");
      for (Chart.Series x : c.series()) {
        String label = c.series().size() == 1 || x.label().equals(p) ? p : p + " " + x.label();
        series.add(new Chart.Series(label, x.x(), x.y()));
      }
    }
    Chart first = charts.get(0);
    Chart out = new Chart(first.name(), title, first.xLabel(), first.yLabel(), series.build());
    return first.logLog() ? out.withLogAxes() : out;
  }

  /**
   * Writes results.json, perf.json, one CSV per table and run, one PNG per chart and run, and the
   * scenario itself into the staging directory of {@code dir}; the caller commits it.
   *
   * @return the names of the files written, in the order written
   */
  public static List<String> write(OutputDir dir, Scenario s, String version, List<RunRecord> runs)
      throws IOException {
    List<String> names = new ArrayList<>();
    Map<String, byte[]> images = new LinkedHashMap<>();
    boolean many = runs.size() > 1;
    for (RunRecord r : runs) {
      for (Table t : r.output().tables()) {
        String name =
            t.name() + (many ? "-" + r.personality() + "-r" + r.replication() : "") + ".csv";
        dir.write(name, Csv.render(t));
        names.add(name);
      }
      for (Chart c : r.output().charts()) {
        if (comparable(runs, c)) {
          continue;
        }
        String name =
            c.name() + (many ? "-" + r.personality() + "-r" + r.replication() : "") + ".png";
        byte[] png = Png.render(c);
        dir.write(name, png);
        images.put(name, png);
        names.add(name);
      }
    }
    // a chart every run draws on the same axes becomes one figure with every run's series
    Map<String, List<Chart>> byName = new LinkedHashMap<>();
    Map<String, List<RunRecord>> owners = new LinkedHashMap<>();
    for (RunRecord r : runs) {
      for (Chart c : r.output().charts()) {
        if (comparable(runs, c)) {
          byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
          owners.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    for (Map.Entry<String, List<Chart>> e : byName.entrySet()) {
      String name = e.getKey() + ".png";
      byte[] png = Png.render(combine(e.getValue(), owners.get(e.getKey())));
      dir.write(name, png);
      images.put(name, png);
      names.add(name);
    }
    if (runs.stream().anyMatch(r -> r.trace() != null)) {
      dir.write("trace.json", ChromeTrace.render(s.name(), runs));
      names.add("trace.json");
    }
    dir.write("scenario.yaml", s.text());
    names.add("scenario.yaml");
    dir.write("perf.json", PerfJson.render(runs));
    names.add("perf.json");
    dir.write("report.html", HtmlReport.render(s, version, runs, images));
    names.add("report.html");
    // results.json last, as every file: the directory appears only when complete (OutputDir)
    dir.write("results.json", ResultsJson.render(s, version, runs));
    names.add("results.json");
    return names;
  }
}
