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

  /**
   * Parses {@code NUMBER UNIT}; the unit is mandatory.
   *
   * @throws UnitException if the text is not a number followed by a unit
   */
  public static Quantity parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new UnitException("expected a number followed by a unit, got '" + text + "'");
    }
    if (m.group(2).isEmpty()) {
      throw new UnitException("missing unit in '" + text.strip() + "'");
    }
    return new Quantity(new BigDecimal(m.group(1)), m.group(2));
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
