package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RoutingTest {
  private final Torus mid = new Torus(TorusShape.parse("midplane"));

  /** Torus distance written out independently of the model: min(|d|, n - |d|) per dimension. */
  private static int handDistance(Torus t, int a, int b, boolean torus) {
    int h = 0;
    for (int d = 0; d < 5; d++) {
      int n = t.shape().size(d);
      int diff = Math.abs(t.coord(a, d) - t.coord(b, d));
      h += torus ? Math.min(diff, n - diff) : diff;
    }
    return h;
  }

  @Test
  void coordinatesAndRanksRoundTrip() {
    int r = mid.rank(1, 2, 3, 0, 1);
    assertEquals(((((1 * 4 + 2) * 4 + 3) * 4 + 0) * 2 + 1), r);
    assertEquals("(1,2,3,0,1)", mid.name(r));
    assertEquals(512 * 10, mid.linkCount());
  }

  @Test
  void everyRouteIsMinimalAndInDimensionOrder() {
    for (TieBreak tie : TieBreak.values()) {
      for (int s = 0; s < mid.nodeCount(); s += 7) {
        for (int t = 0; t < mid.nodeCount(); t += 5) {
          int[] route = mid.route(s, t, tie);
          assertEquals(handDistance(mid, s, t, true), route.length);
          int cur = s;
          int lastDim = -1;
          for (int link : route) {
            assertEquals(cur, link / Torus.PORTS);
            int dim = (link % Torus.PORTS) / 2;
            assertTrue(dim >= lastDim, "dimension order violated");
            lastDim = dim;
            cur = mid.linkTarget(link);
          }
          assertEquals(t, cur);
        }
      }
    }
  }

  @Test
  void meshRoutesNeverWrap() {
    Torus mesh = new Torus(TorusShape.parse("midplane").withMesh("ABCD"));
    int a = mesh.rank(0, 0, 0, 0, 0);
    int b = mesh.rank(3, 3, 3, 3, 1);
    // In a mesh, 0 -> 3 takes three hops instead of one the short way round.
    assertEquals(3 + 3 + 3 + 3 + 1, mesh.route(a, b, TieBreak.PLUS).length);
    assertEquals(1 + 1 + 1 + 1 + 1, mid.route(a, mid.rank(3, 3, 3, 3, 1), TieBreak.PLUS).length);
    assertEquals(-1, mesh.neighbor(a, 1)); // A- at the edge of a mesh: no link
    for (int s = 0; s < mesh.nodeCount(); s += 11) {
      for (int t = 0; t < mesh.nodeCount(); t += 13) {
        int dist = 0;
        for (int d = 0; d < 5; d++) {
          int diff = Math.abs(mesh.coord(s, d) - mesh.coord(t, d));
          dist += d < 4 ? diff : Math.min(diff, 2 - diff);
        }
        assertEquals(dist, mesh.route(s, t, TieBreak.PLUS).length);
      }
    }
  }

  @Test
  void shortestDirectionIsTakenInEachTorusDimension() {
    Torus t = new Torus(TorusShape.of(8, 1, 1, 1, 1));
    int[] r = t.route(t.rank(1, 0, 0, 0, 0), t.rank(7, 0, 0, 0, 0), TieBreak.PLUS);
    assertEquals(2, r.length);
    assertEquals(1, r[0] % Torus.PORTS); // A- : 1 -> 0 -> 7
    int[] tie = t.route(t.rank(1, 0, 0, 0, 0), t.rank(5, 0, 0, 0, 0), TieBreak.SOURCE_PARITY);
    assertEquals(1, tie[0] % Torus.PORTS); // odd source goes minus on a tie
  }
}
