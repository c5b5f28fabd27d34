package org.fusedsim.scenarios.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.fusedsim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API agrees with the command line and reports bad input like it. */
class FusedsimTest {
  @TempDir Path tmp;

  @Test
  void catalogScenarioPassesAndMatchesTheCommandLineByteForByte() throws IOException {
    SimulationResult r = Fusedsim.catalog("regression-example").run();
    assertTrue(r.passed(), r.report());
    assertEquals(6, r.checks().size());
    assertEquals(1, r.runs().size());
    assertEquals(500000, r.runs().get(0).events());
    // One replication: the value has no interval and equals the run's own metric.
    MetricValue m = r.metric("phold.delay.mean");
    assertFalse(m.hasInterval());
    assertEquals(r.runs().get(0).metrics().get("phold.delay.mean").value(), m.value());

    Path out = tmp.resolve("cli");
    int code =
        Main.execute(
            new String[] {"run", "catalog/regression-example.yaml", "--out", out.toString()},
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    assertEquals(0, code);
    String cli = Files.readString(out.resolve("results.json"), StandardCharsets.UTF_8);
    assertEquals(
        cli.replace("<built-in>/catalog/", "catalog/"),
        r.resultsJson(),
        "same scenario and seed, same results");
  }

  @Test
  void fileScenarioWithABaseline() throws IOException {
    Path base = tmp.resolve("base.json");
    Files.writeString(base, Fusedsim.catalog("regression-example").run().resultsJson());
    SimulationResult same =
        Fusedsim.catalog("regression-example")
            .seed(2)
            .baseline(base, "2%")
            .ignore("phold.delay.max")
            .toleranceFor("phold.lp_events.*", "10%")
            .run();
    assertTrue(same.passed(), same.report());
    SimulationResult slower =
        Fusedsim.catalog("regression-example")
            .set("phold.mean_delay", "1.2us")
            .baseline(base, "2%")
            .run();
    assertFalse(slower.passed());
    assertTrue(slower.movedMetrics().contains("phold.delay.mean"), slower.report());
    assertTrue(
        slower.failures().contains("phold.delay.mean moved beyond tolerance against the baseline"),
        slower.failures().toString());
  }

  @Test
  void errorsCarryTheirLocation() throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "name: bad\nkind: phold\nphold:\n  lps: -3\n", StandardCharsets.UTF_8);
    FusedsimException e = assertThrows(FusedsimException.class, () -> Fusedsim.scenario(f).run());
    assertEquals(f.toString(), e.file());
    assertEquals(4, e.line());
    assertEquals(8, e.column());
    assertTrue(e.getMessage().startsWith(f + ":4:8: phold.lps"), e.getMessage());

    FusedsimException set =
        assertThrows(
            FusedsimException.class, () -> Fusedsim.catalog("phold").set("phold.nope", "1").run());
    assertTrue(set.getMessage().startsWith("set(phold.nope):1:1:"), set.getMessage());
    assertThrows(FusedsimException.class, () -> Fusedsim.catalog("no-such-scenario"));
    assertThrows(
        FusedsimException.class,
        () -> Fusedsim.catalog("phold").baseline(tmp.resolve("missing.json"), "1%").run());
  }

  @Test
  void unknownMetricsListWhatExists() {
    SimulationResult r = Fusedsim.catalog("phold").set("phold.events", "1000").run();
    NoSuchElementException e =
        assertThrows(NoSuchElementException.class, () -> r.metric("phold.nope"));
    assertTrue(e.getMessage().contains("phold.delay.mean"), e.getMessage());
    assertTrue(r.findMetric("phold.nope").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> r.metric("phold.delay.mean").in("GB/s"));
  }

  @Test
  void replicatedMetricsCarryAnIntervalAndBaselinesCanRequireIt(@TempDir Path dir)
      throws IOException {
    Path base = dir.resolve("base.json");
    Files.writeString(
        base,
        Fusedsim.catalog("phold").set("phold.events", "20000").replications(3).run().resultsJson());
    SimulationResult r =
        Fusedsim.catalog("phold")
            .set("phold.events", "20000")
            .seed(7)
            .replications(3)
            .baseline(base, "0.01%")
            .requireInterval()
            .run();
    MetricValue mean = r.metric("phold.delay.mean");
    assertEquals(3, mean.n());
    assertTrue(mean.ciLow() < mean.value() && mean.value() < mean.ciHigh());
    // Three replications of 20000 events scatter by about 1001 / sqrt(20000) = 7 ns each, so
    // the new interval cannot fit within 0.01% (0.1 ns) of the old mean.
    assertTrue(r.movedMetrics().contains("phold.delay.mean"), r.report());
    assertTrue(r.report().contains("none/mean"), r.report());
  }
}
