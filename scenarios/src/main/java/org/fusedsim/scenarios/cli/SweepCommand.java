package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.load.SetOverride;
import org.fusedsim.scenarios.machine.PartitionParams;
import org.fusedsim.scenarios.sweep.Point;
import org.fusedsim.scenarios.sweep.PointRunner;
import org.fusedsim.scenarios.sweep.Slurm;
import org.fusedsim.scenarios.sweep.Sweep;
import org.fusedsim.scenarios.sweep.SweepDir;
import org.fusedsim.scenarios.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim sweep}: runs every point of a scenario's sweep block and collects them. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    subcommands = {SweepCollectCommand.class, SweepTaskCommand.class},
    description = {
      "Runs every point of a scenario's sweep: block (a grid or zipped lists over parameters,",
      "personality and seed) into --out DIR, each point an ordinary run under DIR/points/ with",
      "its scenario beside its results, then merges them into sweep.csv, sweep.json, figures and",
      "report.html. A point already complete is not run again, so an interrupted sweep resumes.",
      "With --slurm the points become a SLURM job array and a collect job after it."
    })
public final class SweepCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  // neither is required by picocli, which would then ask for them before `sweep collect DIR`
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SWEEP.yaml",
      description = "Scenario with a sweep: block.")
  Path file;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Sweep directory: created, or resumed when it holds the same sweep.")
  Path out;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Points run at once, on threads of this process (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a scenario field of every point (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--force",
      description = "Start over: delete the points of a sweep already in --out.")
  boolean force;

  @Option(
      names = "--exact",
      description =
          "One event per modelled step in every point (see fusedsim run --exact): same results,"
              + " more events.")
  boolean exact;

  @Option(names = "--progress", description = "Report progress on stderr even when not a terminal.")
  boolean progress;

  @Option(names = "--slurm", description = "Submit the points as a SLURM job array with sbatch.")
  boolean slurm;

  @Option(
      names = "--slurm-script-only",
      description = "Write the SLURM scripts into DIR/slurm without submitting them.")
  boolean scriptOnly;

  @Option(names = "--partition", paramLabel = "NAME", description = "SLURM partition.")
  String partition;

  @Option(names = "--account", paramLabel = "NAME", description = "SLURM account to charge.")
  String account;

  @Option(
      names = "--time",
      paramLabel = "LIMIT",
      defaultValue = "1:00:00",
      description = "SLURM time limit per array task (default ${DEFAULT-VALUE}).")
  String time;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1",
      description = "Points per SLURM array task (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--mem",
      paramLabel = "MIB",
      defaultValue = "0",
      description = "Memory per SLURM task in MiB (default: estimated from the partition size).")
  long mem;

  @Option(
      names = "--slurm-command",
      paramLabel = "CMD",
      description = "How compute nodes start fusedsim (default: this installation).")
  String slurmCommand;

  @Option(
      names = "--wait",
      description = "With --slurm: wait until the collect job has ended, then print the summary.")
  boolean await;

  @Override
  public Integer call() throws IOException {
    if (file == null) {
      throw new InputException(
          new Location("command-line", 1, 1),
          "expected a scenario file with a sweep: block (fusedsim sweep FILE.yaml --out DIR)");
    }
    if (out == null) {
      throw new InputException(
          new Location("command-line", 1, 1),
          "fusedsim sweep needs --out DIR, the sweep's directory (resumed if it exists)");
    }
    if (jobs < 1 || jobs > 1024) {
      throw new InputException(
          new Location("--jobs", 1, 1), "expected 1 to 1024 jobs, got " + jobs);
    }
    if (batch < 1) {
      throw new InputException(new Location("--batch", 1, 1), "expected at least 1 point a task");
    }
    if (mem < 0) {
      throw new InputException(new Location("--mem", 1, 1), "expected MiB >= 0");
    }
    if (!time.matches("(\\d+-)?\\d+(:\\d{1,2}){0,2}")) {
      throw new InputException(
          new Location("--time", 1, 1),
          "expected a SLURM time such as 30, 1:00:00 or 2-00:00:00, got '" + time + "'");
    }
    boolean cluster = slurm || scriptOnly;
    if (!cluster && (await || partition != null || account != null || slurmCommand != null)) {
      throw new InputException(
          new Location("--slurm", 1, 1),
          "--wait, --partition, --account and --slurm-command go with --slurm");
    }
    Components components = new Components();
    List<SetOverride> overrides = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      overrides.add(SetOverride.parse(sets.get(i), i + 1));
    }
    Sweep sweep = Sweep.load(new ScenarioLoader(components.kinds()), file, overrides);
    SweepDir dir = SweepDir.prepare(out, sweep, force, file);
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (cluster) {
      return submit(dir, sweep, o, err);
    }
    boolean terminal = Boolean.getBoolean("fusedsim.stderr.tty");
    int ran;
    SweepDir.Lock lock = dir.lock();
    try {
      ran =
          new SweepRunner(
                  jobs, new PointRunner(Version.get(), exact), progress || terminal ? err : null)
              .run(dir, sweep);
    } finally {
      lock.close();
    }
    o.printf(
        java.util.Locale.ROOT,
        "sweep %s: %d points (%d run now, %d already complete) in %s%n",
        sweep.name(),
        sweep.points().size(),
        ran,
        sweep.points().size() - ran,
        out);
    return SweepCollectCommand.collect(dir, components, false, o, err);
  }

  private int submit(SweepDir dir, Sweep sweep, PrintWriter o, PrintWriter err) throws IOException {
    List<String> pending = new ArrayList<>();
    int nodes = 0;
    for (Point p : sweep.points()) {
      if (!dir.complete(p.id())) {
        pending.add(p.id());
      }
      ParamValues part = p.scenario().sections().get(PartitionParams.KIND);
      if (part != null) {
        nodes = Math.max(nodes, PartitionParams.from(part).nodes());
      }
    }
    if (pending.isEmpty()) {
      o.println("every point is complete; collecting");
      return SweepCollectCommand.collect(dir, new Components(), false, o, err);
    }
    Slurm.Scripts scripts =
        Slurm.write(
            dir,
            sweep.name(),
            pending,
            nodes,
            new Slurm.Options(partition, account, time, batch, mem, slurmCommand));
    o.printf(
        java.util.Locale.ROOT,
        "wrote %s (%d array tasks for %d points) and %s%n",
        scripts.array(),
        scripts.tasks(),
        pending.size(),
        scripts.collect());
    if (scriptOnly) {
      o.println(
          "submit with: sbatch "
              + scripts.array()
              + ", then after it: sbatch "
              + scripts.collect());
      return ExitCodes.OK;
    }
    List<String> ids = Slurm.submit(scripts, await);
    o.printf(
        java.util.Locale.ROOT,
        "submitted job array %s and collect job %s%n",
        ids.get(0),
        ids.get(1));
    if (!await) {
      o.println("fusedsim sweep collect " + dir.root() + " merges the points whenever you like");
      return ExitCodes.OK;
    }
    return SweepCollectCommand.collect(dir, new Components(), false, o, err);
  }
}
