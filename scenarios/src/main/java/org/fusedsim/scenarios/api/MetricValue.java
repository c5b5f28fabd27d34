package org.fusedsim.scenarios.api;

import org.fusedsim.scenarios.regress.Unit;

/**
 * A metric of a finished simulation. With one replication {@code value} is the value of that run;
 * with several it is the mean across replications and {@code ciLow}/{@code ciHigh} bound its 95%
 * Student confidence interval (for one replication both equal the value).
 *
 * @param name the metric name, e.g. {@code phold.delay.mean}
 * @param value the value, or the mean across replications
 * @param unit the unit, e.g. {@code ns}
 * @param ciLow lower end of the 95% confidence interval
 * @param ciHigh upper end of the 95% confidence interval
 * @param n the number of replications behind the value
 */
public record MetricValue(
    String name, double value, String unit, double ciLow, double ciHigh, int n) {

  /** Returns whether the value carries a confidence interval (two or more replications). */
  public boolean hasInterval() {
    return n > 1;
  }

  /**
   * Returns the value converted into another unit of the same dimension, e.g. {@code in("us")} for
   * a metric in ns.
   *
   * @throws IllegalArgumentException if the units do not convert
   */
  public double in(String targetUnit) {
    Unit from = Unit.parse(unit).orElseThrow(() -> new IllegalArgumentException("unit " + unit));
    Unit to =
        Unit.parse(targetUnit)
            .orElseThrow(() -> new IllegalArgumentException("unknown unit " + targetUnit));
    if (!to.convertibleFrom(from)) {
      throw new IllegalArgumentException(
          name + " is in " + unit + ", not convertible to " + targetUnit);
    }
    return to.convert(value, from);
  }
}
