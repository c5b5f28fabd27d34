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
            && o.logLog() == c.logLog()
            && o.logX() == c.logX()
            && o.style() == c.style()) {
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /**
   * One chart with the series of every run: lines labelled by personality; bars with each run's
   * categories side by side, named by personality, and the series (a stack's parts) shared.
   */
  static Chart combine(List<Chart> charts, List<RunRecord> runs) {
    String title = charts.get(0).title();
    for (int i = 0; i < charts.size(); i++) {
      String p = runs.get(i).personality();
      title = title.replace(" under " + p, "").replace(p + ": ", "");
    }
    Chart first = charts.get(0);
    if (first.style() != Chart.Style.LINES) {
      return combineBars(charts, runs, title);
    }
    com.google.common.collect.ImmutableList.Builder<Chart.Series> series =
        com.google.common.collect.ImmutableList.builder();
    for (int i = 0; i < charts.size(); i++) {
      Chart c = charts.get(i);
      String p = runs.get(i).personality();
      for (Chart.Series x : c.series()) {
        String label = c.series().size() == 1 || x.label().equals(p) ? p : p + " " + x.label();
        series.add(new Chart.Series(label, x.x(), x.y()));
      }
    }
    Chart out = new Chart(first.name(), title, first.xLabel(), first.yLabel(), series.build());
    return first.logLog() ? out.withLogAxes() : first.logX() ? out.withLogX() : out;
  }

  private static Chart combineBars(List<Chart> charts, List<RunRecord> runs, String title) {
    if (charts.get(0).style() == Chart.Style.BARS) {
      return groupBars(charts, runs, title);
    }
    List<String> categories = new ArrayList<>();
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (int i = 0; i < charts.size(); i++) {
      Chart c = charts.get(i);
      String p = runs.get(i).personality();
      int base = categories.size();
      for (String cat : c.categories()) {
        categories.add(c.categories().size() == 1 ? p : p + " " + cat);
      }
      for (Chart.Series x : c.series()) {
        for (int k = 0; k < x.x().length; k++) {
          points
              .computeIfAbsent(x.label(), l -> new ArrayList<>())
              .add(new double[] {base + x.x()[k], x.y()[k]});
        }
      }
    }
    com.google.common.collect.ImmutableList.Builder<Chart.Series> series =
        com.google.common.collect.ImmutableList.builder();
    for (Map.Entry<String, List<double[]>> e : points.entrySet()) {
      double[] xs = new double[e.getValue().size()];
      double[] ys = new double[xs.length];
      for (int k = 0; k < xs.length; k++) {
        xs[k] = e.getValue().get(k)[0];
        ys[k] = e.getValue().get(k)[1];
      }
      series.add(new Chart.Series(e.getKey(), xs, ys));
    }
    Chart first = charts.get(0);
    return Chart.bars(
        first.name(),
        title,
        first.xLabel(),
        first.yLabel(),
        com.google.common.collect.ImmutableList.copyOf(categories),
        series.build(),
        first.style() == Chart.Style.STACKED);
  }

  /**
   * Grouped bars: the categories of every run side by side under one label, one bar (series) per
   * run and series, so the personalities stand next to each other in each category.
   */
  private static Chart groupBars(List<Chart> charts, List<RunRecord> runs, String title) {
    List<String> categories = new ArrayList<>();
    for (Chart c : charts) {
      for (String cat : c.categories()) {
        if (!categories.contains(cat)) {
          categories.add(cat);
        }
      }
    }
    com.google.common.collect.ImmutableList.Builder<Chart.Series> series =
        com.google.common.collect.ImmutableList.builder();
    for (int i = 0; i < charts.size(); i++) {
      Chart c = charts.get(i);
      String p = runs.get(i).personality();
      for (Chart.Series x : c.series()) {
        double[] xs = new double[x.x().length];
        for (int k = 0; k < xs.length; k++) {
          xs[k] = categories.indexOf(c.categories().get((int) x.x()[k] - 1)) + 1;
        }
        String label = c.series().size() == 1 || x.label().equals(p) ? p : p + " " + x.label();
        series.add(new Chart.Series(label, xs, x.y()));
      }
    }
    Chart first = charts.get(0);
    return Chart.bars(
        first.name(),
        title,
        first.xLabel(),
        first.yLabel(),
        com.google.common.collect.ImmutableList.copyOf(categories),
        series.build(),
        false);
  }

  /**
   * Writes results.json, perf.json, one CSV per table and run, a PNG and an SVG per chart, and the
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
        String svg = name.replace(".png", ".svg");
        dir.write(svg, Png.svg(c));
        names.add(svg);
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
      Chart combined = combine(e.getValue(), owners.get(e.getKey()));
      byte[] png = Png.render(combined);
      dir.write(name, png);
      images.put(name, png);
      names.add(name);
      dir.write(e.getKey() + ".svg", Png.svg(combined));
      names.add(e.getKey() + ".svg");
    }
    // a kind whose model traces nothing (PHOLD, the FIFO plan) gets no empty timeline; the
    // console says so (RunCommand)
    if (runs.stream()
        .anyMatch(
            r -> r.trace() != null && (!r.trace().events().isEmpty() || r.trace().dropped() > 0))) {
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
