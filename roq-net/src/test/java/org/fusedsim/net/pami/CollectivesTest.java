package org.fusedsim.net.pami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class CollectivesTest {
  private static MpiSetup setup(String shape, int ppn) {
    TorusParams t =
        TorusParams.defaults().withShape(TorusShape.parse(shape)).withFidelity(Fidelity.FLOW);
    MpiSetup s = MpiSetup.defaults(t);
    return s.withPami(s.pami().withRanksPerNode(ppn));
  }

  @Test
  void classRouteAllreduceFollowsTheClosedForm() {
    CollectiveResult r = new Collectives(setup("midplane", 16)).allreduce(Algorithm.CLASSROUTE, 8);
    // overhead 500; local reduce log2(16) = 4 steps x (250 + 8 B/4 GB/s 2 + combine 2) = 1016;
    // fetch 50; tree depth 9: reduce 9 x (40 + 10) + one 72 B packet 36 = 486, broadcast 9 x 40
    // + 36 = 396; deposit 50; local broadcast 252.
    assertEquals(Time.ns(500 + 1016 + 50 + 486 + 396 + 50 + 252), r.latencyPs());
    assertEquals(5, r.localSteps());
  }

  @Test
  void recursiveDoublingTakesLog2Rounds() {
    CollectiveResult r =
        new Collectives(setup("2x2x2x1x1", 1)).allreduce(Algorithm.RECURSIVE_DOUBLING, 8);
    assertEquals(3, r.networkRounds());
    assertEquals(8 * 3, r.messages());
    // Every partner is one hop away: 3 rounds x (eager one-way 778 + combine 2) + overhead 500.
    assertEquals(500 + 3 * 780, Time.toNanos(r.latencyPs()), 1.0);
    CollectiveResult big =
        new Collectives(setup("4x4x4x4x2", 1)).allreduce(Algorithm.RECURSIVE_DOUBLING, 8);
    assertEquals(9, big.networkRounds());
    assertEquals(512 * 9, big.messages());
  }

  @Test
  void binomialReducesThenBroadcasts() {
    CollectiveResult r = new Collectives(setup("2x2x2x1x1", 1)).allreduce(Algorithm.BINOMIAL, 8);
    assertEquals(6, r.networkRounds());
    assertEquals(7 + 7, r.messages());
    // Reduce: 3 levels x (778 + 2). Broadcast: the longest chain is 0 -> 4 -> 6 -> 7, each the
    // first child of its parent, 3 x 778 (later children start 300 ns apart but have shorter
    // chains: 0 -> 1 ends at 600 + 778).
    assertEquals(500 + 3 * 780 + 3 * 778, Time.toNanos(r.latencyPs()), 1.0);
  }

  @Test
  void barrierAndBroadcast() {
    Collectives c = new Collectives(setup("2x2x2x1x1", 1));
    // A barrier is 3 rounds of 0 B eager messages: 300 + 50 + 40 + 20 (40 B) + 50 + 300 = 760.
    assertEquals(
        500 + 3 * 760, Time.toNanos(c.barrier(Algorithm.RECURSIVE_DOUBLING).latencyPs()), 1.0);
    assertEquals(500 + 3 * 778, Time.toNanos(c.broadcast(Algorithm.BINOMIAL, 8).latencyPs()), 1.0);
    // Class route broadcast on 2x2x2x1x1: depth 3, 3 x 40 + 36 for a 72 B packet, fetch, deposit.
    assertEquals(
        Time.ns(500 + 50 + 3 * 40 + 36 + 50), c.broadcast(Algorithm.CLASSROUTE, 8).latencyPs());
  }

  @Test
  void pointToPointNeedsAPowerOfTwo() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Collectives(setup("3x1x1x1x1", 1)).allreduce(Algorithm.BINOMIAL, 8));
  }

  @Test
  void alltoallIsBoundBySoftwareForSmallMessages() {
    MpiExperiments.Alltoall a = MpiExperiments.alltoall(setup("2x2x2x1x1", 2), 8);
    // Per rank: 7 nodes x 2 ranks = 14 remote messages x (send 300 + recv 300 + copy 2) plus one
    // shared-memory message (250 + 2); the network finishes well before.
    assertEquals(Time.ns(500 + 14 * 602 + 252), a.latencyPs());
    assertEquals(8L * 7 * 2 * 2 * 8, a.bytesOnNetwork());
    org.junit.jupiter.api.Assertions.assertTrue(a.networkPs() < a.softwarePs());
  }
}
