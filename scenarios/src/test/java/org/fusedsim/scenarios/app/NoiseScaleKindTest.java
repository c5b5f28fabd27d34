package org.fusedsim.scenarios.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Noise amplification of a BSP across block sizes, and injected noise of one net amount. */
class NoiseScaleKindTest {
  @TempDir Path tmp;

  @Test
  void linuxNoiseSlowsTheLargerBlockMoreWhileCnkHasNone() throws IOException {
    JsonNode res =
        Runs.run(
            tmp,
            "scale",
            "name: s\ndescription: s\nkind: noise-at-scale\nseed: 1\nos: cnk,linux\n"
                + "torus:\n  fidelity: flow\n"
                + "noise_at_scale:\n  blocks: nodeboard,4x4x4x2x2\n  steps: 60\n"
                + "  grains: 1ms\n");
    // CNK has no noise: the run with noise is the run without, step for step
    assertEquals(1.0, Runs.v(res, "cnk", "bsp.slowdown.32nodes"));
    assertEquals(1.0, Runs.v(res, "cnk", "bsp.slowdown.256nodes"));
    double small = Runs.v(res, "linux", "bsp.slowdown.32nodes");
    double large = Runs.v(res, "linux", "bsp.slowdown.256nodes");
    assertTrue(small > 1.0, "linux at 32 nodes " + small);
    assertTrue(large > small, "linux at 256 nodes " + large + " against " + small + " at 32");
    // what delayed the last rank is named by source
    assertTrue(Runs.v(res, "linux", "bsp.critical.256nodes.slurmd") > 0);
  }

  @Test
  void injectedNoiseOfOneNetAmountHurtsAsItsFrequencyAndDurationSay() throws IOException {
    String yaml =
        "name: i\ndescription: i\nkind: noise-at-scale\nseed: 1\nos: linux\n"
            + "torus:\n  fidelity: flow\nnoise:\n  enabled: inject\n"
            + "noise_at_scale:\n  blocks: midplane\n  steps: 20\n  grains: 1ms,100us\n"
            + "  ranks_per_node: 1\n";
    // 2.5% net either way: 10 Hz x 2.5 ms, or 1 kHz x 25 us
    JsonNode slow =
        Runs.run(
            tmp,
            "slow",
            yaml,
            "--set",
            "noise.inject_period=100ms",
            "--set",
            "noise.inject_duration=2500us");
    JsonNode fast =
        Runs.run(
            tmp,
            "fast",
            yaml,
            "--set",
            "noise.inject_period=1ms",
            "--set",
            "noise.inject_duration=25us");
    double longRare = Runs.v(slow, "linux", "bsp.slowdown.512nodes.100us");
    double shortOften = Runs.v(fast, "linux", "bsp.slowdown.512nodes");
    assertTrue(longRare > 10, "10 Hz x 2.5 ms at a 100 us grain: " + longRare);
    assertTrue(shortOften < 1.1, "1 kHz x 25 us at a 1 ms grain: " + shortOften);
    assertTrue(Runs.v(slow, "linux", "bsp.critical.512nodes.100us.inject") > 0);
  }
}
