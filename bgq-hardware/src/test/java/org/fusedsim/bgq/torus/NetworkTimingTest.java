package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class NetworkTimingTest {
  private static final TorusParams MID = TorusParams.defaults();

  private static long oneMessage(TorusParams p, Fidelity f, int src, int dst, long bytes) {
    Simulation sim = new Simulation();
    TorusNetwork net = TorusNetwork.create(sim, p.withFidelity(f));
    int id = net.send(src, dst, bytes, null);
    sim.run();
    return net.deliveryTime(id) - net.sendTime(id);
  }

  /**
   * The closed form by hand for the default BG/Q figures: 40 ns per hop, 2 GB/s = 0.5 ns per byte,
   * and wire bytes = full packets of 32 + 512 + 8 = 552 B plus a last packet of 32 + the remainder
   * padded to 32 B + 8.
   */
  private static double handLatencyNs(long payload, int hops) {
    long full = payload / 512;
    long rest = payload % 512;
    long wire = full * 552;
    if (rest > 0 || full == 0) {
      wire += 40 + ((rest + 31) / 32) * 32;
    }
    return hops * 40.0 + wire * 0.5;
  }

  @Test
  void closedFormMatchesHandCalculation() {
    assertEquals(60.0, Time.toNanos(MID.closedFormLatency(0, 1)), 1e-9);
    assertEquals(380.0, Time.toNanos(MID.closedFormLatency(0, 9)), 1e-9);
    for (long size : new long[] {0, 1, 32, 33, 512, 513, 4096, 1 << 20}) {
      for (int h = 1; h <= 9; h++) {
        assertEquals(handLatencyNs(size, h), Time.toNanos(MID.closedFormLatency(size, h)), 1e-9);
      }
    }
  }

  @Test
  void lonePacketLevelMessagesMatchTheClosedFormWithinOnePercent() {
    Torus t = new Torus(MID.shape());
    int far = t.antipode(0);
    int[] targets = {t.neighbor(0, 0), t.rank(2, 0, 0, 0, 0), t.rank(2, 2, 1, 0, 0), far};
    for (long size : new long[] {0, 8, 100, 512, 4096, 65_536, 1 << 20, 4 << 20}) {
      for (int dst : targets) {
        int hops = t.distance(0, dst);
        long sim = oneMessage(MID, Fidelity.PACKET, 0, dst, size);
        double expect = handLatencyNs(size, hops);
        double err = Math.abs(Time.toNanos(sim) - expect) / expect;
        assertTrue(err < 0.01, size + " B over " + hops + " hops: " + sim + " ps vs " + expect);
      }
    }
  }

  @Test
  void packetAndFlowLevelsAgreeWithinFivePercentWithoutContention() {
    Torus t = new Torus(MID.shape());
    for (long size : new long[] {0, 256, 4096, 1 << 20}) {
      for (int dst : new int[] {1, t.antipode(0), t.rank(1, 3, 0, 2, 1)}) {
        long p = oneMessage(MID, Fidelity.PACKET, 0, dst, size);
        long f = oneMessage(MID, Fidelity.FLOW, 0, dst, size);
        assertTrue(Math.abs(p - f) / (double) p < 0.05, size + " B: " + p + " vs " + f);
      }
    }
  }

  @Test
  void disjointConcurrentMessagesDoNotSlowEachOther() {
    // Two messages on different rings of A: no shared link, so each takes its lone time.
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      Simulation sim = new Simulation();
      TorusNetwork net = TorusNetwork.create(sim, MID.withFidelity(f));
      Torus t = net.torus();
      int a = net.send(t.rank(0, 0, 0, 0, 0), t.rank(2, 0, 0, 0, 0), 65_536, null);
      int b = net.send(t.rank(0, 1, 0, 0, 0), t.rank(2, 1, 0, 0, 0), 65_536, null);
      sim.run();
      double expect = handLatencyNs(65_536, 2);
      assertEquals(expect, Time.toNanos(net.deliveryTime(a)), expect * 0.01);
      assertEquals(expect, Time.toNanos(net.deliveryTime(b)), expect * 0.01);
    }
  }

  @Test
  void twoFlowsOnOneLinkShareIt() {
    // Both messages start on the link 0 -> 1 in A+; each then gets half the link, so the pair
    // finishes after twice the serialization of one message (plus the pipeline term).
    long size = 1 << 20;
    double serializationNs = (size / 512) * 552 * 0.5;
    for (Fidelity f : new Fidelity[] {Fidelity.PACKET, Fidelity.FLOW}) {
      Simulation sim = new Simulation();
      TorusNetwork net = TorusNetwork.create(sim, MID.withFidelity(f));
      Torus t = net.torus();
      net.send(t.rank(0, 0, 0, 0, 0), t.rank(1, 0, 0, 0, 0), size, null);
      net.send(t.rank(0, 0, 0, 0, 0), t.rank(2, 0, 0, 0, 0), size, null);
      sim.run();
      double end = Time.toNanos(sim.now());
      assertEquals(2 * serializationNs, end, 2 * serializationNs * 0.01, f.toString());
    }
  }

  @Test
  void buffersNeverOverflowAndAllCreditsComeBack() {
    Simulation sim = new Simulation();
    PacketNetwork net = new PacketNetwork(sim, new Torus(MID.shape()), MID);
    Torus t = net.torus();
    // Eight sources converge on one destination: heavy backpressure on its incoming links.
    for (int i = 1; i <= 8; i++) {
      net.send(i * 2, 0, 200_000, null);
    }
    sim.run();
    assertEquals(8, net.messagesDelivered());
    assertEquals(0, net.packetsInFlight());
    // The last credits fall due one credit latency after the last tail: move the clock past it.
    sim.runUntil(sim.now() + MID.creditLatencyPs());
    for (int l = 0; l < t.linkSlots(); l++) {
      if (t.linkExists(l)) {
        assertEquals(MID.linkBufferBytes(), net.creditsOf(l), t.linkName(l));
      }
    }
  }

  @Test
  void dynamicRoutingDeliversEverythingOverMinimalRoutes() {
    TorusParams dyn = MID.withRouting(Routing.DYNAMIC, TieBreak.PLUS).withFidelity(Fidelity.PACKET);
    Simulation sim = new Simulation();
    PacketNetwork net = new PacketNetwork(sim, new Torus(dyn.shape()), dyn);
    Torus t = net.torus();
    long hops = 0;
    for (int r = 0; r < t.nodeCount(); r += 3) {
      int dst = (r * 37 + 11) % t.nodeCount();
      net.send(r, dst, 20_000, null);
      hops += (long) t.distance(r, dst) * new PacketFormat(32, 8, 512, 32).packets(20_000);
    }
    sim.run();
    assertEquals(net.messagesSent(), net.messagesDelivered());
    // Minimal routing: packet hops equal packets times the torus distance exactly.
    assertEquals(hops, net.packetHops());
  }
}
