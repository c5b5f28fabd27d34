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
    // 9 levels x (40 ns hop + 10 ns combine) + one 40 B packet at 0.5 ns/B.
    assertEquals(Time.ns(9 * 50 + 20), cr.reduceLatency(0));
    assertEquals(Time.ns(9 * 40 + 20), cr.broadcastLatency(0));
    assertEquals(Time.ns(470 + 380), cr.allreduceLatency(0));
  }

  @Test
  void meshDimensionsDeepenTheTree() {
    TorusParams p = TorusParams.defaults().withShape(TorusShape.parse("midplane").withMesh("ABCD"));
    // From a corner of a 4-node mesh, 3 hops per mesh dimension, 1 in E.
    assertEquals(
        3 * 4 + 1, new ClassRoute(new Torus(p.shape()), p, ClassRoute.defaults(), 0).depth());
  }
}
