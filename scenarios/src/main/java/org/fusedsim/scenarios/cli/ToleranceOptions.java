package org.fusedsim.scenarios.cli;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.scenarios.regress.Tolerances;
import picocli.CommandLine.Option;

/** How far metrics may move from a baseline; shared by {@code run --baseline} and {@code diff}. */
final class ToleranceOptions {
  @Option(
      names = "--tolerance",
      paramLabel = "PCT",
      description = "Relative change allowed for every metric, e.g. 2%% (default 0%%).")
  String tolerance;

  @Option(
      names = "--tolerance-for",
      paramLabel = "METRIC=PCT",
      description =
          "Tolerance of one metric or a pattern with *, e.g. 'phold.lp_events.*=10%%'"
              + " (repeatable; the first match wins).")
  List<String> perMetric = new ArrayList<>();

  @Option(
      names = "--ignore",
      paramLabel = "METRIC",
      description = "Leave a metric or pattern with * out of the comparison (repeatable).")
  List<String> ignore = new ArrayList<>();

  @Option(
      names = "--interval",
      description =
          "Compare per personality the mean across replications instead of each run, and require"
              + " the new 95%% confidence interval to lie within the tolerance of the old mean.")
  boolean interval;

  Tolerances parse() {
    return Tolerances.parse(tolerance, perMetric, ignore);
  }
}
