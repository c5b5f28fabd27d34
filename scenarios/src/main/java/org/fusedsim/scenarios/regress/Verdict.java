package org.fusedsim.scenarios.regress;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.report.ResultsJson;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * Everything a CI job asks of a finished run: the scenario's expectations and, when a baseline was
 * given, the comparison against it.
 *
 * @param checks the checks of the {@code expect:} block (empty without one)
 * @param comparison the comparison against a baseline, or {@code null} without one
 */
public record Verdict(ImmutableList<CheckResult> checks, Comparison comparison) {

  /**
   * Checks a finished run.
   *
   * @param scenario the scenario that ran
   * @param version the fusedsim version written into results
   * @param runs its runs
   * @param baseline the baseline results, or {@code null}
   * @param tolerances how far metrics may move from the baseline
   * @param interval compare means across replications, requiring the new interval to fit
   */
  public static Verdict of(
      Scenario scenario,
      String version,
      List<RunRecord> runs,
      ResultsFile baseline,
      Tolerances tolerances,
      boolean interval) {
    ImmutableList<CheckResult> checks = Checker.check(Expectations.of(scenario), runs);
    Comparison c = null;
    if (baseline != null) {
      // Compare through the results.json text so both sides carry identical rounding.
      ResultsFile now = ResultsFile.parse("this run", ResultsJson.render(scenario, version, runs));
      c =
          interval
              ? Comparison.compareMeans(baseline, now, tolerances)
              : Comparison.compare(baseline, now, tolerances);
    }
    return new Verdict(checks, c);
  }

  /** Returns whether a check failed or a metric moved beyond its tolerance. */
  public boolean failed() {
    return checks.stream().anyMatch(c -> !c.passed())
        || (comparison != null && comparison.failed());
  }

  /** Returns the names of the failed metrics, checks first, without duplicates. */
  public ImmutableList<String> failedMetrics() {
    List<String> out = new ArrayList<>();
    checks.stream().filter(c -> !c.passed()).map(CheckResult::metric).forEach(out::add);
    if (comparison != null) {
      out.addAll(comparison.failedMetrics());
    }
    return out.stream().distinct().collect(ImmutableList.toImmutableList());
  }
}
