package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class ClassRouteTest {
  @Test
  void midplaneTreeDepthIsTheDiameterAndLatenciesFollowTheClosedForm() {
    TorusParams p = TorusParams.defaults();
    ClassRoute cr = new ClassRoute(new Torus(p.shape()), p, ClassRoute.defaults(), 0);
    assertEquals(9, cr.depth());
    // A 0 B packet is 40 B on the wire, 20 ns at 2 GB/s. Reduce: 9 levels x (store 20 + combine
    // 10 + hop 40); the one packet is already at the root. Broadcast: 9 hops + 20 by cut-through.
    // Allreduce: the reduce, then 9 hops down.
    assertEquals(Time.ns(9 * 70), cr.reduceLatency(0));
    assertEquals(Time.ns(9 * 40 + 20), cr.broadcastLatency(0));
    assertEquals(Time.ns(630 + 360), cr.allreduceLatency(0));
  }

  @Test
  void eachLevelCostsTheStoredPacketNotOnlyTheHop() {
    TorusParams small = TorusParams.defaults().withShape(TorusShape.parse("2x2x2x2x2"));
    TorusParams mid = TorusParams.defaults();
    ClassRoute a = new ClassRoute(new Torus(small.shape()), small, ClassRoute.defaults(), 0);
    ClassRoute b = new ClassRoute(new Torus(mid.shape()), mid, ClassRoute.defaults(), 0);
    assertEquals(5, a.depth());
    // An 8 B payload travels in a 72 B packet (36 ns): a level is 36 + 10 + 40 = 86 ns up, 40 down.
    assertEquals(Time.ns(86), b.reduceLevelPs(8));
    assertEquals(Time.ns(4 * (86 + 40)), b.allreduceLatency(8) - a.allreduceLatency(8));
    // A full 552 B packet is stored at each level: 276 + 10 + 40.
    assertEquals(Time.ns(326), b.reduceLevelPs(1 << 20));
  }

  @Test
  void anAllreduceSerializesItsMessageOnce() {
    TorusParams p = TorusParams.defaults();
    ClassRoute cr = new ClassRoute(new Torus(p.shape()), p, ClassRoute.defaults(), 0);
    // 1 MiB is 2,048 packets of 552 B: 565,248 ns on the wire, paid once however deep the tree.
    long wire = Time.ns(565_248);
    assertEquals(wire + 9 * Time.ns(326 + 40) - Time.ns(276), cr.allreduceLatency(1 << 20));
  }

  @Test
  void levelsBetweenMidplanesAddTheCable() {
    TorusParams p = TorusParams.defaults().withShape(TorusShape.parse("rack"));
    ClassRoute cr = new ClassRoute(new Torus(p.shape()), p, ClassRoute.defaults(), 0);
    TorusParams q = TorusParams.defaults().withShape(TorusShape.parse("4x4x4x4x2"));
    // A rack is two midplanes along D (8 nodes): the tree reaches the far midplane over one cable
    // level, 2 + 2 + 2 + 4 + 1 = 11 levels deep; up and down each add 63 ns.
    assertEquals(11, cr.depth());
    assertEquals(1, cr.cableLevels());
    assertEquals(
        0, new ClassRoute(new Torus(q.shape()), q, ClassRoute.defaults(), 0).cableLevels());
    assertEquals(Time.ns(11 * (86 + 40) + 2 * 63), cr.allreduceLatency(8));
  }

  @Test
  void acrossMiraTheZeroLoadHeadLatencyFollowsThePublishedFigure() {
    Torus mira = new Torus(TorusShape.parse("mira"));
    TorusParams p = TorusParams.defaults();
    int far = mira.antipode(0);
    // 27 hops, 6 of them over cables (A: 1, B: 1, C: 2, D: 2).
    assertEquals(27, mira.distance(0, far));
    assertEquals(6, mira.cableHops(0, far));
    // Beyond the neighbour: 26 more hops at 40 ns and 6 cables at 63 ns = 1,418 ns, against 1,500
    // - 80 = 1,420 ns published.
    long extra = p.closedFormLatency(0, 27, 6) - p.closedFormLatency(0, 1, 0);
    assertEquals(Time.ns(1418), extra);
  }

  @Test
  void meshDimensionsDeepenTheTree() {
    TorusParams p = TorusParams.defaults().withShape(TorusShape.parse("midplane").withMesh("ABCD"));
    // From a corner of a 4-node mesh, 3 hops per mesh dimension, 1 in E.
    assertEquals(
        3 * 4 + 1, new ClassRoute(new Torus(p.shape()), p, ClassRoute.defaults(), 0).depth());
  }
}
