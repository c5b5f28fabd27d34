package org.fusedsim.scenarios.regress;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.report.TextTable;

/**
 * Renders checks and baseline comparisons for people (terminal tables, Markdown for a pull-request
 * comment) and for CI systems (JUnit XML: one test case per expectation and per compared metric).
 */
public final class RegressionReport {
  private RegressionReport() {}

  /** Returns the table of checks printed after a run. */
  public static String checksTable(List<CheckResult> checks) {
    boolean personalities = checks.stream().anyMatch(c -> !c.personality().equals("none"));
    TextTable t =
        personalities
            ? new TextTable(
                List.of("check", "os", "value", "bound", "result"), List.of("", "", "", "", ""))
            : new TextTable(List.of("check", "value", "bound", "result"), List.of("", "", "", ""));
    for (CheckResult c : checks) {
      String result = c.passed() ? "pass" : "FAIL";
      if (personalities) {
        t.row(
            List.of(
                c.metric(), c.personality(), c.valueText(), c.expectation().boundText(), result));
      } else {
        t.row(List.of(c.metric(), c.valueText(), c.expectation().boundText(), result));
      }
    }
    long failed = checks.stream().filter(c -> !c.passed()).count();
    return t.render()
        + (failed == 0
            ? "all " + checks.size() + " checks passed\n"
            : failed + " of " + checks.size() + " checks failed\n");
  }

  /** Returns the table of what moved against a baseline, with a one-line verdict. */
  public static String comparisonTable(Comparison c) {
    StringBuilder sb = new StringBuilder();
    sb.append("baseline ")
        .append(c.oldFile().source())
        .append(" (seed ")
        .append(c.oldFile().seed())
        .append(") vs ")
        .append(c.newFile().source())
        .append(" (seed ")
        .append(c.newFile().seed())
        .append(")\n");
    String params = parameterChanges(c);
    if (!params.isEmpty()) {
      sb.append("parameters changed: ").append(params).append('\n');
    }
    List<Comparison.Row> changed = c.changed();
    if (!changed.isEmpty()) {
      TextTable t =
          new TextTable(
              List.of("metric", "run", "old", "new", "change", "tolerance", "result"),
              List.of("", "", "", "", "", "", ""));
      for (Comparison.Row r : changed) {
        t.row(
            List.of(
                r.metric(),
                r.run(),
                value(r.oldValue()),
                newValue(r),
                change(r.change()),
                percent(r.tolerance()),
                status(r.status())));
      }
      sb.append(t.render());
    }
    long failed = c.rows().stream().filter(r -> r.status().fails()).count();
    sb.append(c.rows().size() - changed.size())
        .append(" of ")
        .append(c.rows().size())
        .append(" metric values within tolerance");
    if (c.ignored() > 0) {
      sb.append(", ").append(c.ignored()).append(" ignored");
    }
    sb.append(failed == 0 ? "; no regression\n" : "; " + failed + " failed\n");
    return sb.toString();
  }

  /**
   * Returns JUnit XML with a test suite for the expectations and one for the baseline comparison.
   *
   * @param scenario the scenario name (part of the suite names)
   * @param checks the checks, possibly empty
   * @param comparison the comparison, or {@code null}
   */
  public static String junit(String scenario, List<CheckResult> checks, Comparison comparison) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      int tests = checks.size() + (comparison == null ? 0 : comparison.rows().size());
      long failures =
          checks.stream().filter(c -> !c.passed()).count()
              + (comparison == null
                  ? 0
                  : comparison.rows().stream().filter(r -> r.status().fails()).count());
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "fusedsim " + scenario);
      x.writeAttribute("tests", String.valueOf(tests));
      x.writeAttribute("failures", String.valueOf(failures));
      x.writeAttribute("errors", "0");
      if (!checks.isEmpty()) {
        String suite = "fusedsim." + scenario + ".expect";
        suiteStart(x, suite, checks.size(), checks.stream().filter(c -> !c.passed()).count());
        for (CheckResult c : checks) {
          String name =
              c.metric() + (c.personality().equals("none") ? "" : " [" + c.personality() + "]");
          testcase(x, suite, name, c.passed() ? null : c.message(), "expectation", c.message());
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      if (comparison != null) {
        String suite = "fusedsim." + scenario + ".baseline";
        suiteStart(
            x,
            suite,
            comparison.rows().size(),
            comparison.rows().stream().filter(r -> r.status().fails()).count());
        for (Comparison.Row r : comparison.rows()) {
          String text = rowText(r);
          testcase(
              x,
              suite,
              r.metric() + " [" + r.run() + "]",
              r.status().fails() ? text : null,
              "baseline",
              text);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return out.toString();
  }

  private static void suiteStart(XMLStreamWriter x, String name, int tests, long failures)
      throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", name);
    x.writeAttribute("tests", String.valueOf(tests));
    x.writeAttribute("failures", String.valueOf(failures));
    x.writeAttribute("errors", "0");
    x.writeAttribute("skipped", "0");
  }

  private static void testcase(
      XMLStreamWriter x, String suite, String name, String failure, String type, String output)
      throws XMLStreamException {
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute("classname", suite);
    x.writeAttribute("name", name);
    x.writeAttribute("time", "0");
    if (failure != null) {
      x.writeCharacters("\n      ");
      x.writeStartElement("failure");
      x.writeAttribute("message", failure);
      x.writeAttribute("type", type);
      x.writeCharacters(failure);
      x.writeEndElement();
      x.writeCharacters("\n    ");
    } else {
      x.writeCharacters("\n      ");
      x.writeStartElement("system-out");
      x.writeCharacters(output);
      x.writeEndElement();
      x.writeCharacters("\n    ");
    }
    x.writeEndElement();
  }

  /**
   * Returns a Markdown summary for a pull-request comment: a verdict line, the checks, and the
   * metrics that moved against the baseline.
   */
  public static String markdown(String scenario, List<CheckResult> checks, Comparison comparison) {
    long failedChecks = checks.stream().filter(c -> !c.passed()).count();
    boolean failed = failedChecks > 0 || (comparison != null && comparison.failed());
    StringBuilder sb = new StringBuilder();
    sb.append("### fusedsim: `")
        .append(md(scenario))
        .append("` ")
        .append(failed ? "**FAILED**" : "passed")
        .append("\n\n");
    if (!checks.isEmpty()) {
      sb.append("**Expectations**: ")
          .append(checks.size() - failedChecks)
          .append(" of ")
          .append(checks.size())
          .append(" passed\n\n| | metric | value | bound |\n|---|---|---|---|\n");
      for (CheckResult c : checks) {
        sb.append("| ")
            .append(c.passed() ? "pass" : "**FAIL**")
            .append(" | `")
            .append(md(c.metric()))
            .append(c.personality().equals("none") ? "" : " (" + md(c.personality()) + ")")
            .append("` | ")
            .append(md(c.valueText()))
            .append(" | ")
            .append(md(c.expectation().boundText()))
            .append(" |\n");
      }
      sb.append('\n');
    }
    if (comparison != null) {
      List<Comparison.Row> changed = comparison.changed();
      sb.append("**Baseline** `")
          .append(md(comparison.oldFile().source()))
          .append("`: ")
          .append(comparison.rows().size() - changed.size())
          .append(" of ")
          .append(comparison.rows().size())
          .append(" metric values within tolerance\n\n");
      String params = parameterChanges(comparison);
      if (!params.isEmpty()) {
        sb.append("Parameters changed: ").append(md(params)).append("\n\n");
      }
      if (!changed.isEmpty()) {
        sb.append("| | metric | run | old | new | change | tolerance |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (Comparison.Row r : changed) {
          sb.append("| ")
              .append(r.status().fails() ? "**" + status(r.status()) + "**" : status(r.status()))
              .append(" | `")
              .append(md(r.metric()))
              .append("` | ")
              .append(md(r.run()))
              .append(" | ")
              .append(md(value(r.oldValue())))
              .append(" | ")
              .append(md(newValue(r)))
              .append(" | ")
              .append(change(r.change()))
              .append(" | ")
              .append(percent(r.tolerance()))
              .append(" |\n");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** Returns the parameters that differ between the two files, e.g. {@code a.b 1ns -> 2ns}. */
  public static String parameterChanges(Comparison c) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(c.oldFile().parameters().keySet());
    keys.addAll(c.newFile().parameters().keySet());
    List<String> out = new java.util.ArrayList<>();
    for (String k : keys) {
      String o = c.oldFile().parameters().getOrDefault(k, "-");
      String n = c.newFile().parameters().getOrDefault(k, "-");
      if (!o.equals(n)) {
        out.add(k + " " + o + " -> " + n);
      }
    }
    return String.join(", ", out);
  }

  /** Returns a one-line description of a compared value. */
  public static String rowText(Comparison.Row r) {
    return r.metric()
        + " ["
        + r.run()
        + "]: "
        + value(r.oldValue())
        + " -> "
        + newValue(r)
        + " ("
        + change(r.change())
        + ", tolerance "
        + percent(r.tolerance())
        + ") "
        + status(r.status());
  }

  private static String newValue(Comparison.Row r) {
    if (r.newValue() == null || Double.isNaN(r.newHalfWidth())) {
      return value(r.newValue());
    }
    return Numbers.human(r.newValue().value(), 6)
        + " ± "
        + Numbers.human(r.newHalfWidth(), 3)
        + " "
        + r.newValue().unit();
  }

  private static String value(ResultsFile.Value v) {
    return v == null ? "-" : Numbers.human(v.value(), 6) + " " + v.unit();
  }

  private static String change(double f) {
    if (Double.isNaN(f)) {
      return "-";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+inf" : "-inf";
    }
    return (f >= 0 ? "+" : "") + Numbers.human(f * 100, 3) + "%";
  }

  private static String percent(double f) {
    return Numbers.human(f * 100, 6) + "%";
  }

  private static String status(Comparison.Status s) {
    return switch (s) {
      case SAME -> "same";
      case MOVED -> "MOVED";
      case MISSING -> "MISSING";
      case ADDED -> "added";
      case UNIT_CHANGED -> "UNIT CHANGED";
    };
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("`", "'");
  }
}
