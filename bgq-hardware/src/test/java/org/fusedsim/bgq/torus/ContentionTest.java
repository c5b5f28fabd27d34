package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContentionTest {
  private static final long MIB = 1 << 20;

  /**
   * Hand calculation for antipodal traffic on a 4x4x4x4x2 midplane with dimension-order routing and
   * ties going plus. Every destination is 2 hops away in A, B, C, D (a tie in a ring of 4) and 1 in
   * E. The A+ link leaving node x carries the flows whose source differs from x only in A, with
   * source A coordinate x_a (first hop) or x_a - 1 (second hop): 2 flows. The B+ link leaving x
   * carries flows that have finished A (source a = x_a - 2, fixed) and are in their first or second
   * B hop: again 2; likewise C and D. The E+ link carries only the flow starting there: 1. Minus
   * links carry none. So the busiest link is shared by 2 flows, and 512 flows x 9 hops = 4608 =
   * 2048 links x 2 + 512 links x 1 accounts for every hop.
   */
  private static final int HAND_MAX_FLOWS_PLUS = 2;

  /**
   * With the source-parity tie break, a ring of 4 sends the even sources plus and the odd ones
   * minus: the A+ link leaving x is used by the flow from x if x_a is even, or by the flow from x -
   * 1 if x_a - 1 is even, never both: 1 flow per link.
   */
  private static final int HAND_MAX_FLOWS_PARITY = 1;

  @Test
  void busiestLinkFlowsMatchTheHandCalculation() {
    TorusParams p = TorusParams.defaults().withFidelity(Fidelity.FLOW);
    assertEquals(HAND_MAX_FLOWS_PLUS, Traffic.contention(p, 4096).maxFlowsPerLink());
    TorusParams parity = p.withRouting(Routing.DETERMINISTIC, TieBreak.SOURCE_PARITY);
    assertEquals(HAND_MAX_FLOWS_PARITY, Traffic.contention(parity, 4096).maxFlowsPerLink());
  }

  @Test
  void packetLevelSlowdownIsTheNumberOfFlowsSharingTheBusiestLink() {
    TorusParams p = TorusParams.defaults().withFidelity(Fidelity.PACKET);
    TorusTraffic.ContentionResult r = Traffic.contention(p, MIB);
    // Two flows share each busy link at 2 GB/s: each gets 1 GB/s, so the makespan is twice the
    // lone transfer (the 9-hop pipeline term is 360 ns of ~565 us, well inside the tolerance).
    assertEquals(HAND_MAX_FLOWS_PLUS, r.slowdown(), 0.05 * HAND_MAX_FLOWS_PLUS, r.toString());
    assertEquals(1.0, r.busiestLinkUtilization(), 0.05, r.toString());
    // Aggregate: 512 x 1 MiB delivered in about 2 x 565.25 us.
    double handAggregate = 512.0 * MIB / (2 * 1_130_496 * 0.5);
    assertEquals(handAggregate, r.aggregateGBps(), handAggregate * 0.05);
    assertEquals(512L * 2048 * 9, r.packetHops());
  }

  @Test
  void flowLevelAgreesWithPacketLevelUnderContention() {
    TorusParams p = TorusParams.defaults();
    TorusTraffic.ContentionResult pk =
        Traffic.contention(p.withFidelity(Fidelity.PACKET), 256 * 1024);
    TorusTraffic.ContentionResult fl =
        Traffic.contention(p.withFidelity(Fidelity.FLOW), 256 * 1024);
    double rel = Math.abs(pk.makespanPs() - fl.makespanPs()) / (double) pk.makespanPs();
    assertTrue(rel < 0.05, pk.makespanPs() + " vs " + fl.makespanPs());
  }

  @Test
  void smallBuffersCanOnlySlowTheSharingDown() {
    TorusParams small =
        TorusParams.from(
            org.fusedsim.core.param.ParamValues.builder(TorusParams.SPEC)
                .set("link_buffer", "1104B")
                .set("fidelity", "packet")
                .build());
    TorusTraffic.ContentionResult r = Traffic.contention(small, 256 * 1024);
    TorusTraffic.ContentionResult big =
        Traffic.contention(TorusParams.defaults().withFidelity(Fidelity.PACKET), 256 * 1024);
    // Backpressure delays but never loses: everything arrives, no sooner than with room to spare.
    assertEquals(512L * 512 * 9, r.packetHops());
    assertTrue(r.makespanPs() >= big.makespanPs(), r.makespanPs() + " < " + big.makespanPs());
    assertTrue(r.busiestLinkUtilization() <= 1.0 + 1e-9, r.toString());
  }

  @Test
  void sourceParityTieBreakRemovesTheContention() {
    TorusParams p =
        TorusParams.defaults()
            .withRouting(Routing.DETERMINISTIC, TieBreak.SOURCE_PARITY)
            .withFidelity(Fidelity.PACKET);
    TorusTraffic.ContentionResult r = Traffic.contention(p, 256 * 1024);
    assertEquals(HAND_MAX_FLOWS_PARITY, r.slowdown(), 0.05, r.toString());
  }

  /**
   * With the split tie break every antipodal message goes half plus and half minus round each ring
   * of 4 (and both E links): the A+ link leaving x carries half of each of 2 flows, one flow's
   * worth, so each message moves at one link's rate: 512 packets x 552 B x 0.5 ns = 141.3 us, half
   * the plus rule's makespan. (A lone message is twice as fast again, on two routes at once.)
   */
  @Test
  void splitTieBreakRemovesTheContentionAtBothLevels() {
    TorusParams p = TorusParams.defaults().withRouting(Routing.DETERMINISTIC, TieBreak.SPLIT);
    TorusTraffic.ContentionResult pk =
        Traffic.contention(p.withFidelity(Fidelity.PACKET), 256 * 1024);
    TorusTraffic.ContentionResult fl =
        Traffic.contention(p.withFidelity(Fidelity.FLOW), 256 * 1024);
    double handNs = 512 * 552 * 0.5;
    assertEquals(handNs, pk.makespanPs() / 1000.0, handNs * 0.02, pk.toString());
    assertEquals(2.0, pk.slowdown(), 0.05, pk.toString());
    assertEquals(512L * 512 * 9, pk.packetHops());
    double rel = Math.abs(pk.makespanPs() - fl.makespanPs()) / (double) pk.makespanPs();
    assertTrue(rel < 0.05, pk.makespanPs() + " vs " + fl.makespanPs());
  }

  /**
   * Under split ties a node's one-packet messages to a tied destination take the two directions in
   * turn: 64 of them from node 0 to its antipode keep A+ and A- equally busy.
   */
  @Test
  void splitTieBreakAlternatesOnePacketMessages() {
    TorusParams p =
        TorusParams.defaults()
            .withRouting(Routing.DETERMINISTIC, TieBreak.SPLIT)
            .withFidelity(Fidelity.PACKET);
    org.fusedsim.core.Simulation sim = new org.fusedsim.core.Simulation();
    TorusNetwork net = TorusNetwork.create(sim, p);
    int far = net.torus().antipode(0);
    for (int i = 0; i < 64; i++) {
      net.send(0, far, 256, null);
    }
    sim.run();
    assertEquals(64, net.messagesDelivered());
    long plus = net.linkBusyTime(0);
    long minus = net.linkBusyTime(1);
    assertTrue(plus > 0, "A+ idle");
    assertEquals(plus, minus);
  }
}
