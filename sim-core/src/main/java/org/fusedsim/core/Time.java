package org.fusedsim.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Simulated time as a {@code long} count of picoseconds.
 *
 * <p>Picoseconds make one Blue Gene/Q core cycle at 1.6 GHz exactly 625 units, so cycle counts
 * convert without rounding, and a {@code long} still spans 106 days of simulated time. All
 * conversions that can overflow are checked and throw {@link ArithmeticException}; a silent
 * wrap-around would reorder events.
 *
 * <p>Doubles appear only at the edges: {@link #parse(String)} for configuration and {@link
 * #toNanos(long)} style helpers for reporting.
 */
public final class Time {
  /** One picosecond. */
  public static final long PS = 1L;

  /** One nanosecond in picoseconds. */
  public static final long NS = 1_000L;

  /** One microsecond in picoseconds. */
  public static final long US = 1_000_000L;

  /** One millisecond in picoseconds. */
  public static final long MS = 1_000_000_000L;

  /** One second in picoseconds. */
  public static final long S = 1_000_000_000_000L;

  /** One Blue Gene/Q A2 core cycle at 1.6 GHz (bgq-facts.md, "clock"). */
  public static final long BGQ_CYCLE = 625L;

  /** The largest representable time; used as "never". */
  public static final long NEVER = Long.MAX_VALUE;

  private Time() {}

  /** Returns {@code n} picoseconds. */
  public static long ps(long n) {
    return n;
  }

  /** Returns {@code n} nanoseconds in picoseconds, checked for overflow. */
  public static long ns(long n) {
    return Math.multiplyExact(n, NS);
  }

  /** Returns {@code n} microseconds in picoseconds, checked for overflow. */
  public static long us(long n) {
    return Math.multiplyExact(n, US);
  }

  /** Returns {@code n} milliseconds in picoseconds, checked for overflow. */
  public static long ms(long n) {
    return Math.multiplyExact(n, MS);
  }

  /** Returns {@code n} seconds in picoseconds, checked for overflow. */
  public static long s(long n) {
    return Math.multiplyExact(n, S);
  }

  /** Returns {@code n} BG/Q core cycles (1.6 GHz) in picoseconds, checked for overflow. */
  public static long cycles(long n) {
    return Math.multiplyExact(n, BGQ_CYCLE);
  }

  /** Returns {@code n} cycles of a clock with the given period, checked for overflow. */
  public static long cycles(long n, long periodPs) {
    return Math.multiplyExact(n, periodPs);
  }

  /** Adds two times, throwing on overflow. */
  public static long add(long a, long b) {
    return Math.addExact(a, b);
  }

  /** Multiplies a time by a count, throwing on overflow. */
  public static long times(long t, long n) {
    return Math.multiplyExact(t, n);
  }

  /**
   * Scales a time by a non-negative real factor, rounding half up to the nearest picosecond.
   *
   * @throws ArithmeticException if the result does not fit in a {@code long}
   */
  public static long scale(long t, double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("scale factor must be finite and >= 0: " + factor);
    }
    double r = t * factor + 0.5;
    if (r >= 0x1p63) {
      throw new ArithmeticException("time overflow: " + t + " ps x " + factor);
    }
    return (long) StrictMath.floor(r);
  }

  /**
   * Converts a double number of picoseconds to a {@code long}, rounding half up; for the edges
   * where a random variate or a rate produces a real duration.
   */
  public static long fromPicos(double picos) {
    if (!(picos >= 0) || picos >= 0x1p63) {
      throw new ArithmeticException("not a representable duration: " + picos + " ps");
    }
    return (long) StrictMath.floor(picos + 0.5);
  }

  /** Returns the time in nanoseconds as a double, for reports. */
  public static double toNanos(long t) {
    return t / (double) NS;
  }

  /** Returns the time in microseconds as a double, for reports. */
  public static double toMicros(long t) {
    return t / (double) US;
  }

  /** Returns the time in seconds as a double, for reports. */
  public static double toSeconds(long t) {
    return t / (double) S;
  }

  /**
   * Parses a duration such as {@code 40ns}, {@code 1.5us}, {@code 625ps}, {@code 2ms}, {@code 1s}
   * or {@code 100cycles} (BG/Q cycles at 1.6 GHz). The value must be exact to the picosecond.
   *
   * @throws UnitException if the text has no unit, an unknown unit, or is not exact
   */
  public static long parse(String text) {
    Quantity q = Quantity.parse(text);
    long scale =
        switch (q.unit()) {
          case "ps" -> PS;
          case "ns" -> NS;
          case "us", "µs" -> US;
          case "ms" -> MS;
          case "s" -> S;
          case "cycle", "cycles" -> BGQ_CYCLE;
          default ->
              throw new UnitException(
                  "expected a duration with unit ps, ns, us, ms, s or cycles, got '" + text + "'");
        };
    return q.exactLong(scale, text, "picosecond");
  }

  /**
   * Formats a time with the largest unit that keeps it readable, e.g. {@code 40ns}, {@code 1.5us};
   * exact (no rounding) so that {@code parse(format(t)) == t}.
   */
  public static String format(long t) {
    if (t == NEVER) {
      return "never";
    }
    long abs = Math.abs(t);
    String unit;
    long scale;
    if (abs >= S) {
      unit = "s";
      scale = S;
    } else if (abs >= MS) {
      unit = "ms";
      scale = MS;
    } else if (abs >= US) {
      unit = "us";
      scale = US;
    } else if (abs >= NS) {
      unit = "ns";
      scale = NS;
    } else {
      unit = "ps";
      scale = PS;
    }
    BigDecimal v =
        BigDecimal.valueOf(t).divide(BigDecimal.valueOf(scale), 12, RoundingMode.UNNECESSARY);
    return v.stripTrailingZeros().toPlainString() + unit;
  }
}
