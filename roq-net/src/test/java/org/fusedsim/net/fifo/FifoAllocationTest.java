package org.fusedsim.net.fifo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.junit.jupiter.api.Test;

class FifoAllocationTest {
  private static int[] range(int first, int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = first + i;
    }
    return r;
  }

  @Test
  void fusedosLayoutBootsWithoutConflict() {
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    FifoAllocation a = FifoAllocation.boot(t, FifoLayout.FUSEDOS, 16);
    // Subgroup s holds injection FIFOs 8s..8s+7 and reception FIFOs 4s..4s+3.
    assertArrayEquals(range(59 * 8, 36), a.roqInjection());
    assertArrayEquals(range(59 * 4, 2), a.roqReception());
    assertArrayEquals(range(58 * 8, 2), a.roqIoInjection());
    assertArrayEquals(range(58 * 4, 2), a.roqIoReception());
    assertArrayEquals(range(64 * 8, 11), a.pamiGlobalInjection());
    assertEquals(10, a.injectionPerContext());
    assertArrayEquals(range(0, 10), a.pamiContextInjection()[0]);
    assertArrayEquals(range(150, 10), a.pamiContextInjection()[15]);
    assertArrayEquals(range(0, 16), a.pamiContextReception());
    // 272 reception FIFOs minus the system's 8 (subgroups 66-67) and RoQ's 4.
    assertEquals(272 - 8 - 4, a.pamiReceptionTotal());
    assertEquals(0, t.free(FifoKind.RECEPTION).length);
    assertEquals("roq", t.owner(FifoKind.INJECTION, 472));
    assertEquals("pami", t.owner(FifoKind.INJECTION, 522));
    assertEquals("system", t.owner(FifoKind.INJECTION, 543));
    assertNull(t.owner(FifoKind.INJECTION, 523));
  }

  @Test
  void sixtyFourRanksShareTheirInjectionFifosAmongDirections() {
    FifoAllocation a = FifoAllocation.boot(new FifoOwnershipTable(0), FifoLayout.FUSEDOS, 64);
    // Free injection FIFOs in subgroups 0-63: 512 - RoQ's 36 + 2 = 474; 474 / 64 = 7 each.
    assertEquals(7, a.injectionPerContext());
    assertEquals(a.pamiContextInjection()[3][2], a.injectionFifo(3, 9));
  }

  @Test
  void originalLayoutConflictsNamingBothOwnersAndTheIds() {
    FifoConflictException e =
        assertThrows(
            FifoConflictException.class,
            () -> FifoAllocation.boot(new FifoOwnershipTable(7), FifoLayout.ORIGINAL, 16));
    assertEquals("roq", e.owner());
    assertEquals("pami", e.claimant());
    assertEquals(512, e.fifoId());
    // RoQ's 36 injection FIFOs from subgroup 61 are 488-523: PAMI's 512-522 all collide.
    assertTrue(
        e.getMessage().startsWith("node 7: injection FIFO 512 (subgroup 64)"), e.getMessage());
    assertTrue(e.getMessage().contains("512 owned by 'roq'"), e.getMessage());
    assertTrue(e.getMessage().contains("522 owned by 'roq')"), e.getMessage());
  }

  @Test
  void tooManyContextsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FifoAllocation.boot(new FifoOwnershipTable(0), FifoLayout.FUSEDOS, 300));
  }
}
