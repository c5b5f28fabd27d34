package org.fusedsim.scenarios.regress;

import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.report.Numbers;

/**
 * One entry of a scenario's {@code expect:} block: a metric and the bound its value must satisfy.
 * Either {@code min} and/or {@code max}, or {@code within} a relative distance {@code of} a
 * reference value. With {@code interval}, the whole confidence interval across replications must
 * satisfy the bound, not just the mean.
 *
 * @param metric the metric name
 * @param at where the metric name was written
 * @param min lower bound, or {@code null}
 * @param minAt where {@code min} was written
 * @param max upper bound, or {@code null}
 * @param maxAt where {@code max} was written
 * @param within relative tolerance as a fraction (0.05 for {@code 5%}), or {@code NaN}
 * @param of the reference of {@code within}, or {@code null}
 * @param ofAt where {@code of} was written
 * @param interval whether the confidence interval must satisfy the bound
 */
public record Expectation(
    String metric,
    Location at,
    Quantity min,
    Location minAt,
    Quantity max,
    Location maxAt,
    double within,
    Quantity of,
    Location ofAt,
    boolean interval) {

  /** Returns the bound as text, e.g. {@code <= 6 us} or {@code within 5% of 4.2 us}. */
  public String boundText() {
    String s;
    if (of != null) {
      s = "within " + Numbers.human(within * 100, 6) + "% of " + of;
    } else if (min != null && max != null) {
      s = min + " .. " + max;
    } else if (min != null) {
      s = ">= " + min;
    } else {
      s = "<= " + max;
    }
    return interval ? s + " (95% CI)" : s;
  }
}
