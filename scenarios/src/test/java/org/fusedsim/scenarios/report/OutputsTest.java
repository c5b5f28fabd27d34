package org.fusedsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.fusedsim.core.Metrics;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.RunRecord;
import org.junit.jupiter.api.Test;

class OutputsTest {
  private static RunRecord run(String personality, int replication, Chart... charts) {
    return new RunRecord(
        personality,
        replication,
        new RunOutput(
            1,
            1,
            new Metrics(),
            ImmutableList.of(),
            ImmutableList.of(),
            ImmutableList.copyOf(charts)),
        0);
  }

  private static Chart chart(String personality, String... labels) {
    ImmutableList.Builder<Chart.Series> b = ImmutableList.builder();
    for (String l : labels) {
      b.add(new Chart.Series(l, new double[] {1, 2}, new double[] {3, 4}));
    }
    return new Chart("lat", "Latency under " + personality, "threads", "latency (ns)", b.build());
  }

  @Test
  void aChartEveryRunDrawsBecomesOneFigureWithEveryRunsSeries() {
    List<RunRecord> runs =
        List.of(
            run("fusedos", 0, chart("fusedos", "p50", "p99")), run("cnk", 0, chart("cnk", "p50")));
    assertTrue(Outputs.comparable(runs, runs.get(0).output().charts().get(0)));
    Chart c =
        Outputs.combine(
            List.of(runs.get(0).output().charts().get(0), runs.get(1).output().charts().get(0)),
            runs);
    assertEquals("Latency", c.title());
    assertEquals(
        List.of("fusedos p50", "fusedos p99", "cnk"),
        c.series().stream().map(Chart.Series::label).toList());
  }

  @Test
  void replicationsOrDifferentAxesKeepAFigurePerRun() {
    Chart a = chart("fusedos", "p50");
    assertFalse(Outputs.comparable(List.of(run("fusedos", 0, a)), a));
    assertFalse(Outputs.comparable(List.of(run("fusedos", 0, a), run("fusedos", 1, a)), a));
    Chart other = new Chart("lat", "t", "threads", "throughput (calls/us)", a.series());
    assertFalse(Outputs.comparable(List.of(run("fusedos", 0, a), run("cnk", 0, other)), a));
  }

  @Test
  void replicatedLinesBecomeTheirMeanWithABand() {
    Chart r0 =
        new Chart(
            "lat",
            "Latency under fusedos",
            "threads",
            "latency (ns)",
            ImmutableList.of(new Chart.Series("p50", new double[] {1, 2}, new double[] {3, 10})));
    Chart r1 =
        new Chart(
            "lat",
            "Latency under fusedos",
            "threads",
            "latency (ns)",
            ImmutableList.of(new Chart.Series("p50", new double[] {1, 2}, new double[] {5, 10})));
    List<RunRecord> runs = List.of(run("fusedos", 0, r0), run("fusedos", 1, r1));
    List<RunRecord> drawn = Outputs.banded(runs);
    assertEquals(1, drawn.size(), "one figure per personality");
    Chart.Series s = drawn.get(0).output().charts().get(0).series().get(0);
    assertEquals(4, s.y()[0], 1e-12);
    assertTrue(s.low()[0] < 4 && s.high()[0] > 4, "a band where the replications differ");
    assertEquals(10, s.low()[1], 1e-12);
    assertEquals(10, s.high()[1], 1e-12);
    // replications that draw different x values are drawn one by one
    Chart other =
        new Chart(
            "lat",
            "Latency under fusedos",
            "threads",
            "latency (ns)",
            ImmutableList.of(new Chart.Series("p50", new double[] {1, 3}, new double[] {3, 10})));
    List<RunRecord> mixed = List.of(run("fusedos", 0, r0), run("fusedos", 1, other));
    assertEquals(mixed, Outputs.banded(mixed));
  }
}
