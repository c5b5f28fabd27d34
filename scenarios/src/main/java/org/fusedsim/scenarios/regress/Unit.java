package org.fusedsim.scenarios.regress;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A unit of a metric or of a bound: its symbol, the dimension it measures and its factor to the
 * dimension's base unit. Two units convert into each other exactly when their dimensions are equal.
 *
 * <p>Known units: {@code ps ns us ms s} (time), {@code B KB MB GB KiB MiB GiB} (size), a size per
 * second such as {@code GB/s} (bandwidth), {@code 1} and {@code %} (dimensionless), any word such
 * as {@code events} (a count, converting only into itself) and a word per time unit such as {@code
 * events/us} (a rate).
 *
 * @param symbol the unit as written
 * @param dimension what it measures, e.g. {@code s}, {@code B}, {@code B/s}, {@code 1}, {@code
 *     events}
 * @param factor how many base units one of this unit is
 */
public record Unit(String symbol, String dimension, double factor) {
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** The dimensionless unit. */
  public static final Unit ONE = new Unit("1", "1", 1);

  /** Parses a unit symbol; empty if it is not one. */
  public static Optional<Unit> parse(String symbol) {
    String s = symbol.strip();
    if (s.equals("1")) {
      return Optional.of(ONE);
    }
    if (s.equals("%")) {
      return Optional.of(new Unit(s, "1", 0.01));
    }
    double t = time(s);
    if (t > 0) {
      return Optional.of(new Unit(s, "s", t));
    }
    double b = size(s);
    if (b > 0) {
      return Optional.of(new Unit(s, "B", b));
    }
    int slash = s.indexOf('/');
    if (slash > 0 && slash == s.lastIndexOf('/')) {
      String num = s.substring(0, slash);
      double per = time(s.substring(slash + 1));
      if (per <= 0) {
        return Optional.empty();
      }
      double sz = size(num);
      if (sz > 0) {
        return Optional.of(new Unit(s, "B/s", sz / per));
      }
      if (WORD.matcher(num).matches()) {
        return Optional.of(new Unit(s, num + "/s", 1 / per));
      }
      return Optional.empty();
    }
    if (WORD.matcher(s).matches()) {
      return Optional.of(new Unit(s, s, 1));
    }
    return Optional.empty();
  }

  /** Returns whether this unit measures a physical dimension (time, size, bandwidth). */
  public boolean physical() {
    return dimension.equals("s") || dimension.equals("B") || dimension.equals("B/s");
  }

  /** Returns whether a value in {@code other} converts into this unit. */
  public boolean convertibleFrom(Unit other) {
    return dimension.equals(other.dimension);
  }

  /** Converts {@code value} given in {@code from} into this unit. */
  public double convert(double value, Unit from) {
    if (!convertibleFrom(from)) {
      throw new IllegalArgumentException("cannot convert " + from.symbol + " to " + symbol);
    }
    return from.factor == factor ? value : value * from.factor / factor;
  }

  private static double time(String s) {
    return switch (s) {
      case "ps" -> 1e-12;
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      default -> 0;
    };
  }

  private static double size(String s) {
    return switch (s) {
      case "B" -> 1;
      case "KB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "KiB" -> 1024.0;
      case "MiB" -> 1024.0 * 1024;
      case "GiB" -> 1024.0 * 1024 * 1024;
      default -> 0;
    };
  }
}
