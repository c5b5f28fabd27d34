package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.sweep.PointRunner;
import org.fusedsim.scenarios.sweep.SweepDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fusedsim sweep run-task DIR --task N}: what one SLURM array task runs: the points of line
 * N of {@code DIR/slurm/tasks.txt}, each from its planned scenario file, skipping complete ones.
 */
@Command(
    name = "run-task",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Runs the points of one SLURM array task of a sweep directory.")
public final class SweepTaskCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Sweep directory.")
  Path dir;

  @Option(names = "--task", required = true, paramLabel = "N", description = "Array task index.")
  int task;

  @Override
  public Integer call() throws IOException {
    SweepDir d = SweepDir.open(dir);
    Path tasks = d.root().resolve("slurm").resolve("tasks.txt");
    List<String> lines = Files.readAllLines(tasks, StandardCharsets.UTF_8);
    if (task < 0 || task >= lines.size()) {
      throw new InputException(
          new Location("--task", 1, 1),
          "expected a task from 0 to " + (lines.size() - 1) + ", got " + task);
    }
    ScenarioLoader loader = new ScenarioLoader(new Components().kinds());
    PointRunner runner = new PointRunner(Version.get());
    for (String id : lines.get(task).split(" ")) {
      if (d.complete(id)) {
        spec.commandLine().getOut().println(id + ": already complete");
        continue;
      }
      Scenario s = loader.load(id + ".yaml", ScenarioLoader.readText(d.planned(id)), List.of());
      runner.run(d, id, s);
      spec.commandLine().getOut().println(id + ": done");
    }
    return ExitCodes.OK;
  }
}
