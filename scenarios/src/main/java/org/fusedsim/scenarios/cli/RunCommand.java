package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.load.SetOverride;
import org.fusedsim.scenarios.regress.Verdict;
import org.fusedsim.scenarios.report.OutputDir;
import org.fusedsim.scenarios.report.Outputs;
import org.fusedsim.scenarios.report.ProgressReporter;
import org.fusedsim.scenarios.report.Summary;
import org.fusedsim.scenarios.run.Progress;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim run}: runs a scenario and reports its results. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a scenario file (no argument: the built-in default scenario).",
      "Prints a summary; with --out writes results.json, perf.json and CSV tables."
    })
public final class RunCommand implements Callable<Integer> {
  /** The scenario run when none is given. */
  static final String DEFAULT_SCENARIO = "catalog/fusedos-tour.yaml";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO.yaml",
      description = "Scenario file.")
  Path scenarioFile;

  @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
  String seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Write result files into DIR.")
  Path out;

  @Option(
      names = "--force",
      description = "Replace a non-empty --out directory (the whole of it, when the run is done).")
  boolean force;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a scenario field, e.g. --set phold.lps=4096 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--os",
      paramLabel = "LIST",
      description = "Run under these OS personalities and compare (fusedos,cnk,linux).")
  String os;

  @Option(
      names = "--allow-conflicts",
      description =
          "Boot a RoQ FIFO layout that collides with PAMI (sets roq.allow_conflicts=true): the"
              + " shared FIFOs are used by both and misdelivered packets are counted.")
  boolean allowConflicts;

  @Option(names = "--replications", paramLabel = "N", description = "Independent replications.")
  String replications;

  @Option(
      names = "--trace",
      description = "Write trace.json (Chrome/Perfetto trace events) into --out.")
  boolean trace;

  @Option(
      names = "--trace-limit",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Trace events kept per run; the rest are counted (default ${DEFAULT-VALUE}).")
  int traceLimit;

  @Option(
      names = "--exact",
      description =
          "One event per modelled step: no step is folded into another's event. Same results,"
              + " more events; for checking the folds.")
  boolean exact;

  @Option(
      names = "--progress",
      description = "Report progress on stderr even when it is not a terminal.")
  boolean progress;

  @picocli.CommandLine.Mixin RunChecks checks;

  @picocli.CommandLine.Mixin SummaryOptions summary = new SummaryOptions();

  @Override
  public Integer call() throws IOException {
    Components components = new Components();
    List<SetOverride> overrides = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      overrides.add(SetOverride.parse(sets.get(i), i + 1));
    }
    if (seed != null) {
      overrides.add(SetOverride.ofFlag("--seed", "seed", seed));
    }
    if (replications != null) {
      overrides.add(SetOverride.ofFlag("--replications", "replications", replications));
    }
    if (os != null) {
      overrides.add(SetOverride.ofFlag("--os", "os", os));
    }
    if (allowConflicts) {
      overrides.add(SetOverride.ofFlag("--allow-conflicts", "roq.allow_conflicts", "true"));
    }
    ScenarioLoader loader = new ScenarioLoader(components.kinds());
    Scenario scenario =
        scenarioFile == null
            ? loader.load("<built-in>/" + DEFAULT_SCENARIO, builtIn(DEFAULT_SCENARIO), overrides)
            : loader.load(scenarioFile, overrides);
    if (trace && out == null) {
      throw new InputException(
          new Location("--trace", 1, 1), "--trace writes trace.json and needs --out DIR");
    }
    if (traceLimit < 1) {
      throw new InputException(
          new Location("--trace-limit", 1, 1), "expected a limit >= 1, got " + traceLimit);
    }
    // everything that can be refused is checked before the run: the report files can be
    // written, --out is free, locked and writable; all outputs are put in place only at the end
    checks.prepare();
    List<Path> inputs = new ArrayList<>();
    if (scenarioFile != null) {
      inputs.add(scenarioFile);
    }
    if (checks.baseline != null) {
      inputs.add(checks.baseline);
    }
    try (OutputDir dir = out == null ? null : OutputDir.prepare(out, force, inputs)) {
      checks.openReports(dir);
      // the launcher says whether stderr is a terminal (Java can tell only for stdin and stdout)
      boolean terminal = Boolean.getBoolean("fusedsim.stderr.tty");
      Progress reporter =
          progress || terminal
              ? new ProgressReporter(spec.commandLine().getErr(), terminal && !progress)
              : Progress.NONE;
      List<RunRecord> runs =
          new Runner(trace ? traceLimit : 0, reporter).exact(exact).run(scenario);
      String version = Version.get();
      List<String> written = dir == null ? List.of() : Outputs.write(dir, scenario, version, runs);
      Verdict verdict = checks.check(scenario, version, runs);
      if (dir != null) {
        dir.commit();
      }
      checks.commit();
      spec.commandLine()
          .getOut()
          .print(Summary.render(scenario, runs, written, summary.allMetrics));
      if (trace && !written.contains("trace.json")) {
        spec.commandLine()
            .getOut()
            .println(
                "no trace.json: kind '"
                    + scenario.kind().name()
                    + "' has no timeline (its model traces no events)");
      }
      return RunChecks.report(verdict, spec.commandLine().getOut(), spec.commandLine().getErr());
    } finally {
      checks.close();
    }
  }

  static String builtIn(String resource) throws IOException {
    try (InputStream in = RunCommand.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IOException("built-in resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
