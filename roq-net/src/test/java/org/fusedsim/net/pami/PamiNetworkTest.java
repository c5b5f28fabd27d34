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
  /** The eager protocols fill the torus's packets: their size is the torus's, not a constant. */
  @Test
  void eagerPacketsFollowTheTorusPacketFormat() {
    // a short (single-packet) message must still fit one packet of the smaller format
    org.fusedsim.core.param.ParamValues pami =
        org.fusedsim.core.param.ParamValues.builder(PamiParams.SPEC)
            .set("short_limit", "224B")
            .build();
    org.fusedsim.core.param.ParamValues torus =
        org.fusedsim.core.param.ParamValues.builder(TorusParams.SPEC)
            .set("max_payload", "256B")
            .build();
    PamiParams bgq = PamiParams.from(pami);
    PamiParams small = PamiParams.from(pami, torus);
    assertEquals(512, bgq.packetPayloadBytes());
    assertEquals(256, small.packetPayloadBytes());
    // 1,000 B and the 16 B envelope: 2 packets of 512 B, 4 of 256 B (eager up to 2 KiB either way)
    assertEquals(2, bgq.eagerPackets(1000));
    assertEquals(4, small.eagerPackets(1000));
    assertTrue(small.eagerReceivePs(1000) > bgq.eagerReceivePs(1000), "more packets, more work");
  }

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

  /** Half round trip of a fresh flow-level pair of rank 0 and its neighbour at one size. */
  static long halfRoundTrip(long bytes) {
    TestNodes.Partition m = partition(1, Fidelity.FLOW);
    return pingPong(m, 0, neighbourRank(m), bytes);
  }

  @Test
  void immediatePingPongMatchesTheHandCalculation() {
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      TestNodes.Partition m = partition(1, f);
      long r = pingPong(m, 0, neighbourRank(m), 8);
      // sender: send_call 900 + inject 400 = 1300; fetch 50 + 1 hop 40 + one packet of 8 B + 16 B
      // envelope (32 B chunk + 40 B header and trailer = 72 B at 2 GB/s) 36 + deposit 50;
      // receiver: poll 550 + match 660 + copy of 8 B at 4 GB/s 2 + recv_complete 800 = 2012.
      // 1300 + 176 + 2012 = 3488 ns.
      assertEquals(3488.0, Time.toNanos(r), 3488 * 0.001, f.name());
      assertEquals(2, m.pami().messages(Protocol.IMMEDIATE));
      // Rank 0's thread: its send (immediate: complete once injected), then taking the answer.
      assertEquals(1300 + 2012, Time.toNanos(m.rank(0).busyTime()), 1e-9, f.name());
    }
  }

  @Test
  void theCurveStepsUpAtEachProtocolCutOff() {
    PamiParams p = PamiParams.defaults();
    assertEquals(Protocol.IMMEDIATE, p.protocol(112));
    assertEquals(Protocol.SINGLE_PACKET, p.protocol(113));
    assertEquals(Protocol.SINGLE_PACKET, p.protocol(496));
    assertEquals(Protocol.EAGER, p.protocol(497));
    assertEquals(Protocol.EAGER, p.protocol(2048));
    assertEquals(Protocol.RENDEZVOUS, p.protocol(2049));
    // 112 -> 113 B: send_state 300; the packet grows from 128 to 160 B of payload (+16 ns);
    // the copy of one byte 0.25 ns.
    assertEquals(316.25, Time.toNanos(halfRoundTrip(113) - halfRoundTrip(112)), 1e-6);
    // 496 -> 497 B: a second packet: recv_state 300 + packet 150, wire 552 B -> 552 + 72 B
    // (+36 ns), copy 0.25 ns.
    assertEquals(486.25, Time.toNanos(halfRoundTrip(497) - halfRoundTrip(496)), 1e-6);
    // 2049 B by rendezvous: sender send_call 900 + rendezvous_state 500 + inject 400 = 1800;
    // RTS of 48 B: fetch 50 + 40 + (64 + 40 B) 52 + deposit 50 = 192; receiver poll 550 + match
    // 660 + get_post 500 + inject 400 = 2110; the get descriptor (64 B) 192; the sender's MU
    // fetches the put 50; the data 40 + (4 x 552 + 72 B) 1140 + deposit 50; receiver poll 550 +
    // inject 400 (the acknowledgement) + recv_complete 800. Sum 7324 ns.
    long rzv = halfRoundTrip(2049);
    assertEquals(7324.0, Time.toNanos(rzv), 1e-6);
    // Eager at 2048 B: 900 + 300 + 400, 50 + 40 + (4 x 552 + 72 B) 1140 + 50, 550 + 660 +
    // recv_state 300 + 4 x packet 150 + copy 512 + 800 = 6302 ns: the switch costs 1022 ns, the
    // handshake's software and two more small flights less the eager copy and packets.
    long eager = halfRoundTrip(2048);
    assertEquals(6302.0, Time.toNanos(eager), 1e-6);
    assertTrue(rzv - eager > Time.ns(1000));
    // Within one protocol the curve rises only with the bytes: no step between 256 and 496 B.
    long within = halfRoundTrip(496) - halfRoundTrip(256);
    assertTrue(within < Time.ns(200), "single-packet 256 -> 496 B rose by " + within + " ps");
  }

  @Test
  void rendezvousAddsTheRequestGetAndAcknowledgement() {
    TestNodes.Partition m = partition(1, Fidelity.FLOW);
    PamiNetwork p = m.pami();
    int peer = neighbourRank(m);
    long[] received = {-1};
    p.expect(peer, 1, () -> received[0] = m.sim().now());
    // Rank 0's send waits for the acknowledgement and takes it.
    p.send(0, peer, 8192, () -> {}, () -> {});
    m.run();
    // RTS 1800 + 192, receiver 2110, get 192, fetch 50, data 40 + 16 x 552 B 4416 + deposit 50
    // = 8850; receiver poll 550 + inject 400 (the acknowledgement) = 9800, then recv_complete
    // 800: received at 10600.
    assertEquals(10600.0, Time.toNanos(received[0]), 1e-6);
    // The sender: its send 1800, then the acknowledgement's poll 550 + send_complete 300.
    assertEquals(1800 + 850, Time.toNanos(m.rank(0).busyTime()), 1e-9);
    assertEquals(2110 + 950 + 800, Time.toNanos(m.rank(peer).busyTime()), 1e-9);
    assertEquals(0, p.inFlight());
    assertEquals(1, p.rendezvousMessages());
  }

  /**
   * A rendezvous send is complete once its data has left the sender: PAMI learns that from the
   * acknowledgement, which the receiver sends when the data has counted its counter down. The
   * torus's messages in order: request-to-send 0, remote get 1, the data 2, the acknowledgement 3.
   */
  @Test
  void aRendezvousSendCompletesOnlyAfterItsDataHasLeft() {
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      TestNodes.Partition m = partition(1, f);
      int peer = neighbourRank(m);
      long sent = blockingSend(m, 65_536);
      var net = m.mu().network();
      assertEquals(4, net.messagesSent(), f.name());
      long dataIn = net.deliveryTime(2);
      assertTrue(dataIn > net.sendTime(2) + Time.us(30), "64 KiB at 2 GB/s: " + f);
      assertTrue(net.deliveryTime(3) < sent, "the acknowledgement came first: " + f);
      assertTrue(sent > dataIn, "complete before its data was out: " + f);

      // Posted without waiting: it goes on once the request-to-send is in its FIFO, before the
      // data moves, and waitSends returns only once the acknowledgement has been taken.
      TestNodes.Partition m2 = partition(1, f);
      PamiNetwork p2 = m2.pami();
      long[] posted = {-1};
      long[] waited = {-1};
      p2.expect(peer, 1, () -> {});
      p2.isend(
          0,
          peer,
          65_536,
          () -> {
            posted[0] = m2.sim().now();
            p2.waitSends(0, () -> waited[0] = m2.sim().now());
          },
          () -> {});
      m2.run();
      var net2 = m2.mu().network();
      assertTrue(posted[0] < net2.sendTime(2), "posted before the data started: " + f);
      assertTrue(waited[0] > net2.deliveryTime(3), "waitSends after the acknowledgement: " + f);
      assertEquals(sent, waited[0], f.name());
    }
  }

  /**
   * A many-to-many put is one descriptor into memory the receiver prepared: no request-to-send, no
   * remote get, no acknowledgement. Puts through two contexts' FIFOs inject side by side; two
   * through one context's FIFO leave one after the other.
   */
  @Test
  void putsAreOneDescriptorEachAndInjectInOrderPerContext() {
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      long[] received = new long[2];
      var twoContexts = puts(f, 1, received);
      var net = twoContexts.mu().network();
      assertEquals(2, net.messagesSent(), f.name());
      // the second descriptor follows the first's injection software (inject 400 ns), not its data
      assertTrue(net.sendTime(1) - net.sendTime(0) < Time.us(1), "side by side: " + f);
      assertTrue(received[1] >= net.deliveryTime(1), f.name());
      assertEquals(2, twoContexts.pami().messages(Protocol.PUT), f.name());

      var oneContext = puts(f, 0, new long[2]);
      var net1 = oneContext.mu().network();
      // the second is fetched once the first's last byte is out: 64 KiB at 2 GB/s, more than 30 us
      assertTrue(net1.sendTime(1) > net1.sendTime(0) + Time.us(30), "in order: " + f);
    }
  }

  /** Rank 0 puts 64 KiB twice to its neighbour's rank, through contexts 0 and {@code second}. */
  private static TestNodes.Partition puts(Fidelity f, int second, long[] received) {
    TestNodes.Partition m = partition(2, f);
    PamiNetwork p = m.pami();
    int peer = neighbourRank(m);
    p.expect(peer, 2, () -> {});
    p.put(
        0,
        0,
        peer,
        65_536,
        () -> p.put(0, second, peer, 65_536, () -> {}, () -> received[1] = m.sim().now()),
        () -> received[0] = m.sim().now());
    m.run();
    return m;
  }

  /** An eager send is complete once the Messaging Unit has injected its payload. */
  @Test
  void anEagerSendCompletesWhenItsPayloadIsInjected() {
    long sent = blockingSend(partition(1, Fidelity.PACKET), 2048);
    // send_call 900 + send_state 300 + inject 400 = 1600; fetch 50; 2,048 B + 16 B envelope in
    // 4 packets of 552 B and one of 72 B: 1140 ns on the first link; then send_complete 300.
    assertEquals(1600 + 50 + 1140 + 300, Time.toNanos(sent), 1e-6);
  }

  /**
   * Rank 0 sends {@code bytes} to its neighbour, which receives them; returns when it completed.
   */
  private static long blockingSend(TestNodes.Partition m, long bytes) {
    PamiNetwork p = m.pami();
    int peer = neighbourRank(m);
    long[] sent = {-1};
    p.expect(peer, 1, () -> {});
    p.send(0, peer, bytes, () -> sent[0] = m.sim().now(), () -> {});
    m.run();
    return sent[0];
  }

  @Test
  void anEnvelopeTakenWhenEveryReceiveIsMatchedIsUnexpected() {
    TestNodes.Partition m = partition(1, Fidelity.FLOW);
    PamiNetwork p = m.pami();
    int peer = neighbourRank(m);
    // Rank 0 posts one receive; the peer's rendezvous request-to-send matches it and, while the
    // data is being fetched, the peer's next message (8 B) arrives: no receive is posted for it.
    p.expect(0, 1, () -> {});
    p.isend(peer, 0, 8192, () -> p.send(peer, 0, 8, () -> {}, () -> {}), () -> {});
    m.run();
    assertEquals(1, p.unexpectedMessages());
  }

  @Test
  void sixtyFourRanksPerNodeSendOnTheirOwnSharedFifos() {
    TestNodes.Partition m = partition(64, Fidelity.FLOW);
    // The last rank of node 0 (context 63) sends to the neighbour node: same cost as rank 0. Its
    // injection FIFO is one of the 7 PAMI gave context 63; the MU refuses a descriptor on a FIFO
    // PAMI does not own.
    long r = pingPong(m, 63, neighbourRank(m) + 63, 8);
    assertEquals(7, m.fifos(0).injectionPerContext());
    assertEquals(3488.0, Time.toNanos(r), 3488 * 0.001);
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
