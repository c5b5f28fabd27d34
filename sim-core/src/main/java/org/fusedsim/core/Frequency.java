package org.fusedsim.core;

/**
 * A clock frequency in hertz, parsed from {@code 1.6GHz}, {@code 100Hz} or {@code 800MHz}.
 *
 * @param hertz cycles per second, positive
 */
public record Frequency(long hertz) {
  /** Validates the frequency. */
  public Frequency {
    if (hertz <= 0) {
      throw new IllegalArgumentException("frequency must be > 0: " + hertz);
    }
  }

  /**
   * Parses a frequency with a unit (Hz, kHz, MHz, GHz).
   *
   * @throws UnitException if the unit is missing or unknown, or the value is not positive
   */
  public static Frequency parse(String text) {
    Quantity q = Quantity.parse(text);
    long scale =
        switch (q.unit()) {
          case "Hz" -> 1L;
          case "kHz", "KHz" -> 1_000L;
          case "MHz" -> 1_000_000L;
          case "GHz" -> 1_000_000_000L;
          default ->
              throw new UnitException(
                  "expected a frequency with unit Hz, kHz, MHz or GHz, got '" + text.strip() + "'");
        };
    long hz = q.exactLong(scale, text, "hertz");
    if (hz <= 0) {
      throw new UnitException("expected a frequency > 0, got '" + text.strip() + "'");
    }
    return new Frequency(hz);
  }

  /**
   * Returns the period in picoseconds.
   *
   * @throws ArithmeticException if the period is not a whole number of picoseconds
   */
  public long periodPs() {
    if (Time.S % hertz != 0) {
      throw new ArithmeticException("period of " + this + " is not a whole number of picoseconds");
    }
    return Time.S / hertz;
  }

  @Override
  public String toString() {
    if (hertz % 1_000_000_000L == 0) {
      return hertz / 1_000_000_000L + "GHz";
    }
    if (hertz % 1_000_000L == 0) {
      return hertz / 1_000_000L + "MHz";
    }
    return hertz + "Hz";
  }
}
