package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.regress.RegressionReport;
import org.fusedsim.scenarios.regress.ResultsFile;
import org.fusedsim.scenarios.regress.Tolerances;
import org.fusedsim.scenarios.regress.Verdict;
import org.fusedsim.scenarios.report.OutputDir;
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

  /**
   * Opens the report files (a file inside {@code out}, which may be null, is written with it);
   * throws InputException for an unwritable one.
   */
  void openReports(OutputDir out) {
    reports.open(out);
  }

  /** Checks the runs and writes the reports into their temporary files. */
  Verdict check(Scenario scenario, String version, List<RunRecord> runs) {
    Verdict v = Verdict.of(scenario, version, runs, baselineFile, parsed, tolerances.interval);
    reports.write(scenario.name(), v.checks(), v.comparison());
    return v;
  }

  /** Puts the report files in place. */
  void commit() {
    reports.commit();
  }

  /** Removes the temporary report files not committed. */
  void close() {
    reports.close();
  }

  /** Prints the tables of a verdict and returns the exit code. */
  static int report(Verdict v, PrintWriter out, PrintWriter err) {
    if (!v.checks().isEmpty()) {
      out.print("\n" + RegressionReport.checksTable(v.checks()));
    }
    if (v.comparison() != null) {
      out.print("\n" + RegressionReport.comparisonTable(v.comparison()));
    }
    out.flush();
    if (v.failed()) {
      err.println("failed: " + String.join(", ", v.failedMetrics()));
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }
}
