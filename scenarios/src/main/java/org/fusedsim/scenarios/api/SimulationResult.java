package org.fusedsim.scenarios.api;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What {@link ScenarioRunner#run()} returns: every run, every metric (with a confidence interval
 * when replicated), the scenario's {@code expect:} checks and, if a baseline was given, what moved.
 * Nothing is printed and nothing exits; a failed check is data for the caller to assert on.
 */
public final class SimulationResult {
  private final String scenario;
  private final long seed;
  private final ImmutableList<RunResult> runs;
  private final Map<String, Map<String, MetricValue>> summary;
  private final ImmutableList<Check> checks;
  private final ImmutableList<String> moved;
  private final String report;
  private final String resultsJson;

  SimulationResult(
      String scenario,
      long seed,
      ImmutableList<RunResult> runs,
      Map<String, Map<String, MetricValue>> summary,
      ImmutableList<Check> checks,
      ImmutableList<String> moved,
      String report,
      String resultsJson) {
    this.scenario = scenario;
    this.seed = seed;
    this.runs = runs;
    this.summary = summary;
    this.checks = checks;
    this.moved = moved;
    this.report = report;
    this.resultsJson = resultsJson;
  }

  /** Returns the scenario name. */
  public String scenario() {
    return scenario;
  }

  /** Returns the seed the simulation ran with. */
  public long seed() {
    return seed;
  }

  /** Returns every run, personalities in order, replications ascending. */
  public ImmutableList<RunResult> runs() {
    return runs;
  }

  /**
   * Returns a metric of the first (default) personality: the value of the single run, or the mean
   * with its confidence interval across replications.
   *
   * @throws NoSuchElementException naming the available metrics if there is no such metric
   */
  public MetricValue metric(String name) {
    return metric(runs.get(0).personality(), name);
  }

  /** Returns a metric of one personality; see {@link #metric(String)}. */
  public MetricValue metric(String personality, String name) {
    Map<String, MetricValue> m = summary.get(personality);
    if (m == null) {
      throw new NoSuchElementException(
          "no runs under personality " + personality + " (ran " + summary.keySet() + ")");
    }
    MetricValue v = m.get(name);
    if (v == null) {
      throw new NoSuchElementException(
          "no metric "
              + name
              + " in "
              + scenario
              + " (metrics: "
              + String.join(", ", m.keySet())
              + ")");
    }
    return v;
  }

  /** Returns a metric of the first personality, if the runs produced it. */
  public Optional<MetricValue> findMetric(String name) {
    return Optional.ofNullable(summary.get(runs.get(0).personality()).get(name));
  }

  /** Returns the checks of the scenario's {@code expect:} block, in file order. */
  public ImmutableList<Check> checks() {
    return checks;
  }

  /** Returns the metrics that moved beyond tolerance against the baseline (empty without one). */
  public ImmutableList<String> movedMetrics() {
    return moved;
  }

  /** Returns whether every check passed and nothing moved against the baseline. */
  public boolean passed() {
    return moved.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  /** Returns one line per failed check or moved metric (empty when {@link #passed()}). */
  public ImmutableList<String> failures() {
    List<String> out = new ArrayList<>();
    checks.stream().filter(c -> !c.passed()).forEach(c -> out.add(c.message()));
    moved.forEach(m -> out.add(m + " moved beyond tolerance against the baseline"));
    return ImmutableList.copyOf(out);
  }

  /**
   * Returns the check and baseline tables as the command line prints them, for an assertion
   * message.
   */
  public String report() {
    return report;
  }

  /** Returns the results.json text of this simulation, e.g. to store as a baseline. */
  public String resultsJson() {
    return resultsJson;
  }
}
