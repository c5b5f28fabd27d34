package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static long[] run(Routing routing) {
    TorusParams p =
        TorusParams.defaults().withRouting(routing, TieBreak.PLUS).withFidelity(Fidelity.PACKET);
    Simulation sim = new Simulation();
    PacketNetwork net = new PacketNetwork(sim, new Torus(p.shape()), p, new RandomStreams(42, 0));
    for (int r = 0; r < 512; r++) {
      net.send(r, (r * 97 + 13) % 512, 10_000 + 37L * r, null);
    }
    sim.run();
    long[] out = new long[net.messagesSent() + 2];
    for (int i = 0; i < net.messagesSent(); i++) {
      out[i] = net.deliveryTime(i);
    }
    out[out.length - 2] = sim.eventCount();
    out[out.length - 1] = net.packetHops();
    return out;
  }

  @Test
  void sameInputsGiveTheSameDeliveryTimesAndEventCount() {
    for (Routing r : Routing.values()) {
      assertArrayEquals(run(r), run(r), r.toString());
    }
  }
}
