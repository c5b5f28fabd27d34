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
      "(personality and replication), and prints what moved. Two sweep directories are",
      "compared point by point (points matched by their axis values).",
      "Exit 1 when a metric moved beyond its tolerance or disappeared;",
      "exit 2 for files of another scenario or results format."
    })
public final class DiffCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "OLD",
      description = "Baseline results.json, or a sweep directory.")
  Path oldFile;

  @Parameters(
      index = "1",
      paramLabel = "NEW",
      description = "New results.json, or a sweep directory.")
  Path newFile;

  @Mixin ToleranceOptions tolerances;

  @Mixin ReportFileOptions reports;

  @Override
  public Integer call() {
    if (java.nio.file.Files.isDirectory(oldFile) && java.nio.file.Files.isDirectory(newFile)) {
      return sweeps();
    }
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

  /**
   * Two sweep directories, point by point: points are matched by their axis values, each pair
   * compared as two results files are; a point in one sweep only, or without results, fails.
   */
  private int sweeps() {
    var tol = tolerances.parse();
    org.fusedsim.scenarios.sweep.SweepDir a = org.fusedsim.scenarios.sweep.SweepDir.open(oldFile);
    org.fusedsim.scenarios.sweep.SweepDir b = org.fusedsim.scenarios.sweep.SweepDir.open(newFile);
    java.util.Map<Object, String> newIds = new java.util.LinkedHashMap<>();
    b.readPlan().points().forEach(p -> newIds.put(p.values(), p.id()));
    java.io.PrintWriter out = spec.commandLine().getOut();
    List<String> moved = new java.util.ArrayList<>();
    List<String> unmatched = new java.util.ArrayList<>();
    int compared = 0;
    for (var p : a.readPlan().points()) {
      String other = newIds.remove(p.values());
      if (other == null || !a.complete(p.id()) || !b.complete(other)) {
        unmatched.add(p.id());
        continue;
      }
      ResultsFile x = ResultsFile.read(a.point(p.id()).resolve("results.json"));
      ResultsFile y = ResultsFile.read(b.point(other).resolve("results.json"));
      Comparison c =
          tolerances.interval ? Comparison.compareMeans(x, y, tol) : Comparison.compare(x, y, tol);
      compared++;
      if (c.failed()) {
        moved.add(p.id());
        out.println("point " + p.id() + ":");
        out.print(RegressionReport.comparisonTable(c));
      }
    }
    unmatched.addAll(newIds.values());
    out.println(
        compared
            + " points compared, "
            + moved.size()
            + " moved"
            + (unmatched.isEmpty() ? "" : ", " + unmatched.size() + " without a counterpart"));
    out.flush();
    if (!moved.isEmpty() || !unmatched.isEmpty()) {
      java.io.PrintWriter err = spec.commandLine().getErr();
      if (!moved.isEmpty()) {
        err.println("moved: " + String.join(", ", moved));
      }
      if (!unmatched.isEmpty()) {
        err.println("in one sweep only or without results: " + String.join(", ", unmatched));
      }
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }
}
