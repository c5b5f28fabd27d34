package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.sweep.SweepDir;
import org.fusedsim.scenarios.sweep.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim sweep collect DIR}: checks that every point finished and merges them. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that every point of a sweep directory has its results and merges them into",
      "sweep.csv, sweep.json, the figures and report.html. Exit 1 naming the missing points."
    })
public final class SweepCollectCommand implements Callable<Integer> {
  /** Missing points named on the console before the rest are counted. */
  private static final int NAMED = 20;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Sweep directory.")
  Path dir;

  @Option(names = "--partial", description = "Merge the complete points even if some are missing.")
  boolean partial;

  @Override
  public Integer call() throws IOException {
    return collect(
        SweepDir.open(dir),
        new Components(),
        partial,
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  static int collect(
      SweepDir dir, Components components, boolean partial, PrintWriter out, PrintWriter err)
      throws IOException {
    String kindName = dir.readPlan().kind();
    ScenarioKind kind = components.kinds().find(kindName).orElse(null);
    SweepResults.Collected c = SweepResults.collect(dir, kind, partial);
    if (!c.missing().isEmpty()) {
      int total = c.missing().size() + c.points();
      String named =
          String.join(", ", c.missing().subList(0, Math.min(NAMED, c.missing().size())))
              + (c.missing().size() > NAMED
                  ? " and " + (c.missing().size() - NAMED) + " more"
                  : "");
      err.printf(
          java.util.Locale.ROOT,
          "%d of %d points have no results: %s%n",
          c.missing().size(),
          total,
          named);
      err.flush();
    }
    if (!c.written().isEmpty()) {
      out.print(c.table());
      out.printf(
          java.util.Locale.ROOT,
          "collected %d points into %d settings: %s%n",
          c.points(),
          c.rows(),
          String.join(
              ", ", c.written().stream().map(w -> dir.root().resolve(w).toString()).toList()));
      out.flush();
    }
    return c.missing().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
