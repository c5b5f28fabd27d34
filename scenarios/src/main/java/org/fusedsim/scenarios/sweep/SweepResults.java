package org.fusedsim.scenarios.sweep;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.regress.Estimate;
import org.fusedsim.scenarios.regress.ResultsFile;
import org.fusedsim.scenarios.report.HtmlReport;
import org.fusedsim.scenarios.report.NaturalOrder;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.report.Png;
import org.fusedsim.scenarios.report.ResultsJson;
import org.fusedsim.scenarios.report.Scaled;
import org.fusedsim.scenarios.run.Chart;

/**
 * Merges the points of a sweep into one comparison: {@code sweep.csv} and {@code sweep.json} (one
 * row per setting: the axis values but the seed, every metric's mean and, when the setting ran with
 * several seeds or replications, its 95% interval), the figures (a metric against one axis, one
 * line per setting of the others, intervals as bands) and {@code report.html}, which leads with the
 * figures.
 */
public final class SweepResults {
  /** Format of {@code sweep.json}. */
  public static final String FORMAT = "fusedsim-sweep/1";

  /** Default figures drawn when the sweep names none. */
  private static final int DEFAULT_PLOTS = 3;

  private SweepResults() {}

  /**
   * One row: a setting of every axis but the seed (and the personality the runs ran under), with
   * every metric's samples across seeds and replications.
   *
   * @param axes axis (or {@code os}) to value, in column order
   * @param samples metric to its values, one per run
   * @param units metric to its unit
   */
  record Row(
      Map<String, String> axes, Map<String, List<Double>> samples, Map<String, String> units) {
    int n() {
      return samples.values().stream().mapToInt(List::size).max().orElse(0);
    }
  }

  /**
   * What a collection found and wrote.
   *
   * @param missing the points without results, in plan order
   * @param written the files written, in order (none when points are missing and not partial)
   * @param points the number of points collected
   * @param rows the number of rows of {@code sweep.csv}
   * @param table the plotted metrics per setting, for the console (empty if nothing merged)
   */
  public record Collected(
      ImmutableList<String> missing,
      ImmutableList<String> written,
      int points,
      int rows,
      String table) {}

  /**
   * Collects a sweep directory.
   *
   * @param kind the kind the sweep ran, for the default figures (may be null)
   * @param partial merge the points that are complete even when some are missing
   */
  public static Collected collect(SweepDir dir, ScenarioKind kind, boolean partial)
      throws IOException {
    Plan plan = dir.readPlan();
    List<String> missing = new ArrayList<>();
    List<Plan.PlannedPoint> complete = new ArrayList<>();
    for (Plan.PlannedPoint p : plan.points()) {
      if (dir.complete(p.id())) {
        complete.add(p);
      } else {
        missing.add(p.id());
      }
    }
    if ((!missing.isEmpty() && !partial) || complete.isEmpty()) {
      return new Collected(
          ImmutableList.copyOf(missing), ImmutableList.of(), complete.size(), 0, "");
    }
    boolean osAxis = plan.axes().containsKey(Axis.OS);
    List<Row> rows = new ArrayList<>();
    Map<String, Row> byKey = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    plan.axes().keySet().stream().filter(k -> !k.equals(Axis.SEED)).forEach(columns::add);
    Set<String> personalities = new LinkedHashSet<>();
    List<ResultsFile> files = new ArrayList<>();
    for (Plan.PlannedPoint p : complete) {
      ResultsFile f = ResultsFile.read(dir.point(p.id()).resolve("results.json"));
      files.add(f);
      f.runs().forEach(r -> personalities.add(r.personality()));
    }
    // the personality is a column of its own when the points ran under several, or one named
    boolean osColumn = !osAxis && !(personalities.size() == 1 && personalities.contains("none"));
    if (osColumn) {
      columns.add(Axis.OS);
    }
    for (int i = 0; i < complete.size(); i++) {
      Plan.PlannedPoint p = complete.get(i);
      for (ResultsFile.Run run : files.get(i).runs()) {
        if (run.replication() < 0) {
          continue; // the means of replications: the runs themselves are the samples
        }
        Map<String, String> axes = new LinkedHashMap<>();
        for (String c : columns) {
          axes.put(c, c.equals(Axis.OS) && !osAxis ? run.personality() : p.values().get(c));
        }
        String key = axes.toString();
        Row row = byKey.get(key);
        if (row == null) {
          row = new Row(axes, new TreeMap<>(NaturalOrder.INSTANCE), new TreeMap<>());
          byKey.put(key, row);
          rows.add(row);
        }
        for (Map.Entry<String, ResultsFile.Value> m : run.metrics().entrySet()) {
          row.samples()
              .computeIfAbsent(m.getKey(), k -> new ArrayList<>())
              .add(m.getValue().value());
          row.units().putIfAbsent(m.getKey(), m.getValue().unit());
        }
      }
    }
    Map<String, String> units = new TreeMap<>(NaturalOrder.INSTANCE);
    rows.forEach(r -> r.units().forEach(units::putIfAbsent));
    boolean intervals = rows.stream().anyMatch(r -> r.n() > 1);

    List<String> written = new ArrayList<>();
    SweepDir.write(dir.root().resolve("sweep.csv"), csv(columns, rows, units, intervals, plan));
    written.add("sweep.csv");
    SweepDir.write(dir.root().resolve("sweep.json"), json(plan, complete, columns, rows, units));
    written.add("sweep.json");
    // the figures of an earlier collection go: the plots may have changed with the points
    try (java.util.stream.Stream<java.nio.file.Path> old = Files.list(dir.root())) {
      for (java.nio.file.Path f : old.toList()) {
        String n = f.getFileName().toString();
        if (Files.isRegularFile(f) && (n.endsWith(".png") || n.endsWith(".svg"))) {
          Files.delete(f);
        }
      }
    }
    Map<String, byte[]> images = new LinkedHashMap<>();
    List<PlotSpec> plotted = plots(plan, kind, columns, units);
    for (PlotSpec spec : plotted) {
      Chart c = chart(spec, plan, columns, rows, units);
      if (c == null) {
        continue;
      }
      byte[] png = Png.render(c);
      SweepDir.write(dir.root().resolve(c.name() + ".png"), png);
      SweepDir.write(dir.root().resolve(c.name() + ".svg"), Png.svg(c));
      images.put(c.name() + ".png", png);
      written.add(c.name() + ".png");
      written.add(c.name() + ".svg");
    }
    SweepDir.write(
        dir.root().resolve("report.html"),
        html(plan, complete, missing, columns, rows, units, images));
    written.add("report.html");
    return new Collected(
        ImmutableList.copyOf(missing),
        ImmutableList.copyOf(written),
        complete.size(),
        rows.size(),
        table(columns, rows, units, plotted));
  }

  /** The plotted metrics of every setting: mean and 95% interval, scaled for reading. */
  private static String table(
      List<String> columns, List<Row> rows, Map<String, String> units, List<PlotSpec> plots) {
    List<String> metrics = new ArrayList<>();
    plots.forEach(
        p -> {
          if (units.containsKey(p.metric()) && !metrics.contains(p.metric())) {
            metrics.add(p.metric());
          }
        });
    List<String> header = new ArrayList<>(columns);
    header.add("samples");
    List<String> unitRow = new ArrayList<>();
    columns.forEach(c -> unitRow.add(""));
    unitRow.add("");
    List<Scaled> scales = new ArrayList<>();
    for (String m : metrics) {
      List<Double> means = new ArrayList<>();
      rows.forEach(
          r -> {
            if (r.samples().containsKey(m)) {
              means.add(Estimate.of(r.samples().get(m)).mean());
            }
          });
      Scaled sc = Scaled.of(units.get(m), means);
      scales.add(sc);
      header.add(m);
      unitRow.add(sc.unit());
      header.add("95% interval");
      unitRow.add(sc.unit());
    }
    org.fusedsim.scenarios.report.TextTable t =
        new org.fusedsim.scenarios.report.TextTable(header, unitRow);
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(r.axes().values());
      cells.add(String.valueOf(r.n()));
      for (int i = 0; i < metrics.size(); i++) {
        List<Double> v = r.samples().get(metrics.get(i));
        if (v == null) {
          cells.add("");
          cells.add("");
          continue;
        }
        Estimate e = Estimate.of(v);
        Scaled sc = scales.get(i);
        cells.add(sc.format(e.mean(), 5));
        cells.add(
            e.hasInterval() ? sc.format(e.lower(), 4) + " to " + sc.format(e.upper(), 4) : "");
      }
      t.row(cells);
    }
    return t.render();
  }

  private static String csv(
      List<String> columns,
      List<Row> rows,
      Map<String, String> units,
      boolean intervals,
      Plan plan) {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (String c : columns) {
      String unit = plan.units().getOrDefault(c, "-");
      header.add(unit.equals("-") ? c : c + "[" + unit + "]");
    }
    header.add("samples");
    for (Map.Entry<String, String> m : units.entrySet()) {
      String unit = m.getValue().equals("-") ? "" : "[" + m.getValue() + "]";
      header.add(m.getKey() + unit);
      if (intervals) {
        header.add(m.getKey() + ".low" + unit);
        header.add(m.getKey() + ".high" + unit);
      }
    }
    b.append(csvLine(header));
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(r.axes().values());
      cells.add(String.valueOf(r.n()));
      for (String m : units.keySet()) {
        List<Double> v = r.samples().get(m);
        if (v == null) {
          cells.add("");
          if (intervals) {
            cells.add("");
            cells.add("");
          }
          continue;
        }
        Estimate e = Estimate.of(v);
        cells.add(Numbers.format(e.mean()));
        if (intervals) {
          cells.add(e.hasInterval() ? Numbers.format(e.lower()) : "");
          cells.add(e.hasInterval() ? Numbers.format(e.upper()) : "");
        }
      }
      b.append(csvLine(cells));
    }
    return b.toString();
  }

  private static String csvLine(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String s = cells.get(i);
      b.append(
          s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
              ? s
              : '"' + s.replace("\"", "\"\"") + '"');
    }
    return b.append('\n').toString();
  }

  private static String json(
      Plan plan,
      List<Plan.PlannedPoint> complete,
      List<String> columns,
      List<Row> rows,
      Map<String, String> units)
      throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = ResultsJson.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("scenario", plan.scenario());
      g.writeStringField("kind", plan.kind());
      g.writeObjectFieldStart("axes");
      for (Map.Entry<String, ImmutableList<String>> a : plan.axes().entrySet()) {
        g.writeObjectFieldStart(a.getKey());
        g.writeStringField("unit", plan.units().getOrDefault(a.getKey(), "-"));
        g.writeArrayFieldStart("values");
        for (String v : a.getValue()) {
          g.writeString(v);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("points");
      for (Plan.PlannedPoint p : complete) {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeObjectFieldStart("values");
        for (Map.Entry<String, String> v : p.values().entrySet()) {
          g.writeStringField(v.getKey(), v.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rows");
      for (Row r : rows) {
        g.writeStartObject();
        g.writeObjectFieldStart("axes");
        for (Map.Entry<String, String> a : r.axes().entrySet()) {
          g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("samples", r.n());
        g.writeObjectFieldStart("metrics");
        for (String m : units.keySet()) {
          List<Double> v = r.samples().get(m);
          if (v == null) {
            continue;
          }
          Estimate e = Estimate.of(v);
          g.writeObjectFieldStart(m);
          g.writeStringField("unit", units.get(m));
          g.writeFieldName("mean");
          g.writeNumber(Numbers.format(e.mean()));
          if (e.hasInterval()) {
            g.writeFieldName("low");
            g.writeNumber(Numbers.format(e.lower()));
            g.writeFieldName("high");
            g.writeNumber(Numbers.format(e.upper()));
          }
          g.writeArrayFieldStart("values");
          for (double x : v) {
            g.writeNumber(Numbers.format(x));
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out + "\n";
  }

  /** The figures asked for, or by default the kind's headline metrics against the first axis. */
  static List<PlotSpec> plots(
      Plan plan, ScenarioKind kind, List<String> columns, Map<String, String> units) {
    if (!plan.plots().isEmpty()) {
      return plan.plots();
    }
    List<String> axes = columns.stream().filter(c -> plan.axes().containsKey(c)).toList();
    if (axes.isEmpty()) {
      return List.of();
    }
    String x =
        axes.stream().filter(a -> numeric(plan.axes().get(a))).findFirst().orElse(axes.get(0));
    List<String> metrics = new ArrayList<>();
    if (kind != null) {
      for (String family : kind.headline()) {
        MetricPattern pattern = new MetricPattern(family, "-");
        for (String m : units.keySet()) {
          if (pattern.matches(m) && !metrics.contains(m) && metrics.size() < DEFAULT_PLOTS) {
            metrics.add(m);
          }
        }
      }
    }
    if (metrics.isEmpty() && !units.isEmpty()) {
      metrics.add(units.keySet().iterator().next());
    }
    return metrics.stream().map(m -> new PlotSpec(m, x, ImmutableList.of(), false, null)).toList();
  }

  private static boolean numeric(List<String> values) {
    for (String v : values) {
      try {
        Double.parseDouble(v);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  /** One figure: the metric's mean against the x axis, one series per setting of the lines. */
  static Chart chart(
      PlotSpec spec, Plan plan, List<String> columns, List<Row> rows, Map<String, String> units) {
    String unit = units.get(spec.metric());
    if (unit == null) {
      return null; // no point reported the metric
    }
    List<String> lines =
        spec.lines().isEmpty()
            ? columns.stream().filter(c -> !c.equals(spec.x())).toList()
            : spec.lines();
    List<String> xs = plan.axes().get(spec.x());
    boolean numeric = numeric(xs);
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (Row r : rows) {
      List<Double> v = r.samples().get(spec.metric());
      if (v == null) {
        continue;
      }
      StringBuilder label = new StringBuilder();
      for (String l : lines) {
        if (label.length() > 0) {
          label.append(", ");
        }
        String name = l.substring(l.indexOf('.') + 1);
        label.append(l.equals(Axis.OS) ? r.axes().get(l) : name + "=" + r.axes().get(l));
      }
      String xv = r.axes().get(spec.x());
      double x = numeric ? Double.parseDouble(xv) : xs.indexOf(xv) + 1;
      Estimate e = Estimate.of(v);
      series
          .computeIfAbsent(
              label.length() == 0 ? spec.metric() : label.toString(), k -> new ArrayList<>())
          .add(new double[] {x, e.mean(), e.lower(), e.upper(), e.hasInterval() ? 1 : 0});
    }
    List<Double> means = new ArrayList<>();
    series.values().forEach(l -> l.forEach(p -> means.add(p[1])));
    Scaled scaled = Scaled.of(unit, means);
    ImmutableList.Builder<Chart.Series> out = ImmutableList.builder();
    for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
      List<double[]> pts = new ArrayList<>(s.getValue());
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      double[] lo = new double[pts.size()];
      double[] hi = new double[pts.size()];
      boolean band = numeric;
      for (int i = 0; i < pts.size(); i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1] / scaled.factor();
        lo[i] = pts.get(i)[2] / scaled.factor();
        hi[i] = pts.get(i)[3] / scaled.factor();
        band &= pts.get(i)[4] > 0;
      }
      out.add(
          band ? new Chart.Series(s.getKey(), x, y, lo, hi) : new Chart.Series(s.getKey(), x, y));
    }
    String xUnit = plan.units().getOrDefault(spec.x(), "-");
    String xLabel = spec.x() + (xUnit.equals("-") ? "" : " [" + xUnit + "]");
    String yLabel = spec.metric() + (unit.equals("-") ? "" : " [" + scaled.unit() + "]");
    String name = Sweep.slug(spec.metric(), 80) + "-vs-" + Sweep.slug(spec.x(), 40);
    boolean anyBand = out.build().stream().anyMatch(Chart.Series::banded);
    String title =
        plan.scenario()
            + ": "
            + spec.metric().substring(spec.metric().lastIndexOf('.') + 1)
            + " against "
            + spec.x().substring(spec.x().indexOf('.') + 1)
            + (anyBand ? " (mean and 95% interval)" : "");
    if (!numeric) {
      return Chart.bars(name, title, xLabel, yLabel, ImmutableList.copyOf(xs), out.build(), false);
    }
    Chart c = new Chart(name, title, xLabel, yLabel, out.build());
    return spec.logX() ? c.withLogX() : c;
  }

  private static String html(
      Plan plan,
      List<Plan.PlannedPoint> complete,
      List<String> missing,
      List<String> columns,
      List<Row> rows,
      Map<String, String> units,
      Map<String, byte[]> images) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(HtmlReport.esc("fusedsim sweep: " + plan.scenario()))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;")
        .append("color:#222;padding:0 1em}\n")
        .append("table{border-collapse:collapse;margin:1em 0;font-size:13px;display:block;")
        .append("overflow-x:auto}\nth,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
        .append("th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}\n")
        .append("img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}\n")
        .append("details{margin:0.5em 0}summary{cursor:pointer;color:#225}.meta{color:#555}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(HtmlReport.esc(plan.scenario()))
        .append(" (sweep)</h1>\n");
    if (!plan.description().isEmpty()) {
      h.append("<p>").append(HtmlReport.esc(plan.description())).append("</p>\n");
    }
    h.append("<p class=\"meta\">kind <b>")
        .append(HtmlReport.esc(plan.kind()))
        .append("</b>, ")
        .append(complete.size())
        .append(" of ")
        .append(plan.points().size())
        .append(" points, ")
        .append(rows.size())
        .append(" settings; axes: ");
    List<String> axes = new ArrayList<>();
    plan.axes().forEach((k, v) -> axes.add(k + " (" + String.join(", ", v) + ")"));
    h.append(HtmlReport.esc(String.join("; ", axes))).append("</p>\n");
    if (!missing.isEmpty()) {
      h.append("<p><b>Missing points:</b> ")
          .append(HtmlReport.esc(String.join(", ", missing)))
          .append("</p>\n");
    }
    if (!images.isEmpty()) {
      h.append("<h2>Figures</h2>\n");
      for (Map.Entry<String, byte[]> img : images.entrySet()) {
        h.append("<p><img alt=\"")
            .append(HtmlReport.esc(img.getKey()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(img.getValue()))
            .append("\"></p>\n");
      }
    }
    h.append("<details><summary>Every setting and metric (sweep.csv)</summary>\n<table>\n<tr>");
    for (String c : columns) {
      h.append("<th>").append(HtmlReport.esc(c)).append("</th>");
    }
    h.append(
        "<th>samples</th><th>metric</th><th>unit</th><th>mean</th><th>95% interval</th></tr>\n");
    for (Row r : rows) {
      for (String m : units.keySet()) {
        List<Double> v = r.samples().get(m);
        if (v == null) {
          continue;
        }
        Estimate e = Estimate.of(v);
        h.append("<tr>");
        for (String c : columns) {
          h.append("<td>").append(HtmlReport.esc(r.axes().get(c))).append("</td>");
        }
        h.append("<td>")
            .append(v.size())
            .append("</td><td>")
            .append(HtmlReport.esc(m))
            .append("</td><td>")
            .append(HtmlReport.esc(units.get(m)))
            .append("</td><td>")
            .append(Numbers.human(e.mean(), 5))
            .append("</td><td>")
            .append(
                e.hasInterval()
                    ? Numbers.human(e.lower(), 5) + " to " + Numbers.human(e.upper(), 5)
                    : "")
            .append("</td></tr>\n");
      }
    }
    h.append("</table>\n</details>\n<details><summary>Points</summary>\n<ul>\n");
    for (Plan.PlannedPoint p : complete) {
      h.append("<li><a href=\"points/")
          .append(HtmlReport.esc(p.id()))
          .append("/report.html\">")
          .append(HtmlReport.esc(p.id()))
          .append("</a></li>\n");
    }
    h.append("</ul>\n</details>\n</body>\n</html>\n");
    return h.toString();
  }
}
