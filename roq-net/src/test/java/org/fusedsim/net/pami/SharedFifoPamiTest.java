package org.fusedsim.net.pami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.net.TestNodes;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.roq.RoqFabric;
import org.junit.jupiter.api.Test;

class SharedFifoPamiTest {
  /** Returns the packets misdelivered, and checks the rendezvous and RoQ's bursts completed. */
  private static long rendezvousBesideRoq(FifoLayout layout) {
    TestNodes.Partition m =
        new TestNodes.Partition(
            TorusParams.defaults().withFidelity(Fidelity.FLOW), TestNodes.net(1, layout, true));
    RoqFabric roq = m.roq();
    // RoQ sends a 64 KiB burst from node 0 to each of nodes 24-33, on its injection FIFO 488 +
    // (d mod 36) in the original layout: 512-521, every one of PAMI's remote-get FIFOs, so
    // whichever torus direction PAMI's put takes, a RoQ burst is outstanding there (each takes
    // over 35 us to cross; the put is injected about 1.4 us in). In the FusedOS layout the same
    // bursts go on 472 + (d mod 36), RoQ's own.
    int[] deposited = {0};
    for (int d = 24; d < 34; d++) {
      roq.move(0, d, 65536, () -> deposited[0]++);
    }
    Torus t = m.hardware().torus();
    int peer = 1;
    while (t.distance(0, peer) != 1) {
      peer++;
    }
    boolean[] received = {false};
    m.pami().expect(peer, 1, () -> received[0] = true);
    m.pami().send(0, peer, 8192, () -> {}, () -> {});
    m.run();
    assertTrue(received[0]);
    assertEquals(10, deposited[0]);
    assertEquals(1, m.pami().rendezvousMessages());
    return m.mu().misdelivered();
  }

  @Test
  void aRendezvousPutOnASharedRemoteGetFifoIsMisdelivered() {
    // The request-to-send goes on the context's FIFO (unshared), the receiver's get on its
    // context's FIFO; the 8 KiB put goes on node 0's remote-get FIFO, which RoQ also uses while
    // its burst is outstanding: 8192 / 512 = 16 packets. RoQ's bursts went in first, when PAMI
    // had nothing outstanding.
    assertEquals(16, rendezvousBesideRoq(FifoLayout.ORIGINAL));
    // In the FusedOS layout no FIFO is shared, so nothing is misdelivered.
    assertEquals(0, rendezvousBesideRoq(FifoLayout.FUSEDOS));
  }
}
