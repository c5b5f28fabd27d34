package org.fusedsim.bgq.torus;

import org.fusedsim.core.param.ParamValues;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  @org.fusedsim.core.SuppressForbidden(reason = "scratch")
  void scratch() {
    for (String buf : new String[] {"2KiB", "4KiB", "8KiB", "16KiB"}) {
      TorusParams p = TorusParams.from(ParamValues.builder(TorusParams.SPEC).set("link_buffer", buf).set("fidelity", "packet").build());
      TorusExperiments.ContentionResult r = TorusExperiments.contention(p, 1 << 20);
      System.out.println(buf + " slowdown=" + r.slowdown() + " util=" + r.busiestLinkUtilization() + " mean=" + r.meanLatencyPs());
    }
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      TorusExperiments.BenchResult b = TorusExperiments.bench(TorusParams.defaults(), 1 << 20);
      long t1 = System.nanoTime();
      System.out.println("hops/s=" + b.packetHops() / ((t1 - t0) / 1e9) + " events=" + b.events() + " wall=" + (t1 - t0) / 1e9);
    }
  }
}
