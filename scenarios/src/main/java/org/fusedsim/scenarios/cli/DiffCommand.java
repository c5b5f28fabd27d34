package org.fusedsim.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.regress.Comparison;
import org.fusedsim.scenarios.regress.RegressionReport;
import org.fusedsim.scenarios.regress.ResultsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim diff OLD NEW}: compares two results files of the same scenario. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compares every metric of two results.json files of the same scenario, run by run",
      "(personality and replication), and prints what moved.",
      "Exit 1 when a metric moved beyond its tolerance or disappeared;",
      "exit 2 for files of another scenario or results format."
    })
public final class DiffCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "Baseline results.json.")
  Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW", description = "New results.json.")
  Path newFile;

  @Mixin ToleranceOptions tolerances;

  @Mixin ReportFileOptions reports;

  @Override
  public Integer call() {
    var tol = tolerances.parse();
    ResultsFile a = ResultsFile.read(oldFile);
    ResultsFile b = ResultsFile.read(newFile);
    reports.open(null);
    try {
      Comparison c =
          tolerances.interval ? Comparison.compareMeans(a, b, tol) : Comparison.compare(a, b, tol);
      reports.write(b.scenario(), List.of(), c);
      reports.commit();
      spec.commandLine().getOut().print(RegressionReport.comparisonTable(c));
      spec.commandLine().getOut().flush();
      if (c.failed()) {
        spec.commandLine().getErr().println("moved: " + String.join(", ", c.failedMetrics()));
        return ExitCodes.CHECK_FAILED;
      }
      return ExitCodes.OK;
    } finally {
      reports.close();
    }
  }
}
