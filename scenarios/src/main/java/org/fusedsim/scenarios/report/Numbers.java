package org.fusedsim.scenarios.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers for result files identically on every JDK. {@link Double#toString} changed its
 * shortest-representation algorithm in JDK 19, so results are rounded to 12 significant digits
 * through {@link BigDecimal}, whose conversion from a double is exact and fixed.
 */
public final class Numbers {
  private static final MathContext DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /** Returns a JSON-compatible decimal text for {@code v}. */
  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return "0";
    }
    if (v == StrictMath.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal d = new BigDecimal(v).round(DIGITS).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= -6 && exponent < 15) {
      return d.toPlainString();
    }
    return d.toString();
  }

  /** Returns a short human form with {@code digits} significant digits, for terminal tables. */
  public static String human(double v, int digits) {
    if (v == StrictMath.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    return d.stripTrailingZeros().toPlainString();
  }
}
