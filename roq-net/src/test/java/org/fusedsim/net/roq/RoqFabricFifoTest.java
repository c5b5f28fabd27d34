package org.fusedsim.net.roq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Time;
import org.fusedsim.net.TestNodes;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.pami.PamiNetwork;
import org.junit.jupiter.api.Test;

class RoqFabricFifoTest {
  @Test
  void roqMessagesCollideWithPamiOnlyOnASharedFifo() {
    TestNodes.Partition m =
        new TestNodes.Partition(
            TorusParams.defaults().withFidelity(Fidelity.FLOW),
            TestNodes.net(1, FifoLayout.ORIGINAL, true));
    RoqFabric f = m.roq();
    PamiNetwork pami = m.pami();
    // PAMI: rank 0 sends 8 KiB by rendezvous to its A+ neighbour, so the put leaves node 0 on the
    // remote-get FIFO of port 0, FIFO 512. It is injected at 4294 ns (RTS 1800 + 192, receiver
    // 2110, get 192) and outstanding until its last byte arrives, 50 + 40 + 4416 ns later.
    Torus t = m.hardware().torus();
    int peer = t.neighbor(0, 0);
    assertEquals(
        0,
        t.nextPortDimensionOrder(
            0, peer, t.directionMask(0, peer, m.hardware().network().params().tieBreak())));
    pami.expect(peer, 1, () -> {});
    pami.send(0, peer, 8192, () -> {}, () -> {});
    int io = m.hardware().ioEndpoint(0);
    // Original layout: RoQ's FIFOs are 488-523, so compute node d is reached on 488 + d mod 36;
    // PAMI shares 512-522. RoQ's messages leave at 5 us, while PAMI's put is outstanding.
    m.sim()
        .schedule(
            Time.us(5),
            () -> {
              f.move(0, 24, 1024, () -> {}); // FIFO 512: collides, 1024 / 512 = 2 packets
              f.move(0, 25, 1024, () -> {}); // FIFO 513: shared, but PAMI has nothing there
              f.move(0, 60, 1024, () -> {}); // FIFO 488 + 24 = 512 again: 2 more packets
              f.move(0, 1, 1024, () -> {}); // FIFO 489: RoQ's alone
              f.move(0, io, 4096, () -> {}); // IO FIFO 480: RoQ's alone
              f.move(1, 24, 1024, () -> {}); // node 1's FIFO 512: PAMI has nothing there
            });
    m.run();
    assertEquals(2 + 2, m.mu().misdelivered());
    assertEquals(6, f.bursts());
    // Every RoQ message has been delivered, so PAMI's next put on FIFO 512 meets nothing of
    // RoQ's.
    pami.expect(peer, 1, () -> {});
    pami.send(0, peer, 8192, () -> {}, () -> {});
    m.run();
    assertEquals(2 + 2, m.mu().misdelivered());
    // Descriptors on a shared FIFO: the two puts, RoQ's to 24, 25 and 60 from node 0 and to 24
    // from node 1. The requests-to-send, the gets and RoQ's other messages are on unshared FIFOs.
    assertEquals(6, m.mu().sharedInjections());
  }
}
