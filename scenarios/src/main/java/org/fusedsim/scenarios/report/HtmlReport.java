package org.fusedsim.scenarios.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Table;

/**
 * One self-contained HTML page per run of {@code fusedsim run --out}: the scenario, the runs, every
 * metric with its unit side by side per run, the notes, the plots (PNG files embedded as data URIs,
 * so the page can be mailed or attached as it is), the tables, and the scenario file that produced
 * them. No scripts, no external resources.
 */
public final class HtmlReport {
  private static final int MAX_TABLE_ROWS = 500;

  private HtmlReport() {}

  /**
   * Renders the page.
   *
   * @param images PNG files to embed, by file name, in the order to show them
   */
  public static String render(
      Scenario s, String version, List<RunRecord> runs, Map<String, byte[]> images) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc("fusedsim: " + s.name()))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;")
        .append("color:#222;padding:0 1em}\n")
        .append(
            "table{border-collapse:collapse;margin:1em 0;font-size:14px;display:block;overflow-x:auto}\n")
        .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
        .append("th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}\n")
        .append("tr.unit th{font-weight:normal;color:#666;font-size:12px}\n")
        .append("pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:13px}\n")
        .append("img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}\n")
        .append("details{margin:0.5em 0}summary{cursor:pointer;color:#225}\n")
        .append(".meta{color:#555}.note{margin:0.2em 0}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(s.name())).append("</h1>\n");
    if (!s.description().isEmpty()) {
      h.append("<p>").append(esc(s.description())).append("</p>\n");
    }
    h.append("<p class=\"meta\">kind <b>")
        .append(esc(s.kind().name()))
        .append("</b>, seed ")
        .append(s.seed())
        .append(", ")
        .append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs")
        .append(", fusedsim ")
        .append(esc(version))
        .append(", source ")
        .append(esc(s.source()))
        .append("</p>\n");

    if (!images.isEmpty()) {
      h.append("<h2>Figures</h2>\n");
      // figures that compare every run first, then those of one run
      List<Map.Entry<String, byte[]>> ordered = new ArrayList<>(images.entrySet());
      ordered.sort(
          java.util.Comparator.comparing(
              (Map.Entry<String, byte[]> e) -> e.getKey().matches(".*-r\\d+\\.png")));
      for (Map.Entry<String, byte[]> img : ordered) {
        h.append("<figure><img alt=\"")
            .append(esc(img.getKey()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(img.getValue()))
            .append("\"><figcaption>")
            .append(esc(img.getKey()))
            .append("</figcaption></figure>\n");
      }
    }

    boolean anyNote = runs.stream().anyMatch(r -> !r.output().notes().isEmpty());
    if (anyNote) {
      h.append("<h2>Notes</h2>\n");
      for (RunRecord r : runs) {
        for (String note : r.output().notes()) {
          h.append("<p class=\"note\">")
              .append(runs.size() == 1 ? "" : esc(r.personality() + "/" + r.replication() + ": "))
              .append(esc(note))
              .append("</p>\n");
        }
      }
    }

    String headline = Summary.headline(s, runs);
    if (!headline.isEmpty()) {
      h.append("<h2>Headline</h2>\n<pre>").append(esc(headline)).append("</pre>\n");
    }

    h.append("<h2>Runs</h2>\n<table>\n<tr><th>run</th><th>personality</th><th>replication</th>")
        .append("<th>simulated time</th><th>events</th></tr>\n")
        .append("<tr class=\"unit\"><th></th><th></th><th></th><th>us</th><th></th></tr>\n");
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      h.append("<tr><td>")
          .append(i + 1)
          .append("</td><td>")
          .append(esc(r.personality()))
          .append("</td><td>")
          .append(r.replication())
          .append("</td><td>")
          .append(Numbers.human(Time.toMicros(r.output().simulatedTimePs()), 9))
          .append("</td><td>")
          .append(r.output().events())
          .append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Details</h2>\n");
    TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
    runs.forEach(r -> r.output().metrics().all().forEach(m -> names.add(m.name())));
    if (!names.isEmpty()) {
      h.append("<details><summary>All ")
          .append(names.size())
          .append(" metrics</summary>\n<table>\n<tr><th>metric</th><th>unit</th>");
      for (RunRecord r : runs) {
        h.append("<th>").append(esc(r.personality() + "/" + r.replication())).append("</th>");
      }
      h.append("</tr>\n");
      for (String n : names) {
        String unit = "";
        List<String> cells = new ArrayList<>();
        for (RunRecord r : runs) {
          Metric m = r.output().metrics().get(n).orElse(null);
          if (m != null) {
            unit = m.unit();
            cells.add(Numbers.human(m.value(), 6));
          } else {
            cells.add("-");
          }
        }
        h.append("<tr><td>").append(esc(n)).append("</td><td>").append(esc(unit)).append("</td>");
        cells.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
        h.append("</tr>\n");
      }
      h.append("</table>\n</details>\n");
    }

    for (RunRecord r : runs) {
      for (Table t : r.output().tables()) {
        h.append("<details><summary>Table ")
            .append(esc(t.name()))
            .append(
                runs.size() == 1 ? "" : esc(" (" + r.personality() + "/" + r.replication() + ")"))
            .append(", ")
            .append(t.rows().size())
            .append(t.rows().size() == 1 ? " row" : " rows")
            .append("</summary>\n<table>\n<tr>");
        t.columns().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n<tr class=\"unit\">");
        t.units()
            .forEach(u -> h.append("<th>").append(esc(u.equals("-") ? "" : u)).append("</th>"));
        h.append("</tr>\n");
        int shown = 0;
        for (List<Object> row : t.rows()) {
          if (shown++ == MAX_TABLE_ROWS) {
            break;
          }
          h.append("<tr>");
          for (Object v : row) {
            String cell =
                v instanceof Double || v instanceof Float
                    ? Numbers.human(((Number) v).doubleValue(), 6)
                    : String.valueOf(v);
            h.append("<td>").append(esc(cell)).append("</td>");
          }
          h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (t.rows().size() > MAX_TABLE_ROWS) {
          h.append("<p class=\"meta\">first ")
              .append(MAX_TABLE_ROWS)
              .append(" of ")
              .append(t.rows().size())
              .append(" rows; all of them are in the CSV file.</p>\n");
        }
        h.append("</details>\n");
      }
    }

    h.append("<details><summary>Scenario file</summary>\n<pre>")
        .append(esc(s.text()))
        .append("</pre>\n</details>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** Escapes text for HTML. */
  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
