package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.bgq.torus.ShapeException;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.replay.EmittedTrace;
import org.fusedsim.scenarios.replay.LoadedTrace;
import org.fusedsim.scenarios.replay.Mounts;
import org.fusedsim.scenarios.replay.NodeOverrides;
import org.fusedsim.scenarios.replay.Replay;
import org.fusedsim.scenarios.replay.ReplayBudget;
import org.fusedsim.scenarios.replay.ReplayParams;
import org.fusedsim.scenarios.replay.Unsupported;
import org.fusedsim.scenarios.report.AtomicFile;
import org.fusedsim.scenarios.report.OutputDir;
import org.fusedsim.scenarios.report.Outputs;
import org.fusedsim.scenarios.report.Summary;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.trace.CstWriter;
import org.fusedsim.scenarios.trace.SyscallClasses;
import org.fusedsim.scenarios.trace.TraceFormat;
import org.fusedsim.scenarios.trace.TraceHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fusedsim replay}: replays syscall traces on simulated BG/Q nodes under the OS profiles.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays syscall traces (CST or strace, recognised by content) on simulated BG/Q nodes",
      "under each OS profile, and reports calls and latency per class, the top calls, the",
      "simulated runtime against the trace's own, and the call a profile ends the job on.",
      "An MPI program's SimGrid time-independent trace (--format ti, or recognised by content)",
      "runs rank by rank on the partition under each personality: compute, PAMI, collectives.",
      "A job that a profile ends is a result (exit 0); bad input is exit 2."
    })
public final class ReplayCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "TRACE", description = "Trace files, one per rank.")
  List<String> traces;

  @Option(
      names = "--format",
      paramLabel = "F",
      description =
          "cst, strace or ti (SimGrid's time-independent MPI traces; default: by content).")
  String format;

  @Option(
      names = "--profile",
      paramLabel = "P",
      split = ",",
      description =
          "Profiles: fusedos-released, fusedos-cnkcompat, cnk, linux (default: all four).")
  List<String> profiles;

  @Option(
      names = "--ranks",
      paramLabel = "N",
      description = "Ranks (default: one per trace); rank r replays trace r mod the trace count.")
  Integer ranks;

  @Option(
      names = "--shape",
      paramLabel = "S",
      defaultValue = "midplane",
      description =
          "Partition: AxBxCxDxE or nodeboard, midplane, rack, mira, sequoia (default"
              + " ${DEFAULT-VALUE}).")
  String shape;

  @Option(
      names = "--cpu-speed",
      paramLabel = "X",
      description = "Slowdown of the A2 against the traced machine (default: replay.cpu_speed).")
  Double cpuSpeed;

  @Option(
      names = "--unsupported",
      paramLabel = "POLICY",
      description =
          "abort, errno or skip (default: abort for fusedos-released, errno for the others).")
  String unsupported;

  @Option(names = "--out", paramLabel = "DIR", description = "Write result files into DIR.")
  Path out;

  @Option(
      names = "--force",
      description =
          "Replace a non-empty --out directory (the whole of it, when the replay is done).")
  boolean force;

  @Option(
      names = "--emit-cst",
      paramLabel = "FILE",
      description =
          "Write the simulated trace of every rank (with class= and t_* attributes); with"
              + " several profiles, one file per profile named FILE with the profile before the"
              + " extension.")
  Path emitCst;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default 1).")
  long seed;

  @Option(
      names = "--mount",
      paramLabel = "PREFIX=CLASS",
      description =
          "A mount of the partition: PREFIX=ION (on the IO node: 9P under FusedOS and Linux) or"
              + " PREFIX=LOCAL; repeatable; overrides the traces' @mount hints (default: none,"
              + " FusedOS and Linux serve files from the node's own VFS).")
  List<String> mounts;

  @Option(
      names = "--set",
      paramLabel = "SECTION.PARAM=VALUE",
      description =
          "Change one component parameter on every simulated node (sections and parameters as"
              + " in docs/parameters.md, e.g. linux.irq_entry=600cycles); repeatable.")
  List<String> sets;

  @Option(
      names = "--allow-unknown-calls",
      description =
          "Replay calls the call table does not list instead of refusing the trace (exit 2):"
              + " class UNS, under the --unsupported policy.")
  boolean allowUnknownCalls;

  @Option(
      names = "--max-records",
      paramLabel = "N",
      description =
          "The most records the replay holds in memory, over all traces (default: half the"
              + " maximum heap at 64 bytes a record); a larger trace is exit 2 at the record"
              + " that exceeds it.")
  Long maxRecords;

  @picocli.CommandLine.Mixin SummaryOptions summary = new SummaryOptions();

  @Override
  public Integer call() throws IOException {
    if ("ti".equals(format)
        || (format == null
            && !traces.get(0).equals("-")
            && org.fusedsim.scenarios.app.TiTrace.looksLike(Path.of(traces.get(0))))) {
      return replayTi();
    }
    TraceFormat f = ConvertCommand.parseFormat(format);
    List<String> ps = profiles == null ? SyscallClasses.PROFILES : profiles;
    for (String p : ps) {
      if (!SyscallClasses.REPLAY_PROFILES.contains(p)) {
        throw bad(
            "--profile: unknown profile '"
                + p
                + "' (expected one of "
                + SyscallClasses.REPLAY_PROFILES
                + ")");
      }
    }
    if (seed < 0) {
      throw bad("--seed: expected a seed >= 0, found " + seed);
    }
    int n = ranks == null ? traces.size() : ranks;
    if (n < 1) {
      throw bad("--ranks: must be >= 1, found " + n);
    }
    int nodes = nodes(shape);
    Unsupported policy;
    try {
      policy = unsupported == null ? null : Unsupported.parse(unsupported);
    } catch (IllegalArgumentException e) {
      throw bad("--unsupported: expected abort, errno or skip, found '" + unsupported + "'");
    }
    ReplayParams params = ReplayParams.defaults();
    if (cpuSpeed != null) {
      if (!(cpuSpeed >= 0.01 && cpuSpeed <= 1000)) {
        throw bad("--cpu-speed: must be in [0.01, 1000], found " + cpuSpeed);
      }
      params = new ReplayParams(cpuSpeed);
    }
    List<Mounts.Mount> configured = new ArrayList<>();
    for (String m : mounts == null ? List.<String>of() : mounts) {
      try {
        configured.add(Mounts.parse(m, "--mount"));
      } catch (IllegalArgumentException e) {
        throw bad("--mount: " + e.getMessage());
      }
    }
    NodeOverrides overrides = NodeOverrides.parse(sets == null ? List.of() : sets);
    ReplayBudget budget;
    try {
      budget =
          new ReplayBudget(
              maxRecords == null ? ReplayBudget.defaultMaxRecords() : maxRecords,
              params.cpuSpeed());
    } catch (IllegalArgumentException e) {
      throw bad("--max-records: " + e.getMessage());
    }
    LoadedTrace.Options options =
        new LoadedTrace.Options(
            ConvertCommand.knownCalls(allowUnknownCalls), budget, emitCst != null);
    List<LoadedTrace> loaded = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String t : traces) {
      loaded.add(LoadedTrace.read(t, f, options));
      Path fn = Path.of(t).getFileName();
      names.add(fn == null ? t : fn.toString());
    }
    Replay replay =
        new Replay(
            new Replay.Setup(
                loaded,
                ps,
                n,
                nodes,
                shape,
                params,
                policy,
                seed,
                emitCst != null,
                Mounts.of(configured, loaded),
                overrides));
    int used;
    try {
      used = replay.nodesUsed();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    if (used > nodes) {
      throw tooFewNodes(n, used, replay.ranksPerNode(), nodes);
    }
    // --out and every --emit-cst file are checked (and reserved) before the run, written after
    // it, and put in place together at the end
    List<AtomicFile> csts = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    for (String t : traces) {
      if (!t.equals("-")) {
        inputs.add(Path.of(t));
      }
    }
    try (OutputDir dir = out == null ? null : OutputDir.prepare(out, force, inputs)) {
      if (emitCst != null) {
        for (String p : ps) {
          Path file = ps.size() == 1 ? emitCst : perProfile(emitCst, p);
          csts.add(
              dir == null ? AtomicFile.open(file, "--emit-cst") : dir.open(file, "--emit-cst"));
        }
      }
      List<Replay.Result> results = replay.run();
      List<RunRecord> runs = new ArrayList<>();
      for (Replay.Result r : results) {
        runs.add(r.run());
      }
      Scenario s = replay.scenario(names);
      List<String> written = new ArrayList<>();
      if (dir != null) {
        written.addAll(Outputs.write(dir, s, Version.get(), runs));
      }
      for (int i = 0; i < csts.size(); i++) {
        writeCst(csts.get(i), results.get(i).emitted(), ps.get(i));
      }
      if (dir != null) {
        dir.commit();
      }
      for (int i = 0; i < csts.size(); i++) {
        csts.get(i).commit();
        written.add((ps.size() == 1 ? emitCst : perProfile(emitCst, ps.get(i))).toString());
      }
      PrintWriter o = spec.commandLine().getOut();
      o.print(Summary.render(s, runs, written, summary.allMetrics));
      o.flush();
      return ExitCodes.OK;
    } finally {
      csts.forEach(AtomicFile::close);
    }
  }

  /**
   * Replays an MPI program's time-independent trace (all of its ranks, from the files given) on the
   * partition under each personality.
   */
  private int replayTi() throws IOException {
    if (emitCst != null || mounts != null || ranks != null || maxRecords != null) {
      throw bad(
          "--format ti: --emit-cst, --mount, --ranks and --max-records apply to syscall traces;"
              + " an MPI trace has its own ranks");
    }
    List<String> ps = profiles == null ? Machines.PERSONALITIES.baseNames() : profiles;
    for (String p : ps) {
      if (!Machines.PERSONALITIES.names().contains(p)) {
        throw bad(
            "--profile: unknown personality '"
                + p
                + "' (expected one of "
                + Machines.PERSONALITIES.names()
                + ")");
      }
    }
    if (seed < 0) {
      throw bad("--seed: expected a seed >= 0, found " + seed);
    }
    int nodes = nodes(shape);
    NodeOverrides overrides =
        NodeOverrides.parse(
            sets == null ? List.of() : sets,
            com.google.common.collect.ImmutableList.of(org.fusedsim.scenarios.app.TiParams.SPEC));
    org.fusedsim.scenarios.app.TiTrace trace = org.fusedsim.scenarios.app.TiTrace.read(traces);
    org.fusedsim.scenarios.app.TiReplay replay =
        new org.fusedsim.scenarios.app.TiReplay(
            new org.fusedsim.scenarios.app.TiReplay.Setup(trace, ps, shape, seed, overrides));
    if (replay.nodesUsed() > nodes) {
      throw tooFewNodes(trace.ranks(), replay.nodesUsed(), replay.ranksPerNode(), nodes);
    }
    List<String> names = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    for (String t : traces) {
      Path fn = Path.of(t).getFileName();
      names.add(fn == null ? t : fn.toString());
      inputs.add(Path.of(t));
    }
    try (OutputDir dir = out == null ? null : OutputDir.prepare(out, force, inputs)) {
      List<RunRecord> runs = replay.run();
      Scenario s = replay.scenario(names);
      List<String> written = new ArrayList<>();
      if (dir != null) {
        written.addAll(Outputs.write(dir, s, Version.get(), runs));
        dir.commit();
      }
      PrintWriter o = spec.commandLine().getOut();
      o.print(Summary.render(s, runs, written, summary.allMetrics));
      o.flush();
      return ExitCodes.OK;
    }
  }

  private static void writeCst(AtomicFile target, EmittedTrace recs, String profile)
      throws IOException {
    try (OutputStream os = target.stream();
        CstWriter w = new CstWriter(os)) {
      w.magic();
      w.write(
          new TraceHeader(
              "clock",
              List.of(),
              List.of(
                  new org.fusedsim.scenarios.trace.Attr("unit", "ns"),
                  new org.fusedsim.scenarios.trace.Attr("origin", "job-start")),
              0));
      w.write(
          new TraceHeader(
              "source",
              List.of(),
              List.of(
                  new org.fusedsim.scenarios.trace.Attr("tool", "simulator"),
                  new org.fusedsim.scenarios.trace.Attr("profile", profile)),
              0));
      recs.forEach(w::write);
    }
  }

  static Path perProfile(Path file, String profile) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String n =
        dot > 0
            ? name.substring(0, dot) + "." + profile + name.substring(dot)
            : name + "." + profile;
    return file.resolveSibling(n);
  }

  /** Returns the nodes of a partition shape (AxBxCxDxE or a preset name of {@link TorusShape}). */
  static int nodes(String shape) {
    try {
      return TorusShape.parse(shape).nodeCount();
    } catch (ShapeException e) {
      throw bad("--shape: " + e.getMessage());
    }
  }

  private InputException tooFewNodes(int ranks, int used, int perNode, int nodes) {
    return bad(
        ranks
            + " ranks need "
            + used
            + " nodes ("
            + perNode
            + " per node); "
            + shape
            + " has "
            + nodes);
  }

  private static InputException bad(String msg) {
    return new InputException(new Location("command-line", 1, 1), msg);
  }
}
