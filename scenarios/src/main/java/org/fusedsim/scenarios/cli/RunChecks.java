package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.regress.RegressionReport;
import org.fusedsim.scenarios.regress.ResultsFile;
import org.fusedsim.scenarios.regress.Tolerances;
import org.fusedsim.scenarios.regress.Verdict;
import org.fusedsim.scenarios.run.RunRecord;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The CI side of {@code fusedsim run}: the scenario's {@code expect:} checks, an optional baseline
 * comparison, and the report files. The baseline is read before anything runs, so a wrong file
 * fails in a second rather than after the simulation.
 */
final class RunChecks {
  @Option(
      names = "--baseline",
      paramLabel = "RESULTS.json",
      description = "Compare every metric with an earlier results.json of the same scenario.")
  Path baseline;

  @Mixin ToleranceOptions tolerances;

  @Mixin ReportFileOptions reports;

  private ResultsFile baselineFile;
  private Tolerances parsed;

  /** Reads the baseline and the tolerances; throws InputException for bad ones. */
  void prepare() {
    parsed = tolerances.parse();
    baselineFile = baseline == null ? null : ResultsFile.read(baseline);
  }

  /** Checks the runs, prints the tables and writes the reports; returns the exit code. */
  int finish(
      Scenario scenario, String version, List<RunRecord> runs, PrintWriter out, PrintWriter err) {
    Verdict v = Verdict.of(scenario, version, runs, baselineFile, parsed, tolerances.interval);
    if (!v.checks().isEmpty()) {
      out.print("\n" + RegressionReport.checksTable(v.checks()));
    }
    if (v.comparison() != null) {
      out.print("\n" + RegressionReport.comparisonTable(v.comparison()));
    }
    out.flush();
    reports.write(scenario.name(), v.checks(), v.comparison());
    if (v.failed()) {
      err.println("failed: " + String.join(", ", v.failedMetrics()));
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }
}
