package org.fusedsim.net.fifo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
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
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    FifoAllocation.boot(t, FifoLayout.ORIGINAL, 1, true);
    SharedFifoTraffic s = new SharedFifoTraffic(t);
    // Node 3, shared FIFO 512; unshared FIFO 488 (RoQ only).
    assertFalse(s.inject(3, 512, "roq", 65536)); // 1: nothing of PAMI's outstanding
    assertTrue(s.inject(3, 512, "pami", 8192)); // 2: RoQ's burst outstanding: 16 packets
    assertTrue(s.inject(3, 512, "roq", 1000)); // 3: PAMI's put outstanding: 2 packets
    assertFalse(s.inject(4, 512, "pami", 8192)); // 4: another node's FIFO: nothing there
    assertFalse(s.inject(3, 488, "roq", 512)); // 5: unshared
    s.complete(3, 512, "pami");
    assertFalse(s.inject(3, 512, "roq", 64)); // 6: PAMI's put is done
    s.complete(3, 512, "roq");
    s.complete(3, 512, "roq");
    s.complete(3, 512, "roq");
    assertFalse(s.inject(3, 512, "pami", 0)); // 7: RoQ has nothing outstanding
    assertEquals(16 + 2, s.misdelivered());
    assertEquals(6, s.sharedInjections());
    assertEquals(11, s.sharedFifos());
  }

  @Test
  void packetsAre512BytesOfPayloadAndAtLeastOne() {
    assertEquals(1, SharedFifoTraffic.packets(0));
    assertEquals(1, SharedFifoTraffic.packets(512));
    assertEquals(2, SharedFifoTraffic.packets(513));
    assertEquals(128, SharedFifoTraffic.packets(65536));
  }
}
