package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim validate}: checks files without running them. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Checks scenario files (.yaml) or syscall traces (CST or strace, any other name)"
            + " without running them; exit 2 if any is invalid.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check.")
  List<Path> files;

  @picocli.CommandLine.Option(
      names = "--allow-unknown-calls",
      description =
          "Accept trace calls the call table does not list (otherwise exit 2 at the call).")
  boolean allowUnknownCalls;

  @Override
  public Integer call() {
    ScenarioLoader loader = new ScenarioLoader(new Components().kinds());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int bad = 0;
    for (Path f : files) {
      try {
        if (TraceCheck.isTrace(f)) {
          out.println(TraceCheck.check(f, ConvertCommand.knownCalls(allowUnknownCalls)));
          continue;
        }
        String text = ScenarioLoader.readText(f);
        if (Sweep.isSweep(loader, f.toString(), text)) {
          Sweep sw = Sweep.load(loader, f.toString(), text, List.of());
          out.println(
              "ok "
                  + f
                  + " (kind "
                  + sw.kind().name()
                  + ", a sweep of "
                  + sw.points().size()
                  + " points; run it with fusedsim sweep)");
          continue;
        }
        Scenario s = loader.load(f.toString(), text, List.of());
        int runs = Math.max(1, s.personalities().size()) * s.replications();
        out.println(
            "ok "
                + f
                + " (kind "
                + s.kind().name()
                + ", "
                + runs
                + (runs == 1 ? " run)" : " runs)"));
      } catch (InputException e) {
        err.println(e.userMessage());
        bad++;
      }
    }
    out.flush();
    err.flush();
    return bad == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }
}
