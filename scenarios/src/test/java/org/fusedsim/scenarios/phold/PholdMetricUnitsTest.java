package org.fusedsim.scenarios.phold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Tracer;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.run.Runner;
import org.junit.jupiter.api.Test;

/** The metric units PHOLD declares for expect: validation are exactly the ones a run produces. */
class PholdMetricUnitsTest {
  @Test
  void declaredUnitsMatchARun() {
    Scenario s =
        new ScenarioLoader(new Components().kinds())
            .load("t.yaml", "name: t\nkind: phold\nphold:\n  events: 1000\n", java.util.List.of());
    Map<String, String> produced = new TreeMap<>();
    for (Metric m : new Runner(Tracer.OFF).run(s).get(0).output().metrics().all()) {
      produced.put(m.name(), m.unit());
    }
    assertEquals(produced, new TreeMap<>(new PholdKind().metricUnits()));
  }
}
