package org.fusedsim.scenarios.regress;

/**
 * The outcome of one expectation under one personality.
 *
 * @param expectation what was expected
 * @param personality the OS personality ({@code none} for kinds without an OS)
 * @param estimate the metric across replications, or {@code null} if the run did not produce it
 * @param unit the metric's unit ({@code ""} if missing)
 * @param passed whether the bound held
 * @param message one line saying what was checked and, on failure, why it failed
 */
public record CheckResult(
    Expectation expectation,
    String personality,
    Estimate estimate,
    String unit,
    boolean passed,
    String message) {

  /** Returns the metric name. */
  public String metric() {
    return expectation.metric();
  }

  /** Returns the measured value as text: the value, or mean with its interval, or missing. */
  public String valueText() {
    if (estimate == null) {
      return "missing";
    }
    String v = Checker.num(estimate.mean());
    if (estimate.hasInterval()) {
      v += " ± " + Checker.num(estimate.halfWidth());
    }
    return v + Checker.suffix(unit);
  }
}
