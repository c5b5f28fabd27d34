package org.fusedsim.bgq.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLayoutTest {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  @Test
  void fusedOsGivesSixtySpcChunksOf192MiBFromOneGiB() {
    MemoryLayout l = MemoryLayout.fusedOs(MemoryParams.defaults(), 60);
    assertEquals(0, l.get("linux").base());
    assertEquals(15 * GIB, l.get("linux").size());
    assertEquals(15 * GIB, l.get("roq").base());
    assertEquals(GIB, l.get("roq").size());
    assertEquals(GIB, l.get("spc00").base());
    assertEquals(GIB + 59 * 192 * MIB, l.get("spc59").base());
    // 60 x 192 MiB = 11.25 GiB, ending at 12.25 GiB.
    assertEquals(GIB + 45 * GIB / 4, l.get("spc59").end());
    assertTrue(l.get("monitor_config").end() <= GIB);
    List<Region> rs = l.regions();
    for (int i = 0; i < rs.size(); i++) {
      for (int j = i + 1; j < rs.size(); j++) {
        Region a = rs.get(i);
        Region b = rs.get(j);
        boolean nested = a.name().equals(b.parent()) || b.name().equals(a.parent());
        assertFalse(!nested && a.overlaps(b), a + " overlaps " + b);
      }
    }
    // Linux keeps 15 GiB - 11.25 GiB - 16 MiB of monitor areas, the "~3.75 GiB" of the facts.
    assertEquals(15 * GIB - 45 * GIB / 4 - 16 * MIB, l.unclaimed("linux"));
  }

  @Test
  void tooManySpcThreadsRunIntoRoq() {
    MemoryLayoutException e =
        assertThrows(
            MemoryLayoutException.class, () -> MemoryLayout.fusedOs(MemoryParams.defaults(), 75));
    assertTrue(e.getMessage().contains("spc74"), e.getMessage());
    assertTrue(e.getMessage().contains("does not fit inside linux"), e.getMessage());
  }

  @Test
  void overlappingSiblingsAreRejectedNamingBoth() {
    MemoryLayoutException e =
        assertThrows(
            MemoryLayoutException.class,
            () ->
                new MemoryLayout(
                    16 * GIB,
                    List.of(new Region("a", 0, 2 * GIB, null), new Region("b", GIB, GIB, null))));
    assertTrue(e.getMessage().startsWith("b [0x40000000"), e.getMessage());
    assertTrue(e.getMessage().contains("overlaps a [0x0"), e.getMessage());
  }

  @Test
  void cnkAndLinuxLayouts() {
    MemoryLayout c = MemoryLayout.cnk(MemoryParams.defaults(), 4);
    assertEquals(16 * MIB, c.get("process0").base());
    assertTrue(c.get("process3").end() <= 16 * GIB);
    assertEquals(0, c.get("process1").size() % MIB);
    assertEquals(16 * GIB, MemoryLayout.linux(MemoryParams.defaults()).get("linux").size());
  }
}
