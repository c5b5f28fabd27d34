package org.fusedsim.scenarios.regress;

import java.util.List;
import umontreal.ssj.stat.Tally;

/**
 * The mean of a metric across replications with its Student confidence interval (SSJ {@link
 * Tally#confidenceIntervalStudent}). With one replication there is no interval: the half-width is
 * {@code NaN}.
 *
 * @param mean the mean across replications
 * @param halfWidth half the width of the confidence interval, or {@code NaN} for one replication
 * @param n the number of replications
 * @param level the confidence level, e.g. 0.95
 */
public record Estimate(double mean, double halfWidth, int n, double level) {
  /** The confidence level of every interval fusedsim reports. */
  public static final double LEVEL = 0.95;

  /** Computes the estimate of {@code values} at {@link #LEVEL}. */
  public static Estimate of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    Tally t = new Tally();
    for (double v : values) {
      t.add(v);
    }
    if (values.size() < 2) {
      return new Estimate(t.average(), Double.NaN, 1, LEVEL);
    }
    double[] cr = new double[2];
    t.confidenceIntervalStudent(LEVEL, cr);
    // Identical values give a variance of 0 or, through rounding, a tiny negative number: NaN.
    double hw = Double.isNaN(cr[1]) ? 0 : cr[1];
    return new Estimate(cr[0], hw, values.size(), LEVEL);
  }

  /** Returns whether there is an interval (two or more replications). */
  public boolean hasInterval() {
    return !Double.isNaN(halfWidth);
  }

  /** Returns the lower end of the interval (the mean without one). */
  public double lower() {
    return hasInterval() ? mean - halfWidth : mean;
  }

  /** Returns the upper end of the interval (the mean without one). */
  public double upper() {
    return hasInterval() ? mean + halfWidth : mean;
  }
}
