package org.fusedsim.core;

/**
 * An amount of data in bytes, parsed from {@code 192MiB}, {@code 64KiB}, {@code 512B} or {@code
 * 2GB} (decimal prefixes are powers of 1000, binary prefixes powers of 1024).
 *
 * @param bytes the size in bytes, never negative
 */
public record DataSize(long bytes) {
  /** Validates the size. */
  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("size must be >= 0: " + bytes);
    }
  }

  /** Returns a size of {@code n} bytes. */
  public static DataSize ofBytes(long n) {
    return new DataSize(n);
  }

  /** Returns a size of {@code n} KiB. */
  public static DataSize ofKiB(long n) {
    return new DataSize(Math.multiplyExact(n, 1024L));
  }

  /** Returns a size of {@code n} MiB. */
  public static DataSize ofMiB(long n) {
    return new DataSize(Math.multiplyExact(n, 1024L * 1024));
  }

  /** Returns a size of {@code n} GiB. */
  public static DataSize ofGiB(long n) {
    return new DataSize(Math.multiplyExact(n, 1024L * 1024 * 1024));
  }

  /**
   * Parses a size with a unit.
   *
   * @throws UnitException if the unit is missing or unknown, or the value is not a whole number of
   *     bytes
   */
  public static DataSize parse(String text) {
    Quantity q = Quantity.parse(text);
    long scale = scaleOf(q.unit(), text);
    return new DataSize(q.exactLong(scale, text, "byte"));
  }

  static long scaleOf(String unit, String text) {
    return switch (unit) {
      case "B" -> 1L;
      case "KB", "kB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      case "KiB" -> 1L << 10;
      case "MiB" -> 1L << 20;
      case "GiB" -> 1L << 30;
      case "TiB" -> 1L << 40;
      default ->
          throw new UnitException(
              "expected a size with unit B, KB, MB, GB, TB, KiB, MiB, GiB or TiB, got '"
                  + text.strip()
                  + "'");
    };
  }

  /** Formats the size with the largest exact binary unit, e.g. {@code 192MiB}. */
  @Override
  public String toString() {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    long v = bytes;
    int i = 0;
    while (i < units.length - 1 && v != 0 && v % 1024 == 0) {
      v /= 1024;
      i++;
    }
    return v + units[i];
  }
}
