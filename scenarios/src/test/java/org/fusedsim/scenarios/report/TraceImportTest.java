package org.fusedsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.load.SetOverride;
import org.fusedsim.scenarios.run.Progress;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timelines of the catalog's OS scenarios lose nothing when Perfetto imports them. */
class TraceImportTest {
  @ParameterizedTest
  @ValueSource(strings = {"fusedos-tour", "syscall-latency", "bsp", "syscall-storm"})
  void perfettoDropsNoSliceAndNoFlow(String name) throws IOException {
    Scenario s =
        new ScenarioLoader(new Components().kinds())
            .load(Path.of("catalog", name + ".yaml"), List.<SetOverride>of());
    List<RunRecord> runs = new Runner(200_000, Progress.NONE).run(s);
    PerfettoRules.Import i = PerfettoRules.check(ChromeTrace.render(name, runs));
    assertTrue(i.slices() > 1000, name + ": " + i);
    assertEquals(0, i.droppedSlices(), name + ": " + i.examples());
    assertEquals(0, i.droppedFlows(), name + ": " + i.examples());
  }
}
