package org.fusedsim.net.pami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Time;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.TestNodes;
import org.junit.jupiter.api.Test;

class PamiNetworkTest {
  static TestNodes.Partition partition(int ppn, Fidelity f) {
    NetParams n = NetParams.defaults();
    return new TestNodes.Partition(
        TorusParams.defaults().withFidelity(f), n.withPami(n.pami().withRanksPerNode(ppn)));
  }

  /** Returns the first rank of the first node one hop from node 0. */
  static int neighbourRank(TestNodes.Partition m) {
    Torus t = m.hardware().torus();
    for (int n = 1; n < t.nodeCount(); n++) {
      if (t.distance(0, n) == 1) {
        return n * m.net().pami().ranksPerNode();
      }
    }
    throw new AssertionError();
  }

  /**
   * Rank {@code b} waits for a message and sends it back; rank {@code a} sends, then waits for the
   * answer. Returns half the round trip.
   */
  static long pingPong(TestNodes.Partition m, int a, int b, long bytes) {
    PamiNetwork p = m.pami();
    long[] back = {-1};
    p.expect(b, 1, () -> p.send(b, a, bytes, () -> {}, () -> {}));
    p.send(a, b, bytes, () -> p.expect(a, 1, () -> back[0] = m.sim().now()), () -> {});
    m.run();
    assertTrue(back[0] > 0, "the ping-pong did not complete");
    return back[0] / 2;
  }

  @Test
  void eagerPingPongMatchesTheHandCalculation() {
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      TestNodes.Partition m = partition(1, f);
      long r = pingPong(m, 0, neighbourRank(m), 8);
      // send 300 on the sender's thread + fetch 50 + 1 hop 40 + one 72 B packet at 2 GB/s 36 +
      // deposit 50 + recv 300 and copy of 8 B at 4 GB/s 2 on the receiver's thread = 778 ns.
      assertEquals(778.0, Time.toNanos(r), 778 * 0.005, f.name());
      assertEquals(2, m.pami().eagerMessages());
      // Rank 0's thread: its send, then taking the answer.
      assertEquals(300 + 302, Time.toNanos(m.rank(0).busyTime()), 1e-9, f.name());
    }
  }

  @Test
  void rendezvousPingPongMatchesTheHandCalculation() {
    TestNodes.Partition m = partition(1, Fidelity.FLOW);
    long r = pingPong(m, 0, neighbourRank(m), 8192);
    // RTS: send 300 + fetch 50 + (40 + 40 B / 2 GB/s = 20) + deposit 50, then recv 300 +
    // rendezvous 400 on the receiver's thread = 1160.
    // get, injected by the receiver: 50 + (40 + 104 B: 52) + 50 = 192; the holder's MU fetches
    // the put 50.
    // data: 40 + 16 packets x 552 B / 2 GB/s = 4416, then deposit 50 + recv 300.
    double expected = 1160 + 192 + 50 + 40 + 4416 + 50 + 300;
    assertEquals(expected, Time.toNanos(r), expected * 0.001);
    assertEquals(2, m.pami().rendezvousMessages());
    // The sender's thread spends only the send overhead; the MU puts the data.
    assertEquals(300 + (300 + 400 + 300), Time.toNanos(m.rank(0).busyTime()), 1e-9);
  }

  @Test
  void protocolSwitchesAboveTheEagerLimit() {
    TestNodes.Partition m = partition(1, Fidelity.FLOW);
    PamiNetwork p = m.pami();
    long limit = p.params().eagerLimitBytes();
    int peer = neighbourRank(m);
    boolean[] both = {false};
    p.expect(peer, 2, () -> both[0] = true);
    p.send(0, peer, limit, () -> p.send(0, peer, limit + 1, () -> {}, () -> {}), () -> {});
    m.run();
    assertTrue(both[0]);
    assertEquals(1, p.eagerMessages());
    assertEquals(1, p.rendezvousMessages());
    assertEquals(0, p.inFlight());
    long atLimit = pingPong(partition(1, Fidelity.FLOW), 0, peer, limit);
    long above = pingPong(partition(1, Fidelity.FLOW), 0, peer, limit + 1);
    // At 4 KiB, eager: 300 + 50 + 40 + 8 x 552 B / 2 GB/s 2208 + 50 + 300 + 4096 B / 4 GB/s 1024.
    assertEquals(3972.0, Time.toNanos(atLimit), 3972 * 0.001);
    // One byte more, rendezvous: the copy is gone but the handshake is paid: RTS 1160, get 192,
    // fetch 50, 40 + (8 x 552 + a 72 B packet) / 2 GB/s 2244, deposit 50, recv 300.
    assertEquals(4036.0, Time.toNanos(above), 4036 * 0.001);
  }

  @Test
  void sixtyFourRanksPerNodeSendOnTheirOwnSharedFifos() {
    TestNodes.Partition m = partition(64, Fidelity.FLOW);
    // The last rank of node 0 (context 63) sends to the neighbour node: same cost as rank 0. Its
    // injection FIFO is one of the 7 PAMI gave context 63; the MU refuses a descriptor on a FIFO
    // PAMI does not own.
    long r = pingPong(m, 63, neighbourRank(m) + 63, 8);
    assertEquals(7, m.fifos(0).injectionPerContext());
    assertEquals(778.0, Time.toNanos(r), 778 * 0.001);
  }

  @Test
  void ranksOfOneNodeUseSharedMemory() {
    TestNodes.Partition m = partition(16, Fidelity.FLOW);
    long r = pingPong(m, 0, 5, 1024);
    // shm_latency 250 + 1024 B at 4 GB/s 256 on the sender's thread; nothing crosses the MU.
    assertEquals(Time.ns(506), r);
    assertEquals(2, m.pami().sharedMemoryMessages());
    assertEquals(0, m.mu().descriptorsInjected());
  }
}
