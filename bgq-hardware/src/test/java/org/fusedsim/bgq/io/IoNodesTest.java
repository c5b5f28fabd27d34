package org.fusedsim.bgq.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ParamValues;
import org.junit.jupiter.api.Test;

class IoNodesTest {
  private final Torus mid = new Torus(TorusShape.parse("midplane"));

  @Test
  void defaultRatioGivesFourIoNodesPerMidplaneEachServingItsOwnASlice() {
    IoNodes io = new IoNodes(mid, IoParams.defaults());
    assertEquals(512 / 128, io.ioNodeCount());
    // Ranks in ABCDE order: a block of 128 is one A coordinate (strides A=128, B=32). The bridge
    // of block i is its middle rank i*128 + 64 = (i,2,0,0,0); only the A term of the distance
    // depends on which bridge, and it is 0 for the node's own block alone.
    for (int i = 0; i < 4; i++) {
      assertEquals(mid.rank(i, 2, 0, 0, 0), io.bridgeNode(i));
    }
    for (int r = 0; r < 512; r++) {
      assertEquals(mid.coord(r, 0), io.nearestIoNode(r), mid.name(r));
    }
  }

  @Test
  void fusedOsRatioOf32GivesSixteenIoNodes() {
    IoParams p =
        IoParams.from(ParamValues.builder(IoParams.SPEC).set("compute_per_io", 32L).build());
    IoNodes io = new IoNodes(mid, p);
    assertEquals(16, io.ioNodeCount());
    for (int r = 0; r < 512; r++) {
      // Blocks of 32 are one (a, b) pair.
      assertEquals(mid.coord(r, 0) * 4 + mid.coord(r, 1), io.nearestIoNode(r));
    }
  }

  @Test
  void latencyToIoAddsHopsAndTheIoLink() {
    IoParams p = new IoParams(128, Bandwidth.ofGBps(2), Time.ns(100));
    IoNodes io = new IoNodes(mid, p);
    int r = mid.rank(0, 0, 0, 0, 0); // 2 hops from its bridge (0,2,0,0,0)
    assertEquals(2, io.hopsToBridge(r));
    // 2 x 40 ns + 100 ns + (32 + 512 + 8) B x 0.5 ns/B
    assertEquals(Time.ns(80 + 100 + 276), io.latencyToIo(r, 512, TorusParams.defaults()));
  }
}
