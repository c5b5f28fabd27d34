package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ParamValues;
import org.junit.jupiter.api.Test;

class SequoiaScaleTest {
  @Test
  void fullSequoiaBuildsAndRunsFlowsAtFlowLevel() {
    TorusParams p =
        TorusParams.from(ParamValues.builder(TorusParams.SPEC).set("shape", "sequoia").build());
    Simulation sim = new Simulation();
    TorusNetwork net = TorusNetwork.create(sim, p);
    assertEquals(Fidelity.FLOW, net.fidelity()); // auto: above a rack
    Torus t = net.torus();
    assertEquals(98_304, t.nodeCount());
    // Diameter: 8 + 6 + 8 + 8 + 1 hops.
    assertEquals(31, t.shape().diameter());
    int far = t.antipode(0);
    assertEquals(31, t.distance(0, far));
    int a = net.send(0, far, 1 << 20, null);
    int b = net.send(t.rank(15, 0, 0, 0, 0), t.rank(3, 0, 0, 0, 0), 1 << 20, null);
    for (int i = 1; i <= 6; i++) {
      net.send(i * 1000, i * 1000 + 7, 65_536, null);
    }
    sim.run();
    assertEquals(8, net.messagesDelivered());
    // Message a goes A+ from 0 through 8; message b goes A+ from 15 through 0 to 3, sharing the
    // links 0->1 and 1->2 and 2->3 with a: both get 1 GB/s until b finishes.
    long wire = 2048L * 552;
    double bothShare = wire / 1.0; // ns at 1 GB/s: b's whole transfer is shared
    assertEquals(bothShare + 4 * 40, Time.toNanos(net.deliveryTime(b)), bothShare * 0.01);
    assertEquals(bothShare + 31 * 40, Time.toNanos(net.deliveryTime(a)), bothShare * 0.01);
  }

  @Test
  void everySequoiaNodeSendingToItsAntipodeMatchesTheHandCalculation() {
    TorusParams p =
        TorusParams.defaults().withShape(TorusShape.parse("sequoia")).withFidelity(Fidelity.FLOW);
    TorusTraffic.ContentionResult r = Traffic.contention(p, 65_536);
    // Hand: A has 16 nodes, the antipode is 8 hops away, a tie taken plus; the A+ link leaving x
    // carries the flows from x, x-1, ..., x-7 in A: 8 flows. B (12, 6 hops): 6; C, D: 8; E: 1.
    // So each flow gets 2/8 GB/s: makespan = 8 x 128 packets x 552 B x 0.5 ns + 31 x 40 ns, plus
    // 63 ns per cable: the last flow crosses midplane boundaries twice in each of A, B (from B = 2
    // to 8: boundaries 3|4 and 7|8), C and D.
    assertEquals(8, r.maxFlowsPerLink());
    double handNs = 8 * 128 * 552 * 0.5 + 31 * 40 + 8 * 63;
    assertEquals(handNs, Time.toNanos(r.makespanPs()), handNs * 0.001);
  }
}
