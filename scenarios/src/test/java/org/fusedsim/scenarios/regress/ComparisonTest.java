package org.fusedsim.scenarios.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fusedsim.scenarios.load.InputException;
import org.junit.jupiter.api.Test;

/** Comparisons of hand-written results files. */
class ComparisonTest {
  private static ResultsFile file(String name, String scenario, String metrics) {
    return ResultsFile.parse(
        name,
        "{\"format\": \"fusedsim-results/1\", \"scenario\": \""
            + scenario
            + "\", \"kind\": \"phold\", \"seed\": 1, \"parameters\": {\"p\": {\"x\": \"1ns\"}},"
            + " \"runs\": [{\"personality\": \"none\", \"replication\": 0, \"metrics\": {"
            + metrics
            + "}}]}");
  }

  private static String m(String name, double v, String unit) {
    return "\"" + name + "\": {\"value\": " + v + ", \"unit\": \"" + unit + "\"}";
  }

  @Test
  void classifiesEveryMetric() {
    ResultsFile a =
        file(
            "a",
            "s",
            String.join(
                ",",
                m("same", 100, "ns"),
                m("up", 100, "ns"),
                m("gone", 1, "1"),
                m("unit", 1, "ns")));
    ResultsFile b =
        file(
            "b",
            "s",
            String.join(
                ",",
                m("same", 101.9, "ns"),
                m("up", 102.1, "ns"),
                m("new", 1, "1"),
                m("unit", 1, "us")));
    Comparison c = Comparison.compare(a, b, Tolerances.uniform(0.02));
    assertEquals(5, c.rows().size());
    assertEquals(
        List.of(
            Comparison.Status.MISSING,
            Comparison.Status.ADDED,
            Comparison.Status.SAME,
            Comparison.Status.UNIT_CHANGED,
            Comparison.Status.MOVED),
        c.rows().stream().map(Comparison.Row::status).toList());
    assertEquals(List.of("gone", "unit", "up"), c.failedMetrics());
    assertTrue(c.failed());
    // 100 -> 102.1 is +2.1%.
    assertEquals(0.021, c.rows().get(4).change(), 1e-12);
  }

  @Test
  void perMetricTolerancesAndIgnores() {
    ResultsFile a =
        file(
            "a",
            "s",
            String.join(",", m("x.a", 100, "ns"), m("x.b", 100, "ns"), m("y", 100, "ns")));
    ResultsFile b =
        file(
            "b",
            "s",
            String.join(",", m("x.a", 109, "ns"), m("x.b", 111, "ns"), m("y", 200, "ns")));
    Tolerances t = Tolerances.parse("1%", List.of("x.b=5%", "x.*=10%"), List.of("y"));
    Comparison c = Comparison.compare(a, b, t);
    assertEquals(1, c.ignored());
    assertEquals(List.of("x.b"), c.failedMetrics());
    assertEquals(0.10, c.rows().get(0).tolerance(), 1e-15);
    assertEquals(0.05, c.rows().get(1).tolerance(), 1e-15);
  }

  @Test
  void aChangeFromZeroIsAMove() {
    Comparison c =
        Comparison.compare(
            file("a", "s", m("z", 0, "1")),
            file("b", "s", m("z", 0.5, "1")),
            Tolerances.uniform(1));
    assertEquals(Comparison.Status.MOVED, c.rows().get(0).status());
  }

  @Test
  void refusesOtherScenariosAndFormats() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Comparison.compare(
                    file("a", "s", m("x", 1, "1")),
                    file("b", "t", m("x", 1, "1")),
                    Tolerances.uniform(0)));
    assertTrue(
        e.getMessage().startsWith("refusing to compare different scenarios"), e.getMessage());
    InputException f =
        assertThrows(
            InputException.class,
            () ->
                ResultsFile.parse(
                    "old.json", "{\"format\": \"fusedsim-results/0\", \"runs\": []}"));
    assertTrue(f.getMessage().contains("'fusedsim-results/0' is not supported"), f.getMessage());
    InputException g =
        assertThrows(InputException.class, () -> ResultsFile.parse("x.json", "{\n  oops"));
    assertEquals("x.json", g.location().source());
    assertEquals(2, g.location().line());
  }

  private static ResultsFile replicated(String name, double... values) {
    StringBuilder runs = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      runs.append(i == 0 ? "" : ",")
          .append("{\"personality\": \"none\", \"replication\": ")
          .append(i)
          .append(", \"metrics\": {")
          .append(m("lat", values[i], "ns"))
          .append("}}");
    }
    return ResultsFile.parse(
        name,
        "{\"format\": \"fusedsim-results/1\", \"scenario\": \"s\", \"kind\": \"phold\","
            + " \"runs\": ["
            + runs
            + "]}");
  }

  @Test
  void intervalComparisonRequiresTheWholeIntervalWithinTolerance() {
    ResultsFile old = replicated("old", 100, 100);
    // New 100 and 102: mean 101 (+1%), sample sd sqrt(2), t(0.975, 1 df) = 12.7062, half-width
    // 12.7062 x sqrt(2) / sqrt(2) = 12.7 ns: the interval [88.3, 113.7] leaves 100 +- 5%.
    Comparison wide =
        Comparison.compareMeans(old, replicated("new", 100, 102), Tolerances.uniform(0.05));
    assertEquals("none/mean", wide.rows().get(0).run());
    assertEquals(0.01, wide.rows().get(0).change(), 1e-12);
    assertEquals(12.7062, wide.rows().get(0).newHalfWidth(), 1e-4);
    assertEquals(Comparison.Status.MOVED, wide.rows().get(0).status());
    // Per run the same files are within 5%.
    assertTrue(
        !Comparison.compare(old, replicated("new", 100, 102), Tolerances.uniform(0.05)).failed());
    // New 101 and 101.2: half-width 12.7062 x 0.1 = 1.27 ns, [99.8, 102.4] within [95, 105].
    Comparison tight =
        Comparison.compareMeans(old, replicated("new", 101, 101.2), Tolerances.uniform(0.05));
    assertEquals(Comparison.Status.SAME, tight.rows().get(0).status());
    assertThrows(
        InputException.class,
        () -> Comparison.compareMeans(old, replicated("new", 101), Tolerances.uniform(0.05)));
  }
}
