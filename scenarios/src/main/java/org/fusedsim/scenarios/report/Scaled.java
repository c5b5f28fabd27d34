package org.fusedsim.scenarios.report;

import java.util.List;

/**
 * Picks a readable unit for a row of values of one metric: durations in ns, us, ms or s, sizes in
 * B, KiB, MiB or GiB, by the largest magnitude in the row so that the row shares one unit. Other
 * units are kept.
 *
 * @param unit the unit to show
 * @param factor what to divide each value by
 */
public record Scaled(String unit, double factor) {
  private static final String[] TIME = {"ps", "ns", "us", "ms", "s"};
  private static final double[] TIME_PS = {1, 1e3, 1e6, 1e9, 1e12};
  private static final String[] BYTES = {"B", "KiB", "MiB", "GiB", "TiB"};

  /** Returns the unit and factor for {@code values} reported in {@code unit}. */
  public static Scaled of(String unit, List<Double> values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    for (int u = 0; u < TIME.length; u++) {
      if (TIME[u].equals(unit)) {
        double ps = max * TIME_PS[u];
        int best = 1; // never below ns
        for (int k = TIME.length - 1; k >= 1; k--) {
          if (ps >= TIME_PS[k]) {
            best = k;
            break;
          }
        }
        return new Scaled(TIME[best], TIME_PS[best] / TIME_PS[u]);
      }
    }
    for (int u = 0; u < BYTES.length; u++) {
      if (BYTES[u].equals(unit)) {
        double b = max * StrictMath.pow(1024, u);
        int best = 0;
        for (int k = BYTES.length - 1; k >= 0; k--) {
          if (b >= StrictMath.pow(1024, k)) {
            best = k;
            break;
          }
        }
        return new Scaled(BYTES[best], StrictMath.pow(1024, best - u));
      }
    }
    return new Scaled(unit, 1);
  }

  /** Returns {@code v} in this unit, with {@code digits} significant digits. */
  public String format(double v, int digits) {
    return Numbers.human(v / factor, digits);
  }
}
