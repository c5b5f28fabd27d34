package org.fusedsim.scenarios.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;

/**
 * Axis tick units of 1, 2 and 5 times a power of ten, labelled in {@link Locale#ROOT}. JFreeChart's
 * own source builds its {@link DecimalFormat}s in the JVM's default locale, which would print
 * {@code 2,5} instead of {@code 2.5} on a German desktop and change the figures. The labels are the
 * ones JFreeChart prints in an English locale: a fixed number of decimals below 1, grouped integers
 * up to a million, and a mantissa and exponent beyond.
 */
final class RootTickUnits implements TickUnitSource {
  private static final int[] FACTORS = {1, 2, 5};

  /** The smallest power of ten a step may have: 0 on an axis of whole numbers (cores, nodes). */
  private final int minPower;

  /** Tick units of any size. */
  RootTickUnits() {
    this(-300);
  }

  /** Tick units of at least {@code 10^minPower}. */
  RootTickUnits(int minPower) {
    this.minPower = minPower;
  }

  /** Tick units for an axis whose values are all whole numbers: no step below 1. */
  static RootTickUnits wholeNumbers() {
    return new RootTickUnits(0);
  }

  /** Returns a format of {@code pattern} with the symbols of {@link Locale#ROOT}. */
  static DecimalFormat format(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  @Override
  public TickUnit getLargerTickUnit(TickUnit unit) {
    Step s = ceiling(unit.getSize());
    if (s.size() <= unit.getSize()) {
      s = s.next();
    }
    return s.unit();
  }

  @Override
  public TickUnit getCeilingTickUnit(TickUnit unit) {
    return getCeilingTickUnit(unit.getSize());
  }

  @Override
  public TickUnit getCeilingTickUnit(double size) {
    if (Double.isInfinite(size) || Double.isNaN(size)) {
      throw new IllegalArgumentException("Must be finite.");
    }
    return ceiling(size).unit();
  }

  /** The smallest step of at least {@code size}, between 1e-300 and 5e300. */
  private Step ceiling(double size) {
    int power = size > 0 ? (int) StrictMath.ceil(StrictMath.log10(size)) : minPower;
    power = Math.max(minPower, Math.min(300, power));
    Step s = new Step(power, 0);
    // step down while the step below is still large enough
    while (true) {
      Step below = s.power() == minPower && s.factor() == 0 ? null : s.previous();
      if (below == null || below.size() < size) {
        return s;
      }
      s = below;
    }
  }

  /** {@code FACTORS[factor] * 10^power}. */
  private record Step(int power, int factor) {
    double size() {
      return FACTORS[factor] * StrictMath.pow(10.0, power);
    }

    Step previous() {
      if (factor > 0) {
        return new Step(power, factor - 1);
      }
      return power == -300 ? null : new Step(power - 1, FACTORS.length - 1);
    }

    Step next() {
      if (factor < FACTORS.length - 1) {
        return new Step(power, factor + 1);
      }
      return power == 300 ? this : new Step(power + 1, 0);
    }

    NumberTickUnit unit() {
      int minor = FACTORS[factor] == 1 ? 10 : FACTORS[factor] == 5 ? 5 : 0;
      return new NumberTickUnit(size(), label(), minor);
    }

    NumberFormat label() {
      if (power >= -4 && power <= -1) {
        return format("0." + "0".repeat(-power));
      }
      if (power >= 0 && power <= 6) {
        return format("#,##0");
      }
      return format("#.######E0");
    }
  }
}
