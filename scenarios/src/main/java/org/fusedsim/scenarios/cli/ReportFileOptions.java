package org.fusedsim.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import org.fusedsim.scenarios.regress.CheckResult;
import org.fusedsim.scenarios.regress.Comparison;
import org.fusedsim.scenarios.regress.RegressionReport;
import org.fusedsim.scenarios.regress.ReportFiles;
import picocli.CommandLine.Option;

/** {@code --junit FILE} and {@code --markdown FILE}, shared by {@code run} and {@code diff}. */
final class ReportFileOptions {
  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write JUnit XML: one test case per expectation and compared metric.")
  Path junit;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "Write a Markdown summary, e.g. for a pull-request comment.")
  Path markdown;

  void write(String scenario, List<CheckResult> checks, Comparison comparison) {
    if (junit != null) {
      ReportFiles.write(junit, RegressionReport.junit(scenario, checks, comparison), "--junit");
    }
    if (markdown != null) {
      ReportFiles.write(
          markdown, RegressionReport.markdown(scenario, checks, comparison), "--markdown");
    }
  }
}
