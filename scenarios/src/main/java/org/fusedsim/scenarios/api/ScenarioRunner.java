package org.fusedsim.scenarios.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Tracer;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.cli.Version;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.load.SetOverride;
import org.fusedsim.scenarios.regress.CheckResult;
import org.fusedsim.scenarios.regress.Estimate;
import org.fusedsim.scenarios.regress.RegressionReport;
import org.fusedsim.scenarios.regress.ReplicationSummary;
import org.fusedsim.scenarios.regress.ResultsFile;
import org.fusedsim.scenarios.regress.Tolerances;
import org.fusedsim.scenarios.regress.Verdict;
import org.fusedsim.scenarios.report.ResultsJson;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;

/**
 * A scenario about to run, with overrides. Created by {@link Fusedsim}; each setter returns this
 * runner, and {@link #run()} validates everything and runs. Overrides are checked by exactly the
 * rules of the scenario file, so an unknown key or a value out of range fails the same way.
 */
public final class ScenarioRunner {
  private final Path file;
  private final String source;
  private final String text;
  private final List<SetOverride> overrides = new ArrayList<>();
  private Path baseline;
  private boolean interval;
  private String tolerance;
  private final List<String> tolerancesFor = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();

  ScenarioRunner(Path file, String source, String text) {
    this.file = file;
    this.source = source;
    this.text = text;
  }

  /**
   * Overrides one scenario field, like {@code --set}: {@code set("phold.lps", "64")}, {@code
   * set("phold.lookahead", "10ns")}.
   */
  public ScenarioRunner set(String key, String value) {
    String where = "set(" + key + ")";
    try {
      SetOverride parsed = SetOverride.parse(key + "=" + value, overrides.size() + 1);
      overrides.add(new SetOverride(where, parsed.key(), parsed.value(), 1, 1));
    } catch (InputException e) {
      throw Fusedsim.wrap(
          new InputException(
              new org.fusedsim.scenarios.load.Location(where, 1, 1), e.getMessage()));
    }
    return this;
  }

  /** Overrides the seed. */
  public ScenarioRunner seed(long seed) {
    overrides.add(SetOverride.ofFlag("seed()", "seed", String.valueOf(seed)));
    return this;
  }

  /** Overrides the number of replications (two or more give confidence intervals). */
  public ScenarioRunner replications(int n) {
    overrides.add(SetOverride.ofFlag("replications()", "replications", String.valueOf(n)));
    return this;
  }

  /**
   * Runs under these OS personalities (for kinds with an OS), e.g. {@code os("fusedos", "cnk")}.
   */
  public ScenarioRunner os(String... personalities) {
    overrides.add(SetOverride.ofFlag("os()", "os", String.join(",", personalities)));
    return this;
  }

  /**
   * Compares every metric with a baseline results.json after the run, like {@code --baseline};
   * {@code tolerance} is a percentage such as {@code "2%"}.
   */
  public ScenarioRunner baseline(Path resultsJson, String tolerance) {
    this.baseline = resultsJson;
    this.tolerance = tolerance;
    return this;
  }

  /**
   * Compares the baseline per personality on the mean across replications and requires the new 95%
   * confidence interval, not just the mean, to lie within the tolerance (like {@code --interval});
   * needs two or more replications.
   */
  public ScenarioRunner requireInterval() {
    this.interval = true;
    return this;
  }

  /** Sets the baseline tolerance of a metric or pattern with {@code *}, e.g. {@code "10%"}. */
  public ScenarioRunner toleranceFor(String metricPattern, String tolerance) {
    tolerancesFor.add(metricPattern + "=" + tolerance);
    return this;
  }

  /** Leaves a metric or pattern with {@code *} out of the baseline comparison. */
  public ScenarioRunner ignore(String metricPattern) {
    ignored.add(metricPattern);
    return this;
  }

  /**
   * Validates the scenario and its overrides without running it.
   *
   * @throws FusedsimException with {@code FILE:LINE:COL} if anything is wrong
   */
  public void validate() {
    try {
      load();
    } catch (InputException e) {
      throw Fusedsim.wrap(e);
    }
  }

  /**
   * Validates, runs every personality and replication, checks the {@code expect:} block and the
   * baseline. Failed checks do not throw: assert on {@link SimulationResult#passed()}.
   *
   * @throws FusedsimException with {@code FILE:LINE:COL} for bad input
   */
  public SimulationResult run() {
    try {
      Scenario s = load();
      Tolerances tol = Tolerances.parse(tolerance, tolerancesFor, ignored);
      ResultsFile base = baseline == null ? null : ResultsFile.read(baseline);
      List<RunRecord> runs = new Runner(Tracer.OFF).run(s);
      String version = Version.get();
      Verdict v = Verdict.of(s, version, runs, base, tol, interval);
      return new SimulationResult(
          s.name(),
          s.seed(),
          runResults(runs),
          summary(runs),
          checks(v.checks()),
          v.comparison() == null ? ImmutableList.of() : v.comparison().failedMetrics(),
          (v.checks().isEmpty() ? "" : RegressionReport.checksTable(v.checks()))
              + (v.comparison() == null ? "" : RegressionReport.comparisonTable(v.comparison())),
          ResultsJson.render(s, version, runs));
    } catch (InputException e) {
      throw Fusedsim.wrap(e);
    }
  }

  private Scenario load() {
    ScenarioLoader loader = new ScenarioLoader(new Components().kinds());
    return file != null ? loader.load(file, overrides) : loader.load(source, text, overrides);
  }

  private static ImmutableList<RunResult> runResults(List<RunRecord> runs) {
    ImmutableList.Builder<RunResult> out = ImmutableList.builder();
    for (RunRecord r : runs) {
      ImmutableMap.Builder<String, MetricValue> m = ImmutableMap.builder();
      for (Metric x : r.output().metrics().all()) {
        m.put(x.name(), new MetricValue(x.name(), x.value(), x.unit(), x.value(), x.value(), 1));
      }
      out.add(
          new RunResult(
              r.personality(),
              r.replication(),
              r.output().simulatedTimePs(),
              r.output().events(),
              m.buildOrThrow()));
    }
    return out.build();
  }

  private static Map<String, Map<String, MetricValue>> summary(List<RunRecord> runs) {
    Map<String, String> units = new LinkedHashMap<>();
    runs.forEach(
        r -> r.output().metrics().all().forEach(m -> units.putIfAbsent(m.name(), m.unit())));
    Map<String, Map<String, MetricValue>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Estimate>> p :
        ReplicationSummary.estimates(runs).entrySet()) {
      Map<String, MetricValue> m = new LinkedHashMap<>();
      p.getValue()
          .forEach(
              (name, e) ->
                  m.put(
                      name,
                      new MetricValue(
                          name, e.mean(), units.get(name), e.lower(), e.upper(), e.n())));
      out.put(p.getKey(), m);
    }
    return out;
  }

  private static ImmutableList<Check> checks(List<CheckResult> results) {
    return results.stream()
        .map(
            c ->
                new Check(
                    c.metric(),
                    c.personality(),
                    c.valueText(),
                    c.expectation().boundText(),
                    c.passed(),
                    c.message()))
        .collect(ImmutableList.toImmutableList());
  }
}
