package org.fusedsim.bgq.mu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FifoOwnershipTableTest {
  @Test
  void claimSharedRecordsBothOwnersWhereClaimThrows() {
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    t.claim(FifoKind.INJECTION, new int[] {10, 11}, "roq");
    assertThrows(
        FifoConflictException.class, () -> t.claim(FifoKind.INJECTION, new int[] {11, 12}, "pami"));
    assertNull(t.owner(FifoKind.INJECTION, 12), "a refused claim claims nothing");
    assertArrayEquals(
        new int[] {11}, t.claimShared(FifoKind.INJECTION, new int[] {11, 12}, "pami"));
    assertEquals("roq", t.owner(FifoKind.INJECTION, 11));
    assertEquals("pami", t.sharedWith(FifoKind.INJECTION, 11));
    assertEquals("pami", t.owner(FifoKind.INJECTION, 12));
    assertNull(t.sharedWith(FifoKind.INJECTION, 12));
    assertArrayEquals(new int[] {11}, t.shared(FifoKind.INJECTION));
    assertThrows(
        IllegalStateException.class,
        () -> t.claimShared(FifoKind.INJECTION, new int[] {11}, "system"),
        "a third owner is refused");
    t.release(FifoKind.INJECTION, 11, "roq");
    assertEquals("pami", t.owner(FifoKind.INJECTION, 11));
    assertEquals(0, t.shared(FifoKind.INJECTION).length);
  }
}
