package org.fusedsim.net.pami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class PamiNetworkTest {
  private static MpiSetup setup(int ppn, Fidelity f) {
    MpiSetup s = MpiSetup.defaults(TorusParams.defaults().withFidelity(f));
    return s.withPami(s.pami().withRanksPerNode(ppn));
  }

  private static int neighbourRank(MpiSetup s) {
    Torus t = new Torus(s.torus().shape());
    for (int n = 1; n < t.nodeCount(); n++) {
      if (t.distance(0, n) == 1) {
        return n * s.pami().ranksPerNode();
      }
    }
    throw new AssertionError();
  }

  @Test
  void eagerPingPongMatchesTheHandCalculation() {
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      MpiSetup s = setup(1, f);
      MpiExperiments.PingPong r = MpiExperiments.pingPong(s, 0, neighbourRank(s), 8);
      // send 300 + fetch 50 + 1 hop 40 + one 72 B packet at 2 GB/s 36 + deposit 50 + recv 300
      // + copy of 8 B at 4 GB/s 2 = 778 ns.
      assertTrue(r.eager());
      assertEquals(778.0, Time.toNanos(r.latencyPs()), 778 * 0.005, f.name());
    }
  }

  @Test
  void rendezvousPingPongMatchesTheHandCalculation() {
    MpiSetup s = setup(1, Fidelity.FLOW);
    MpiExperiments.PingPong r = MpiExperiments.pingPong(s, 0, neighbourRank(s), 8192);
    // RTS: 300 + 50 + (40 + 40 B / 2 GB/s = 20) + 50 + 300 + 400 = 1160
    // get: 50 + (40 + 104 B: 52) + 50 = 192, holder's fetch 50
    // data: 40 + 16 packets x 552 B / 2 GB/s = 4416, then deposit 50 + recv 300.
    double expected = 1160 + 192 + 50 + 40 + 4416 + 50 + 300;
    assertFalse(r.eager());
    assertEquals(expected, Time.toNanos(r.latencyPs()), expected * 0.001);
  }

  @Test
  void protocolSwitchesAboveTheEagerLimit() {
    MpiSetup s = setup(1, Fidelity.FLOW);
    long limit = s.pami().eagerLimitBytes();
    Simulation sim = new Simulation();
    PamiNetwork p =
        new PamiNetwork(sim, TorusNetwork.create(sim, s.torus()), s.mu(), s.pami(), s.layout());
    p.send(0, 1, limit, () -> {});
    p.send(0, 1, limit + 1, () -> {});
    sim.run();
    assertEquals(1, p.eagerMessages());
    assertEquals(1, p.rendezvousMessages());
    long atLimit = MpiExperiments.pingPong(s, 0, neighbourRank(s), limit).latencyPs();
    long above = MpiExperiments.pingPong(s, 0, neighbourRank(s), limit + 1).latencyPs();
    // Above the limit the copy (limit / 4 GB/s) is gone but the handshake is paid: RTS, get.
    assertTrue(above > atLimit, above + " vs " + atLimit);
  }

  @Test
  void sixtyFourRanksPerNodeSendOnTheirOwnSharedFifos() {
    MpiSetup s = setup(64, Fidelity.FLOW);
    // The last rank of node 0 (context 63) sends to the neighbour node: same cost as rank 0, and
    // its injection FIFO is one of the 7 PAMI gave context 63 (checked on every send).
    MpiExperiments.PingPong r = MpiExperiments.pingPong(s, 63, neighbourRank(s) + 63, 8);
    assertEquals(778.0, Time.toNanos(r.latencyPs()), 778 * 0.001);
  }

  @Test
  void ranksOfOneNodeUseSharedMemory() {
    MpiSetup s = setup(16, Fidelity.FLOW);
    MpiExperiments.PingPong r = MpiExperiments.pingPong(s, 0, 5, 1024);
    // shm_latency 250 + 1024 B at 4 GB/s 256.
    assertEquals(Time.ns(506), r.latencyPs());
  }
}
