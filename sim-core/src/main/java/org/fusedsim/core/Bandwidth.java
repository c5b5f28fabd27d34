package org.fusedsim.core;

import java.math.BigInteger;

/**
 * A data rate in bytes per second, parsed from {@code 2GB/s}, {@code 1.8GiB/s} or {@code 400MB/s}.
 * Transfer times are computed in integer picoseconds, rounded up, so that a link never delivers
 * faster than its rate.
 *
 * @param bytesPerSecond the rate, positive
 */
public record Bandwidth(long bytesPerSecond) {
  /** Validates the rate. */
  public Bandwidth {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bandwidth must be > 0: " + bytesPerSecond);
    }
  }

  /** Returns a bandwidth of {@code n} GB/s (10^9 bytes per second). */
  public static Bandwidth ofGBps(long n) {
    return new Bandwidth(Math.multiplyExact(n, 1_000_000_000L));
  }

  /**
   * Parses a bandwidth written as a size unit followed by {@code /s}.
   *
   * @throws UnitException if the unit is missing or unknown
   */
  public static Bandwidth parse(String text) {
    Quantity q = Quantity.parse(text);
    String unit = q.unit();
    if (!unit.endsWith("/s")) {
      throw new UnitException(
          "expected a bandwidth such as 2GB/s or 400MiB/s, got '" + text.strip() + "'");
    }
    long scale = DataSize.scaleOf(unit.substring(0, unit.length() - 2), text);
    long bps = q.exactLong(scale, text, "byte/s");
    if (bps <= 0) {
      throw new UnitException("expected a bandwidth > 0, got '" + text.strip() + "'");
    }
    return new Bandwidth(bps);
  }

  /**
   * Returns the time to move {@code bytes} at this rate, in picoseconds, rounded up so that a link
   * never delivers faster than its rate.
   */
  public long transferTime(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
    if (Time.S % bytesPerSecond == 0) {
      // The common case (2 GB/s is exactly 500 ps per byte): exact integer arithmetic.
      return Math.multiplyExact(bytes, Time.S / bytesPerSecond);
    }
    BigInteger[] qr =
        BigInteger.valueOf(bytes)
            .multiply(BigInteger.valueOf(Time.S))
            .divideAndRemainder(BigInteger.valueOf(bytesPerSecond));
    return Math.addExact(qr[0].longValueExact(), qr[1].signum() != 0 ? 1 : 0);
  }

  /** Returns the rate in GB/s (10^9 bytes per second), for reports. */
  public double gigabytesPerSecond() {
    return bytesPerSecond / 1e9;
  }

  @Override
  public String toString() {
    if (bytesPerSecond % 1_000_000_000L == 0) {
      return bytesPerSecond / 1_000_000_000L + "GB/s";
    }
    if (bytesPerSecond % 1_000_000L == 0) {
      return bytesPerSecond / 1_000_000L + "MB/s";
    }
    return bytesPerSecond + "B/s";
  }
}
