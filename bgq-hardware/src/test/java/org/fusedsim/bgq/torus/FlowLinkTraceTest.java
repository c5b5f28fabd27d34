package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fusedsim.core.BufferTracer;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.TraceEvent;
import org.junit.jupiter.api.Test;

class FlowLinkTraceTest {
  @Test
  void aLinksLoadIsACounterOnItsSourceNodesTrack() {
    BufferTracer tr = new BufferTracer(100);
    Simulation sim = new Simulation(tr, 16);
    TorusNetwork net = TorusNetwork.create(sim, TorusParams.defaults().withFidelity(Fidelity.FLOW));
    net.nameNodes(n -> "node" + n);
    Torus t = net.torus();
    int nb = t.neighbor(0, 0);
    // two messages over the same one link: each gets half of it, the link is full until the
    // first ends; then the other has it alone (still full), then it is idle
    net.send(0, nb, 1 << 20, null);
    net.send(0, nb, 2 << 20, null);
    sim.run();
    List<TraceEvent> c = tr.events();
    assertEquals(2, c.size(), c.toString());
    assertEquals("node0/torus", c.get(0).component());
    assertEquals("counter.link A+", c.get(0).kind());
    assertEquals(1.0, (Double) c.get(0).fields().get("value"), 1e-12);
    assertEquals(0.0, (Double) c.get(1).fields().get("value"));
  }
}
