package org.fusedsim.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decimal number followed by a unit, as written in scenario files ({@code 1.6GHz}, {@code 40
 * ns}). Kept as a {@link BigDecimal} so that conversion to integer units is exact.
 *
 * @param value the number as written
 * @param unit the unit text, never empty
 */
public record Quantity(BigDecimal value, String unit) {
  private static final Pattern FORM =
      Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(\\S*)\\s*");

  /** Longest text a quantity may have; longer text is refused before it is looked at. */
  public static final int MAX_TEXT = 64;

  /**
   * Largest decimal exponent of a value: no quantity in a scenario comes near 10^30 of its base
   * unit (a year is 3x10^19 ps), and the bound keeps {@code 1e100000000us} from being expanded into
   * a hundred-million-digit integer.
   */
  public static final int MAX_EXPONENT = 30;

  /**
   * Parses {@code NUMBER UNIT}; the unit is mandatory.
   *
   * @throws UnitException if the text is not a number followed by a unit, longer than {@link
   *     #MAX_TEXT} or beyond 10^{@link #MAX_EXPONENT}
   */
  public static Quantity parse(String text) {
    if (text.length() > MAX_TEXT) {
      throw new UnitException(
          "expected a number followed by a unit, got "
              + text.length()
              + " characters (at most "
              + MAX_TEXT
              + ")");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new UnitException("expected a number followed by a unit, got '" + text + "'");
    }
    if (m.group(2).isEmpty()) {
      throw new UnitException("missing unit in '" + text.strip() + "'");
    }
    BigDecimal v = new BigDecimal(m.group(1));
    if (v.signum() != 0 && v.precision() - v.scale() - 1 > MAX_EXPONENT) {
      throw new UnitException(
          "'" + text.strip() + "' is too large (at most 10^" + MAX_EXPONENT + ")");
    }
    if (v.signum() != 0 && v.precision() - v.scale() - 1 < -MAX_EXPONENT) {
      throw new UnitException(
          "'" + text.strip() + "' is too small (at least 10^-" + MAX_EXPONENT + " unless zero)");
    }
    return new Quantity(v, m.group(2));
  }

  /**
   * Returns {@code value x scale} as a non-negative {@code long}, requiring it to be an integer.
   *
   * @param scale how many base units one {@code unit} is
   * @param text the original text, for the message
   * @param baseName the base unit's name, for the message
   */
  long exactLong(long scale, String text, String baseName) {
    BigDecimal v = value.multiply(BigDecimal.valueOf(scale));
    if (v.signum() < 0) {
      throw new UnitException("expected a non-negative value, got '" + text.strip() + "'");
    }
    try {
      return v.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new UnitException(
          "'" + text.strip() + "' is not a whole number of " + baseName + "s or is too large");
    }
  }

  /** Returns {@code value x scale} as a double, for rates that need not be integers. */
  double times(double scale) {
    return value.doubleValue() * scale;
  }
}
