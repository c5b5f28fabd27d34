package org.fusedsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeTest {
  @Test
  void helpersConvertToPicoseconds() {
    assertEquals(1L, Time.ps(1));
    assertEquals(40_000L, Time.ns(40));
    assertEquals(3_000_000L, Time.us(3));
    assertEquals(2_000_000_000L, Time.ms(2));
    assertEquals(1_000_000_000_000L, Time.s(1));
    assertEquals(625L, Time.cycles(1));
    assertEquals(1_600_000_000L * 625L, Time.s(1), "1.6e9 cycles are one second");
    assertEquals(Time.s(1), Time.cycles(1_600_000_000L));
  }

  @Test
  void overflowThrowsInsteadOfWrapping() {
    assertThrows(ArithmeticException.class, () -> Time.s(Long.MAX_VALUE / 1000));
    assertThrows(ArithmeticException.class, () -> Time.cycles(Long.MAX_VALUE / 100));
    assertThrows(ArithmeticException.class, () -> Time.add(Long.MAX_VALUE, 1));
    assertThrows(ArithmeticException.class, () -> Time.times(Time.s(1), 10_000_000L));
    assertThrows(ArithmeticException.class, () -> Time.scale(Long.MAX_VALUE / 2, 3.0));
  }

  @ParameterizedTest
  @CsvSource({
    "40ns, 40000",
    "625ps, 625",
    "1.5us, 1500000",
    "2ms, 2000000000",
    "1s, 1000000000000",
    "0.000001s, 1000000",
    "100cycles, 62500",
    "1 cycle, 625",
    "40 ns, 40000",
    "0ns, 0"
  })
  void parsesDurations(String text, long ps) {
    assertEquals(ps, Time.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"40", "40 furlongs", "ns", "", "-1ns", "0.1ps", "1e30s", "4O ns"})
  void rejectsBadDurations(String text) {
    assertThrows(UnitException.class, () -> Time.parse(text));
  }

  @Test
  void missingUnitIsNamedInTheMessage() {
    UnitException e = assertThrows(UnitException.class, () -> Time.parse("40"));
    assertEquals("missing unit in '40'", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 625, 40_000, 1_500_000, 123_456_789_012L, Long.MAX_VALUE - 1})
  void formatRoundTrips(long t) {
    assertEquals(t, Time.parse(Time.format(t)));
  }

  @Test
  void formatPicksAReadableUnit() {
    assertEquals("40ns", Time.format(Time.ns(40)));
    assertEquals("1.5us", Time.format(1_500_000));
    assertEquals("625ps", Time.format(625));
    assertEquals("never", Time.format(Time.NEVER));
  }

  @Test
  void scaleRoundsHalfUp() {
    assertEquals(3, Time.scale(5, 0.5));
    assertEquals(2, Time.scale(5, 0.4));
    assertThrows(IllegalArgumentException.class, () -> Time.scale(5, -1));
  }
}
