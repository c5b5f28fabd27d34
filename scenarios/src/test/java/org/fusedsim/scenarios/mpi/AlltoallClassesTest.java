package org.fusedsim.scenarios.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.FlowNetwork;
import org.fusedsim.bgq.torus.Routing;
import org.fusedsim.bgq.torus.TieBreak;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The translation fold against the flow level it folds: every node pair's message started at once
 * on a {@link FlowNetwork}, the last delivery against {@link AlltoallClasses#networkTime}.
 */
class AlltoallClassesTest {
  @ParameterizedTest
  @CsvSource({
    "2x2x2x2x2, deterministic, plus",
    "2x2x2x2x2, deterministic, split",
    "4x2x2x2x2, deterministic, split",
    "4x4x2x2x2, deterministic, plus",
    "4x4x2x2x2, deterministic, split",
    "4x4x2x2x2, dynamic, split",
    "3x2x1x1x2, dynamic, plus"
  })
  void foldDeliversTheLastByteWhenTheFullFlowLevelDoes(String shape, String routing, String tie) {
    TorusParams p =
        TorusParams.defaults()
            .withShape(TorusShape.parse(shape))
            .withFidelity(Fidelity.FLOW)
            .withRouting(
                Routing.valueOf(routing.toUpperCase(Locale.ROOT)),
                TieBreak.valueOf(tie.toUpperCase(Locale.ROOT)));
    long bytes = 20_000;
    Simulation sim = new Simulation();
    FlowNetwork net = new FlowNetwork(sim, new Torus(p.shape()), p);
    int n = net.torus().nodeCount();
    for (int s = 0; s < n; s++) {
      for (int d = 0; d < n; d++) {
        if (s != d) {
          net.send(s, d, bytes, null);
        }
      }
    }
    sim.run();
    long last = 0;
    for (int m = 0; m < net.messagesSent(); m++) {
      last = Math.max(last, net.deliveryTime(m));
    }
    // the flow level rounds each completion event up to the picosecond; the fold does not
    assertEquals(last, AlltoallClasses.networkTime(p, bytes), 1e-6 * last);
  }

  @Test
  void foldNeedsAFullTorusAndASourceBlindTieRule() {
    assertFalse(AlltoallClasses.applies(TorusShape.parse("midplane"), TieBreak.SOURCE_PARITY));
    assertFalse(AlltoallClasses.applies(TorusShape.parse("midplane").withMesh("A"), TieBreak.PLUS));
  }
}
