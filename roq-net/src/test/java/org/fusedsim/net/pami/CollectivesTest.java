package org.fusedsim.net.pami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.Time;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.TestNodes;
import org.junit.jupiter.api.Test;

class CollectivesTest {
  private static TestNodes.Partition partition(String shape, int ppn) {
    TorusParams t =
        TorusParams.defaults().withShape(TorusShape.parse(shape)).withFidelity(Fidelity.FLOW);
    NetParams n = NetParams.defaults();
    return new TestNodes.Partition(t, n.withPami(n.pami().withRanksPerNode(ppn)));
  }

  /**
   * Runs one point-to-point collective among the node leaders, whose threads wait for it as MPI
   * ranks between calls do; checks every leader waits again at the end.
   */
  private static CollectiveResult run(
      TestNodes.Partition m, Consumer<Collectives.ResultSink> start) {
    int nodes = m.hardware().computeNodes();
    int ppn = m.net().pami().ranksPerNode();
    for (int i = 0; i < nodes; i++) {
      m.rank(i * ppn).sleep();
    }
    CollectiveResult[] out = new CollectiveResult[1];
    start.accept(r -> out[0] = r);
    m.run();
    assertTrue(out[0] != null, "the collective did not complete");
    for (int i = 0; i < nodes; i++) {
      assertTrue(m.rank(i * ppn).asleep(), "leader of node " + i + " did not wait again");
    }
    assertTrue(out[0].events() > 0);
    return out[0];
  }

  @Test
  void classRouteAllreduceFollowsTheClosedForm() {
    TestNodes.Partition m = partition("midplane", 16);
    CollectiveResult r = m.collectives().classRoute("allreduce", 8);
    // post 500; local reduce: one handshake 250, then each rank combines its 1 B slice of the 15
    // other buffers, 15 x 0.25 = 3.75; fetch 50; tree depth 9: reduce 9 levels x (store the 72 B
    // packet 36 + combine 10 + hop 40) = 774, broadcast 9 x 40 = 360; deposit 50; every rank
    // copies the result out, 250 + 2; completion 300.
    assertEquals(9, m.collectives().classRouteDepth());
    assertEquals(
        Time.ns(500 + 250 + 50 + 774 + 360 + 50 + 252 + 300) + Time.ps(3750), r.latencyPs());
    assertEquals(5, r.localSteps());
    assertEquals(1, r.networkRounds());
    // The closed form builds no node and sends nothing.
    assertEquals(0, m.hardware().nodesBuilt());
    assertEquals(
        r,
        Collectives.closedForm(m.classRoute(), m.hardware().params().mu(), m.net().pami(), 512)
            .classRoute("allreduce", 8));
  }

  @Test
  void classRouteLatencyGrowsWithDepthByTheLevelCost() {
    Collectives small = partition("2x2x2x2x2", 16).collectives();
    Collectives mid = partition("midplane", 16).collectives();
    // 4 more levels, each 86 ns up (the stored 72 B packet, combine, hop) and 40 ns down.
    assertEquals(
        Time.ns(4 * (86 + 40)),
        mid.classRoute("allreduce", 8).latencyPs() - small.classRoute("allreduce", 8).latencyPs());
  }

  @Test
  void pipeliningInPiecesRaisesLargeMessageThroughput() {
    TestNodes.Partition m = partition("midplane", 16);
    Collectives c = m.collectives();
    long mib = 1 << 20;
    double piped = mib / (double) c.classRoute("allreduce", mib).latencyPs();
    // The same call in one piece: nothing overlaps the local phases.
    NetParams n = m.net();
    PamiParams one = n.pami();
    Collectives whole =
        Collectives.closedForm(
            m.classRoute(),
            m.hardware().params().mu(),
            PamiParams.from(
                org.fusedsim.core.param.ParamValues.builder(PamiParams.SPEC)
                    .set("ranks_per_node", "16")
                    .set("collective_chunk", "1GiB")
                    .build()),
            512);
    double unpiped = mib / (double) whole.classRoute("allreduce", mib).latencyPs();
    assertEquals(16, one.ranksPerNode());
    assertTrue(piped > 1.4 * unpiped, piped + " vs " + unpiped);
    // In pieces the link is the slowest stage: 64 KiB is 128 packets of 552 B, 35,328 ns; the
    // combine (250 + 15 x 1,024) and copy-out (250 + 16,384) overlap it. Bytes per ps = TB/s.
    assertTrue(piped * 1000 > 1.70 && piped * 1000 < 1.855, "GB/s " + piped * 1000);
  }

  @Test
  void optimizedTreesOutrunTheClassRouteOnLargeMessages() {
    Collectives c = partition("midplane", 1).collectives();
    long mib = 1 << 20;
    long cr = c.classRoute("allreduce", mib).latencyPs();
    long opt = c.optimized(mib).latencyPs();
    // Ten trees share the links ten ways; three threads combine and forward at 4 + 4 GB/s each:
    // 65,536 x (0.25 + 0.25) / 3 = 10,923 ns per piece, against 35,328 on the class route's link.
    assertTrue(cr > 2.5 * opt, cr + " vs " + opt);
    // Small messages pay software at every level and lose.
    assertTrue(c.optimized(8).latencyPs() > c.classRoute("allreduce", 8).latencyPs());
  }

  @Test
  void recursiveDoublingTakesLog2Rounds() {
    TestNodes.Partition m = partition("2x2x2x1x1", 1);
    Collectives c = m.collectives();
    CollectiveResult r = run(m, s -> c.start(Algorithm.RECURSIVE_DOUBLING, 8, true, s));
    assertEquals(3, r.networkRounds());
    assertEquals(8 * 3, r.messages());
    // Every partner is one hop away. overhead 500, then per round an immediate message: send_call
    // 900 + inject 400, fetch 50 + hop 40 + 72 B packet (8 B + 16 B envelope) 36 + deposit 50,
    // poll 550 + match 660 + copy 2 + recv_complete 800 = 3488, and combine 8 B at 4 GB/s 2.
    assertEquals(Time.ns(500 + 3 * 3490), r.latencyPs(), Time.ns(1));
    TestNodes.Partition big = partition("4x4x4x4x2", 1);
    Collectives cb = big.collectives();
    CollectiveResult rb = run(big, s -> cb.start(Algorithm.RECURSIVE_DOUBLING, 8, true, s));
    assertEquals(9, rb.networkRounds());
    assertEquals(512 * 9, rb.messages());
  }

  @Test
  void binomialReducesThenBroadcasts() {
    TestNodes.Partition m = partition("2x2x2x1x1", 1);
    Collectives c = m.collectives();
    CollectiveResult r = run(m, s -> c.start(Algorithm.BINOMIAL, 8, true, s));
    assertEquals(6, r.networkRounds());
    assertEquals(7 + 7, r.messages());
    // One immediate message takes 3488 (send 1300 on the sender's thread to the receive 2012 on
    // the receiver's). Reduce: a parent combines its k children's buffers at once, k x 2, when the
    // last has been taken; the longest chain is 7 -> 6 -> 4 -> 0 with 1, 2 and 3 children: 3 x
    // 3488 + (1 + 2 + 3) x 2. Broadcast: 0 -> 4 -> 6 -> 7, each the first child of its parent, 3 x
    // 3488 (later children start 1300 ns apart but have shorter chains: 0 -> 1 ends at 2600 +
    // 3488).
    assertEquals(Time.ns(500 + 3 * 3488 + 12 + 3 * 3488), r.latencyPs(), Time.ns(1));
  }

  @Test
  void barrierAndBroadcast() {
    TestNodes.Partition m = partition("2x2x2x1x1", 1);
    Collectives c = m.collectives();
    // A barrier is 3 rounds of 0 B immediate messages: 1300 + 50 + 40 + 36 (the 16 B envelope
    // in a 72 B packet) + 50 + 550 + 660 + 800 = 3486.
    CollectiveResult barrier = run(m, s -> c.start(Algorithm.RECURSIVE_DOUBLING, 0, false, s));
    assertEquals(Time.ns(500 + 3 * 3486), barrier.latencyPs(), Time.ns(1));
    TestNodes.Partition m2 = partition("2x2x2x1x1", 1);
    Collectives c2 = m2.collectives();
    CollectiveResult bcast = run(m2, s -> c2.broadcast(8, s));
    assertEquals(Time.ns(500 + 3 * 3488), bcast.latencyPs(), Time.ns(1));
    assertEquals(7, bcast.messages());
    // Class route broadcast on 2x2x2x1x1: depth 3, 3 x 40 + 36 for a 72 B packet, fetch,
    // deposit, completion.
    assertEquals(
        Time.ns(500 + 50 + 3 * 40 + 36 + 50 + 300), c.classRoute("broadcast", 8).latencyPs());
  }

  @Test
  void pointToPointRunsOnAnyNodeCount() {
    // 6 nodes: recursive doubling among 4, leaders 4 and 5 hand their buffers to 0 and 1 first
    // and take the result back: 2 rounds + 2 steps, 4 x 2 + 2 + 2 messages
    TestNodes.Partition m = partition("3x2x1x1x1", 1);
    Collectives c = m.collectives();
    CollectiveResult rd = run(m, s -> c.start(Algorithm.RECURSIVE_DOUBLING, 8, true, s));
    assertEquals(4, rd.networkRounds());
    assertEquals(4 * 2 + 2 + 2, rd.messages());
    // binomial: every node but the root sends to its parent once, and receives once
    TestNodes.Partition m2 = partition("3x2x1x1x1", 1);
    Collectives c2 = m2.collectives();
    CollectiveResult bin = run(m2, s -> c2.start(Algorithm.BINOMIAL, 8, true, s));
    assertEquals(5 + 5, bin.messages());
    // a non-power-of-two count costs more than the power of two below it, less than the one above
    TestNodes.Partition m4 = partition("2x2x1x1x1", 1);
    Collectives c4 = m4.collectives();
    CollectiveResult rd4 = run(m4, s -> c4.start(Algorithm.RECURSIVE_DOUBLING, 8, true, s));
    TestNodes.Partition m8 = partition("2x2x2x1x1", 1);
    Collectives c8 = m8.collectives();
    CollectiveResult rd8 = run(m8, s -> c8.start(Algorithm.RECURSIVE_DOUBLING, 8, true, s));
    assertTrue(rd.latencyPs() > rd4.latencyPs(), rd.latencyPs() + " vs " + rd4.latencyPs());
    assertTrue(rd.latencyPs() > rd8.latencyPs(), "the extra steps cost more than a round");
  }

  @Test
  void unknownFormsAreRejectedRatherThanRunAsAnother() {
    Collectives c = partition("2x2x2x1x1", 1).collectives();
    // A misspelt kind would otherwise be costed as an allreduce, a class route simulated as a
    // binomial tree.
    assertThrows(IllegalArgumentException.class, () -> c.classRoute("bcast", 8));
    assertThrows(
        IllegalArgumentException.class, () -> c.start(Algorithm.CLASSROUTE, 8, true, r -> {}));
  }
}
