package org.fusedsim.scenarios.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitTest {
  private static Unit u(String s) {
    return Unit.parse(s).orElseThrow();
  }

  @Test
  void convertsWithinADimension() {
    assertEquals(6000, u("ns").convert(6, u("us")), 1e-9);
    assertEquals(2.5, u("ms").convert(2500, u("us")), 1e-12);
    assertEquals(1024, u("B").convert(1, u("KiB")), 0);
    assertEquals(1.048576, u("MB").convert(1, u("MiB")), 1e-12);
    // 1 GB/s = 1e9 B/s = 1e9 / 2^20 MiB/s.
    assertEquals(1e9 / 1048576, u("MiB/s").convert(1, u("GB/s")), 1e-9);
    assertEquals(1000, u("events/us").convert(1, u("events/ns")), 1e-9);
    assertEquals(0.05, u("1").convert(5, u("%")), 1e-15);
  }

  @Test
  void refusesAcrossDimensions() {
    assertFalse(u("ns").convertibleFrom(u("B")));
    assertFalse(u("events").convertibleFrom(u("samples")));
    assertFalse(u("GB/s").convertibleFrom(u("events/us")));
    assertTrue(u("events").convertibleFrom(u("events")));
    assertTrue(Unit.parse("m/s/s").isEmpty());
    assertTrue(Unit.parse("3x").isEmpty());
  }
}
