package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fusedsim.core.BufferTracer;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.TraceEvent;
import org.junit.jupiter.api.Test;

class LinkTraceTest {
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

  @Test
  void atPacketLevelTheBusiestLinksOfEachWindowAreCountersAndTracingAddsNoEvent() {
    long[] events = new long[2];
    List<TraceEvent> c = null;
    for (int traced = 0; traced < 2; traced++) {
      BufferTracer tr = new BufferTracer(1000);
      Simulation sim = new Simulation(traced == 1 ? tr : org.fusedsim.core.Tracer.OFF, 16);
      TorusNetwork net =
          TorusNetwork.create(sim, TorusParams.defaults().withFidelity(Fidelity.PACKET));
      net.nameNodes(n -> "node" + n);
      int nb = net.torus().neighbor(0, 0);
      // 64 KiB to the A+ neighbour: 128 full packets back to back, about 35 us on the link
      net.send(0, nb, 64 << 10, null);
      sim.run();
      events[traced] = sim.eventCount();
      c = tr.events();
    }
    assertEquals(events[0], events[1], "tracing must not add events");
    // windows of 10 us: [0,10), [10,20), [20,30) full, the last partial one, then 0 at the end
    assertEquals("node0/torus", c.get(0).component());
    assertEquals("counter.link A+", c.get(0).kind());
    assertEquals(0, c.get(0).time());
    assertEquals(1.0, (Double) c.get(0).fields().get("value"), 0.03);
    TraceEvent last = c.get(c.size() - 1);
    assertEquals(0.0, ((Number) last.fields().get("value")).doubleValue());
  }
}
