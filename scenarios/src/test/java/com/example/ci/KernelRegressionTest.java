package com.example.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.scenarios.api.Fusedsim;
import org.fusedsim.scenarios.api.FusedsimException;
import org.fusedsim.scenarios.api.MetricValue;
import org.fusedsim.scenarios.api.SimulationResult;
import org.junit.jupiter.api.Test;

/** A user's JUnit 5 test that keeps a simulated design inside its expected performance. */
class KernelRegressionTest {
  // The scenario can live in a file (Fusedsim.scenario(Path.of(...))); inline it is self-contained.
  // Closed form: the mean PHOLD delay is lookahead + mean_delay = 10 ns + 1 us = 1010 ns.
  static final String SCENARIO =
      """
      name: kernel-regression
      kind: phold
      replications: 3
      phold:
        lps: 64
        lookahead: 10ns
        mean_delay: 1us
        events: 50000
      expect:
        phold.delay.mean: {within: 3%, of: 1010ns, interval: true}
      """;

  @Test
  void theDesignMeetsItsExpectations() {
    SimulationResult r = Fusedsim.scenarioFromString(SCENARIO).seed(5).run();

    assertTrue(r.passed(), r.report());
    MetricValue delay = r.metric("phold.delay.mean");
    assertEquals("ns", delay.unit());
    assertEquals(3, delay.n());
    assertTrue(delay.ciLow() <= delay.value() && delay.value() <= delay.ciHigh());
    assertEquals(1.01, delay.in("us"), 0.03);
  }

  @Test
  void aSlowerDesignIsCaught() {
    SimulationResult r =
        Fusedsim.scenarioFromString(SCENARIO).set("phold.lookahead", "100ns").replications(3).run();

    assertFalse(r.passed());
    assertEquals("phold.delay.mean", r.checks().get(0).metric());
    assertFalse(r.checks().get(0).passed(), r.checks().get(0).message());
  }

  @Test
  void badInputNamesFileLineAndColumn() {
    FusedsimException e =
        assertThrows(
            FusedsimException.class,
            () -> Fusedsim.scenarioFromString("ci.yaml", SCENARIO).set("phold.lps", "many").run());
    assertTrue(e.getMessage().contains("phold.lps"), e.getMessage());

    FusedsimException unit =
        assertThrows(
            FusedsimException.class,
            () ->
                Fusedsim.scenarioFromString("ci.yaml", SCENARIO.replace("1010ns", "1010 KiB"))
                    .run());
    assertEquals("ci.yaml", unit.file());
    assertEquals(10, unit.line());
    assertTrue(unit.getMessage().contains("'KiB' does not convert"), unit.getMessage());
  }
}
