package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class SysiodExchangeTest {
  @Test
  void aShippedStdoutWriteCrossesTheIoLinkInsteadOfTheStandIn() {
    NodeConfig cfg = NodeConfig.defaults(new RandomStreams(1, 0));
    Simulation sim = new Simulation();
    // One compute node per IO node: node 0 is its own bridge, so only the IO link is crossed.
    IoSetup s =
        IoSetup.defaults(TorusParams.defaults())
            .withIo(new IoParams(1, IoParams.defaults().linkBandwidth(), Time.ns(40)));
    SysiodExchange x = SysiodExchange.attach(sim, s, 0);
    CnkNode node = new CnkNode(sim, cfg, x);
    long[] took = {-1};
    node.boot(
        new Runnable[] {
          () -> {
            long start = sim.now();
            node.syscall(
                0,
                new Syscall("write", 1, "", 64),
                new Timeline(),
                r -> took[0] = sim.now() - start);
          }
        });
    sim.runUntil(Time.s(10));
    assertEquals(1, x.sysiod().calls());
    // cnk.syscall, then ship 1 us + 512 B request (552 B wire at 2 GB/s = 276 ns, + 40 ns link)
    // + sysiod 5 us + RDMA of 64 B (one 104 B packet = 52 ns, + 40 ns) + reply 316 ns; stdout
    // does not touch the file system.
    double expected = Time.toNanos(cfg.cnk().syscallPs()) + 1000 + 316 + 5000 + 52 + 40 + 316;
    assertEquals(expected, Time.toNanos(took[0]), 0.001);
  }
}
