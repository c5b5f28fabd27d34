package org.fusedsim.bgq.torus;

import java.util.List;
import org.fusedsim.core.Simulation;

/** Runs the standard torus traffic on a fresh network of its own, as the tests of a torus need. */
final class Traffic {
  private Traffic() {}

  static TorusTraffic.PingPongResult pingPong(TorusParams p, List<Long> sizes) {
    Simulation sim = new Simulation();
    return TorusTraffic.pingPong(sim, TorusNetwork.create(sim, p), sizes);
  }

  static TorusTraffic.ContentionResult contention(TorusParams p, long payloadBytes) {
    Simulation sim = new Simulation();
    return TorusTraffic.contention(sim, TorusNetwork.create(sim, p), payloadBytes);
  }
}
