package org.fusedsim.net.roq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.fifo.SharedFifoTraffic;
import org.junit.jupiter.api.Test;

class RoqFabricFifoTest {
  @Test
  void roqMessagesCollideWithPamiOnlyOnASharedFifo() {
    Simulation sim = new Simulation();
    TorusParams tp = TorusParams.defaults();
    TorusNetwork net = TorusNetwork.create(sim, tp);
    IoParams iop = IoParams.defaults();
    IoNodes io = new IoNodes(new Torus(tp.shape()), iop);
    RoqFabric f = new RoqFabric(sim, net, io, iop, RoqParams.defaults(), TcpParams.defaults());
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    FifoAllocation a = FifoAllocation.boot(t, FifoLayout.ORIGINAL, 16, true);
    SharedFifoTraffic traffic = new SharedFifoTraffic(t);
    f.accountFifos(a, traffic);
    // Original layout: RoQ's FIFOs are 488-523, so compute node d is reached on 488 + d mod 36;
    // PAMI shares 512-522. PAMI has one put outstanding on FIFO 512 of node 0.
    traffic.inject(0, 512, FifoAllocation.PAMI, 8192);
    f.move(0, 24, 1024, () -> {}); // FIFO 512: collides, 1024 / 512 = 2 packets
    f.move(0, 25, 1024, () -> {}); // FIFO 513: shared, but PAMI has nothing there
    f.move(0, 60, 1024, () -> {}); // FIFO 488 + 24 = 512 again: 2 more packets
    f.move(0, 1, 1024, () -> {}); // FIFO 489: RoQ's alone
    f.move(0, f.ioEndpoint(0), 4096, () -> {}); // IO FIFO 480: RoQ's alone
    f.move(1, 24, 1024, () -> {}); // node 1's FIFO 512: PAMI has nothing there
    sim.run();
    // Every RoQ message has been delivered, so PAMI's next descriptor meets nothing of RoQ's.
    traffic.inject(0, 512, FifoAllocation.PAMI, 64);
    assertEquals(2 + 2, traffic.misdelivered());
  }
}
