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
}
