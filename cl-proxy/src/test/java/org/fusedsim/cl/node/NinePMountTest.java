package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class NinePMountTest {
  private final NodeConfig cfg = NodeConfig.defaults(new RandomStreams(1, 0));
  private static final long MIB = 1 << 20;

  /** Time of one 1 MiB write of an SPC thread to {@code path}; the mount's requests in [1]. */
  private long[] writeFromSpc(String path) {
    Simulation sim = new Simulation();
    FusedosNode node = new FusedosNode(sim, cfg);
    NinePMount mount = NinePMount.attach(sim, IoSetup.defaults(TorusParams.defaults()), 0);
    node.mount("/gpfs", mount);
    long[] out = {-1, 0};
    Timeline tl = new Timeline();
    node.boot(
        new Runnable[] {
          () -> {
            long start = sim.now();
            node.syscall(
                0, new Syscall("write", 3, path, MIB), tl, r -> out[0] = sim.now() - start);
          }
        });
    sim.runUntil(Time.s(10));
    out[1] = mount.client().requests();
    return out;
  }

  /** The same write by a bare v9fs client on node 0, no FusedOS offload path. */
  private static long bareClient() {
    Simulation sim = new Simulation();
    NinePMount m = NinePMount.attach(sim, IoSetup.defaults(TorusParams.defaults()), 0);
    long[] at = {-1};
    m.complete(org.fusedsim.fusedosfs.FsOp.WRITE, "/gpfs/f", MIB, r -> at[0] = sim.now());
    sim.run();
    return at[0];
  }

  @Test
  void clDelegatedWritesUnderTheMountGoThroughNineP() {
    long[] nineP = writeFromSpc("/gpfs/out");
    long[] local = writeFromSpc("/tmp/out");
    // msize 64 KiB: iounit 65,512 B, so 1 MiB takes ceil(1,048,576 / 65,512) = 17 Twrites.
    assertEquals(17, nineP[1]);
    assertEquals(0, local[1]);
    long bare = bareClient();
    // The SPC's call pays the offload path (a few us) on top of the bare 9P exchange, which is
    // slower than the in-memory file system's copy of the same 1 MiB.
    assertTrue(nineP[0] > bare, nineP[0] + " <= " + bare);
    assertTrue(nineP[0] - bare < Time.us(50), "offload overhead " + (nineP[0] - bare));
    assertTrue(local[0] < nineP[0], "memfs write " + local[0]);
  }
}
