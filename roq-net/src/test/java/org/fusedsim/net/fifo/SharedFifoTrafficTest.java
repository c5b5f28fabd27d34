package org.fusedsim.net.fifo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.mu.MessagingUnits;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.net.MuChannel;
import org.fusedsim.net.TestNodes;
import org.junit.jupiter.api.Test;

class SharedFifoTrafficTest {
  @Test
  void allowingConflictsBootsTheOriginalLayoutWithPamisGlobalFifosShared() {
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    FifoAllocation a = FifoAllocation.boot(t, FifoLayout.ORIGINAL, 16, true);
    int[] expected = new int[11];
    for (int i = 0; i < 11; i++) {
      expected[i] = 512 + i;
    }
    assertArrayEquals(expected, t.shared(FifoKind.INJECTION));
    assertArrayEquals(expected, a.pamiGlobalInjection());
    assertEquals("roq", t.owner(FifoKind.INJECTION, 512));
    assertEquals("pami", t.sharedWith(FifoKind.INJECTION, 512));
    assertNull(t.sharedWith(FifoKind.INJECTION, 488));
    // The normal path still refuses the same layout.
    assertThrows(
        FifoConflictException.class,
        () -> FifoAllocation.boot(new FifoOwnershipTable(0), FifoLayout.ORIGINAL, 16, false));
    FifoOwnershipTable f = new FifoOwnershipTable(0);
    FifoAllocation.boot(f, FifoLayout.FUSEDOS, 16, true);
    assertEquals(0, f.shared(FifoKind.INJECTION).length);
  }

  @Test
  void aDescriptorCollidesOnlyWhileTheOtherOwnerHasOneOutstanding() {
    TestNodes.Partition m =
        new TestNodes.Partition(
            TorusParams.defaults(), TestNodes.net(1, FifoLayout.ORIGINAL, true));
    MessagingUnits mu = m.mu();
    MuChannel roq = new MuChannel(mu, FifoAllocation.ROQ);
    MuChannel pami = new MuChannel(mu, FifoAllocation.PAMI);
    // Nodes 3 and 4 send to node 5, each stack into its own reception FIFO there. On every node
    // FIFO 512 is shared (RoQ first, PAMI's remote-get FIFO), 488 is RoQ's alone.
    int dst = 5;
    int roqRec = m.fifos(dst).roqReception()[0];
    int pamiRec = m.fifos(dst).pamiContextReception()[0];
    m.fifos(3);
    m.fifos(4);
    long[] seen = new long[2];
    int[] roqLeft = {3};
    Runnable roqDone =
        () -> {
          if (--roqLeft[0] == 0) {
            // 7: every RoQ descriptor on node 3's FIFO 512 is deposited.
            pami.send(3, 512, dst, pamiRec, 0, () -> {});
            seen[1] = mu.misdelivered();
          }
        };
    roq.send(3, 512, dst, roqRec, 65536, roqDone); // 1: nothing of PAMI's outstanding
    pami.send(
        3,
        512,
        dst,
        pamiRec,
        8192,
        () -> {
          // 6: PAMI's message is deposited, so it is no longer outstanding.
          roq.send(3, 512, dst, roqRec, 64, roqDone);
          seen[0] = mu.misdelivered();
        }); // 2: RoQ's 64 KiB outstanding: 8192 / 512 = 16 packets
    roq.send(3, 512, dst, roqRec, 1000, roqDone); // 3: PAMI's outstanding: 2 packets
    pami.send(4, 512, dst, pamiRec, 8192, () -> {}); // 4: node 4's FIFO: nothing of RoQ's there
    roq.send(3, 488, dst, roqRec, 512, () -> {}); // 5: unshared
    assertEquals(16 + 2, mu.misdelivered());
    m.run();
    assertEquals(16 + 2, seen[0]);
    assertEquals(16 + 2, seen[1]);
    assertEquals(16 + 2, mu.misdelivered());
    assertEquals(6, mu.sharedInjections());
    assertEquals(7, roq.messages() + pami.messages());
    assertEquals(11, mu.fifos(3).shared(FifoKind.INJECTION).length);
  }

  @Test
  void packetsAre512BytesOfPayloadAndAtLeastOne() {
    org.fusedsim.core.Simulation sim = new org.fusedsim.core.Simulation();
    MessagingUnits mu =
        new MessagingUnits(
            sim,
            org.fusedsim.bgq.torus.TorusNetwork.create(sim, TorusParams.defaults()),
            org.fusedsim.bgq.mu.MuParams.defaults());
    assertEquals(1, mu.packets(0));
    assertEquals(1, mu.packets(512));
    assertEquals(2, mu.packets(513));
    assertEquals(128, mu.packets(65536));
  }
}
