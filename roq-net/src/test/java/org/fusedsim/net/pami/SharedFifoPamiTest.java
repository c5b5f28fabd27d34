package org.fusedsim.net.pami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.SharedFifoTraffic;
import org.junit.jupiter.api.Test;

class SharedFifoPamiTest {
  private static long rendezvousBesideRoq(FifoLayout layout) {
    MpiSetup s = MpiSetup.defaults(TorusParams.defaults().withFidelity(Fidelity.FLOW));
    s = s.withPami(s.pami().withRanksPerNode(1));
    Simulation sim = new Simulation();
    PamiNetwork p =
        new PamiNetwork(sim, TorusNetwork.create(sim, s.torus()), s.mu(), s.pami(), layout, true);
    SharedFifoTraffic traffic = p.fifoTraffic();
    // RoQ holds one burst outstanding on each of PAMI's remote-get FIFOs of node 0 (its own FIFOs
    // too in the original layout), so whichever torus direction the put takes, RoQ is there.
    for (int fifo : p.allocation().pamiGlobalInjection()) {
      traffic.inject(0, fifo, FifoAllocation.ROQ, 65536);
    }
    Torus t = new Torus(s.torus().shape());
    int peer = 1;
    while (t.distance(0, peer) != 1) {
      peer++;
    }
    p.send(0, peer, 8192, () -> {});
    sim.run();
    return traffic.misdelivered();
  }

  @Test
  void aRendezvousPutOnASharedRemoteGetFifoIsMisdelivered() {
    // The request-to-send goes on the context's FIFO (unshared); the 8 KiB put goes on a
    // remote-get FIFO that RoQ also uses while its burst is outstanding: 8192 / 512 = 16 packets.
    assertEquals(16, rendezvousBesideRoq(FifoLayout.ORIGINAL));
    // In the FusedOS layout no FIFO is shared, so nothing is misdelivered.
    assertEquals(0, rendezvousBesideRoq(FifoLayout.FUSEDOS));
  }
}
