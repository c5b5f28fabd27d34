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
        String label = label(c, x, p);
        series.add(new Chart.Series(label, x.x(), x.y(), x.low(), x.high()));
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
    return like(charts.get(0), title, categories, series.build());
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
        String label = label(c, x, p);
        series.add(new Chart.Series(label, xs, x.y()));
      }
    }
    return like(charts.get(0), title, categories, series.build());
  }

  /** A bar chart named, labelled and styled like {@code first}, with new categories and bars. */
  private static Chart like(
      Chart first,
      String title,
      List<String> categories,
      com.google.common.collect.ImmutableList<Chart.Series> series) {
    return Chart.bars(
        first.name(),
        title,
        first.xLabel(),
        first.yLabel(),
        com.google.common.collect.ImmutableList.copyOf(categories),
        series,
        first.style() == Chart.Style.STACKED);
  }

  /** A run's series in a figure of every run: the personality, and the series' own name if any. */
  private static String label(Chart c, Chart.Series x, String personality) {
    return c.series().size() == 1 || x.label().equals(personality)
        ? personality
        : personality + " " + x.label();
  }

  /**
   * Returns, for each table that every run has with the same columns, one table of all their rows
   * behind {@code personality} and {@code replication} columns: one CSV to compare the runs from.
   */
  static List<Table> merged(List<RunRecord> runs) {
    List<Table> out = new ArrayList<>();
    for (Table first : runs.get(0).output().tables()) {
      com.google.common.collect.ImmutableList.Builder<
              com.google.common.collect.ImmutableList<Object>>
          rows = com.google.common.collect.ImmutableList.builder();
      boolean everywhere = true;
      for (RunRecord r : runs) {
        Table same = null;
        for (Table t : r.output().tables()) {
          if (t.name().equals(first.name())
              && t.columns().equals(first.columns())
              && t.units().equals(first.units())) {
            same = t;
          }
        }
        if (same == null) {
          everywhere = false;
          break;
        }
        for (List<Object> row : same.rows()) {
          com.google.common.collect.ImmutableList.Builder<Object> b =
              com.google.common.collect.ImmutableList.builder();
          b.add(r.personality()).add(r.replication()).addAll(row);
          rows.add(b.build());
        }
      }
      if (everywhere) {
        out.add(
            new Table(
                first.name(),
                com.google.common.collect.ImmutableList.<String>builder()
                    .add("personality", "replication")
                    .addAll(first.columns())
                    .build(),
                com.google.common.collect.ImmutableList.<String>builder()
                    .add("-", "-")
                    .addAll(first.units())
                    .build(),
                rows.build()));
      }
    }
    return out;
  }

  /**
   * Writes results.json, perf.json, one CSV per table and run, one CSV per table every run has (all
   * runs' rows), a PNG and an SVG per chart, and the scenario itself into the staging directory of
   * {@code dir}; the caller commits it.
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
    }
    if (many) {
      for (Table t : merged(runs)) {
        String name = t.name() + ".csv";
        dir.write(name, Csv.render(t));
        names.add(name);
      }
    }
    writeCharts(dir, banded(runs), names, images);
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

  /**
   * The runs whose charts to draw: the runs themselves, or with replications one run per
   * personality whose charts are the replications' means with their 95% confidence intervals as
   * bands, when every replication draws the same lines at the same x values.
   */
  static List<RunRecord> banded(List<RunRecord> runs) {
    if (runs.stream().noneMatch(r -> r.replication() > 0)) {
      return runs;
    }
    Map<String, List<RunRecord>> byPersonality = new LinkedHashMap<>();
    runs.forEach(
        r -> byPersonality.computeIfAbsent(r.personality(), k -> new ArrayList<>()).add(r));
    List<RunRecord> out = new ArrayList<>();
    for (Map.Entry<String, List<RunRecord>> e : byPersonality.entrySet()) {
      List<RunRecord> reps = e.getValue();
      com.google.common.collect.ImmutableList.Builder<Chart> charts =
          com.google.common.collect.ImmutableList.builder();
      for (Chart first : reps.get(0).output().charts()) {
        List<Chart> same = new ArrayList<>();
        for (RunRecord r : reps) {
          r.output().charts().stream()
              .filter(c -> c.name().equals(first.name()))
              .forEach(same::add);
        }
        Chart band = same.size() == reps.size() ? band(same) : null;
        if (band == null) {
          return runs; // replications that draw different things are drawn one by one
        }
        charts.add(band);
      }
      org.fusedsim.scenarios.run.RunOutput o0 = reps.get(0).output();
      out.add(
          new RunRecord(
              e.getKey(),
              0,
              new org.fusedsim.scenarios.run.RunOutput(
                  o0.simulatedTimePs(),
                  o0.events(),
                  o0.metrics(),
                  com.google.common.collect.ImmutableList.of(),
                  com.google.common.collect.ImmutableList.of(),
                  charts.build()),
              0));
    }
    return out;
  }

  /** The mean of replicated line charts with a 95% band, or null if they differ in shape. */
  private static Chart band(List<Chart> reps) {
    Chart first = reps.get(0);
    if (first.style() != Chart.Style.LINES || reps.size() < 2) {
      return null;
    }
    com.google.common.collect.ImmutableList.Builder<Chart.Series> series =
        com.google.common.collect.ImmutableList.builder();
    for (int k = 0; k < first.series().size(); k++) {
      Chart.Series s0 = first.series().get(k);
      int n = s0.x().length;
      double[] mean = new double[n];
      double[] low = new double[n];
      double[] high = new double[n];
      for (int i = 0; i < n; i++) {
        List<Double> values = new ArrayList<>();
        for (Chart c : reps) {
          if (c.series().size() != first.series().size()) {
            return null;
          }
          Chart.Series s = c.series().get(k);
          if (!s.label().equals(s0.label()) || s.x().length != n || s.x()[i] != s0.x()[i]) {
            return null;
          }
          values.add(s.y()[i]);
        }
        org.fusedsim.scenarios.regress.Estimate est =
            org.fusedsim.scenarios.regress.Estimate.of(values);
        mean[i] = est.mean();
        low[i] = est.lower();
        high[i] = est.upper();
      }
      series.add(new Chart.Series(s0.label(), s0.x(), mean, low, high));
    }
    String title = first.title() + " (mean of " + reps.size() + " replications, 95% band)";
    Chart c = new Chart(first.name(), title, first.xLabel(), first.yLabel(), series.build());
    return first.logLog() ? c.withLogAxes() : first.logX() ? c.withLogX() : c;
  }

  private static void writeCharts(
      OutputDir dir, List<RunRecord> runs, List<String> names, Map<String, byte[]> images)
      throws IOException {
    boolean many = runs.size() > 1;
    for (RunRecord r : runs) {
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
  }
}
