package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import org.fusedsim.cl.fusedos.FusedosNode;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.machine.TestMachines;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class NinePMountTest {
  private static final long MIB = 1 << 20;

  /** {@code /gpfs} comes from the IO node over 9P; {@code /tmp} is the node's own memory. */
  private static final ImmutableMap<String, Boolean> MOUNTS =
      ImmutableMap.of("/gpfs", true, "/tmp", false);

  private static Machine machine(Simulation sim) {
    return TestMachines.machine(sim, "fusedos", Map.of(), MOUNTS);
  }

  /**
   * Time of one 1 MiB write of an SPC thread to {@code path}; [1] the 9P requests of the node's
   * client, [2] the IO nodes built.
   */
  /** Computing before the write, so that both start on a node whose launch is over. */
  private static final long QUIET = Time.us(100);

  private static long[] writeFromSpc(String path) {
    Simulation sim = new Simulation();
    Machine m = machine(sim);
    NodeOs node = m.node(0);
    long[] out = {-1, 0, 0};
    node.boot(
        new Runnable[] {
          // after a little computing, when CL's launch is over and its pthreads sleep
          () ->
              node.compute(
                  0,
                  QUIET,
                  () -> {
                    long start = sim.now();
                    node.syscall(
                        0,
                        new Syscall("write", 3, path, MIB),
                        new Timeline(),
                        r -> out[0] = sim.now() - start);
                  })
        });
    sim.runUntil(Time.s(10));
    out[2] = m.builtIoNodes().size();
    out[1] = out[2] == 0 ? 0 : m.ninep(0).requests();
    return out;
  }

  /**
   * The same write made by a Linux task on the node's GPCs straight through its VFS: the 9P client
   * without the FusedOS offload path (no trap, IPI, CL wakeup or system call of CL's).
   */
  private static long fromGpc() {
    Simulation sim = new Simulation();
    FusedosNode node = (FusedosNode) machine(sim).node(0);
    LinuxKernel k = node.kernel();
    long[] took = {-1};
    node.boot(
        new Runnable[] {
          () ->
              node.compute(
                  0,
                  QUIET,
                  () -> {
                    Task t = k.spawn("writer", node.gpcs());
                    k.wake(
                        t,
                        -1,
                        () -> {
                          long start = sim.now();
                          node.vfs()
                              .perform(
                                  k,
                                  t,
                                  FsOp.WRITE,
                                  "/gpfs/f",
                                  MIB,
                                  r -> {
                                    took[0] = sim.now() - start;
                                    k.block(t);
                                  });
                        });
                  })
        });
    sim.runUntil(Time.s(10));
    return took[0];
  }

  @Test
  void clDelegatedWritesUnderTheMountGoThroughNineP() {
    long[] nineP = writeFromSpc("/gpfs/out");
    long[] local = writeFromSpc("/tmp/out");
    // msize 64 KiB: iounit 65,512 B, so 1 MiB takes ceil(1,048,576 / 65,512) = 17 Twrites.
    assertEquals(17, nineP[1]);
    assertEquals(1, nineP[2]);
    // the memory file system never reaches the IO node, which is then never built
    assertEquals(0, local[2]);
    long bare = fromGpc();
    assertTrue(bare > 0, "the GPC write did not finish");
    // The SPC's call pays the offload path (a few us) on top of the same 9P exchange, which is
    // slower than the in-memory file system's copy of the same 1 MiB.
    assertTrue(nineP[0] > bare, nineP[0] + " <= " + bare);
    assertTrue(nineP[0] - bare < Time.us(50), "offload overhead " + (nineP[0] - bare));
    assertTrue(local[0] < nineP[0], "memfs write " + local[0]);
  }
}
