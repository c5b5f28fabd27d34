package org.fusedsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantityTypesTest {
  @Test
  void sizes() {
    assertEquals(192L << 20, DataSize.parse("192MiB").bytes());
    assertEquals(2_000_000_000L, DataSize.parse("2GB").bytes());
    assertEquals(512, DataSize.parse("512B").bytes());
    assertEquals(64 * 1024, DataSize.parse("64KiB").bytes());
    assertEquals("192MiB", DataSize.parse("192MiB").toString());
    assertThrows(UnitException.class, () -> DataSize.parse("192"));
    assertThrows(UnitException.class, () -> DataSize.parse("192Mb"));
    assertThrows(UnitException.class, () -> DataSize.parse("0.5B"));
  }

  @Test
  void frequencies() {
    Frequency f = Frequency.parse("1.6GHz");
    assertEquals(1_600_000_000L, f.hertz());
    assertEquals(Time.BGQ_CYCLE, f.periodPs());
    assertEquals(10 * Time.MS, Frequency.parse("100Hz").periodPs());
    assertThrows(UnitException.class, () -> Frequency.parse("1.6"));
    assertThrows(UnitException.class, () -> Frequency.parse("0Hz"));
  }

  @Test
  void bandwidths() {
    Bandwidth b = Bandwidth.parse("2GB/s");
    assertEquals(2_000_000_000L, b.bytesPerSecond());
    assertEquals(500, b.transferTime(1), "2 GB/s is 500 ps per byte");
    assertEquals(Time.ns(272), b.transferTime(544));
    assertEquals(1L << 30, Bandwidth.parse("1GiB/s").bytesPerSecond());
    assertThrows(UnitException.class, () -> Bandwidth.parse("2GB"));
    assertThrows(UnitException.class, () -> Bandwidth.parse("2"));
  }

  @Test
  void transferTimeRoundsUpWhenInexact() {
    Bandwidth b = new Bandwidth(3);
    // 1 byte at 3 B/s is 333,333,333,333.33 ps: never faster than the rate.
    assertEquals(333_333_333_334L, b.transferTime(1));
    assertEquals(Time.S, b.transferTime(3));
  }
}
