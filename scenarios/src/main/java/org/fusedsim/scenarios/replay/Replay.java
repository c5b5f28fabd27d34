package org.fusedsim.scenarios.replay;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.trace.SyscallClasses;

/**
 * Replays traces under the OS profiles: places the ranks on the job's nodes of one assembled
 * partition, simulates every node (each with its own location, random streams and place on the
 * torus, sharing IO nodes at the partition's ratio), and collects one run record per profile.
 */
public final class Replay {
  /** How many calls the top-calls table lists. */
  static final int TOP = 10;

  /**
   * What to replay.
   *
   * @param traces the loaded traces (rank r replays trace r mod count)
   * @param profiles the profiles, each one of {@link SyscallClasses#PROFILES}
   * @param ranks the number of ranks
   * @param nodes the nodes of the partition shape
   * @param shape the shape as given
   * @param params the replay parameters
   * @param unsupported the unsupported-call policy, or null for each profile's default
   * @param seed the seed of the random streams
   * @param emit whether to collect the simulated records of every rank
   * @param mounts the mount table (from {@code --mount} and the traces' hints)
   * @param overrides component parameters changed on every node ({@code --set})
   */
  public record Setup(
      List<LoadedTrace> traces,
      List<String> profiles,
      int ranks,
      int nodes,
      String shape,
      ReplayParams params,
      Unsupported unsupported,
      long seed,
      boolean emit,
      Mounts mounts,
      NodeOverrides overrides) {}

  /**
   * The result of one profile.
   *
   * @param run the run record for the report writers
   * @param emitted the simulated records of every rank ({@code --emit-cst}), or null
   * @param abort the call the job ended on, or null
   */
  public record Result(RunRecord run, EmittedTrace emitted, NodeReplay.Abort abort) {}

  private final Setup setup;
  private final RoutingTable routing = RoutingTable.load();

  /** Creates the replay. */
  public Replay(Setup setup) {
    this.setup = setup;
  }

  /**
   * Returns the threads every rank gets: the most any trace has, in whole cores (4 threads) beyond
   * 4, since CL places a process on whole cores and the next process starts on the next free SPC.
   */
  public int threadsPerRank() {
    int t = 1;
    for (LoadedTrace lt : setup.traces()) {
      t = Math.max(t, lt.threads());
    }
    return t > 4 ? (t + 3) / 4 * 4 : t;
  }

  /**
   * Returns how many ranks share a node: as many as fit in the application threads of every
   * profile's personality, at most the number of ranks.
   *
   * @throws IllegalArgumentException if one rank does not fit
   */
  public int ranksPerNode() {
    int t = threadsPerRank();
    int fit = Integer.MAX_VALUE;
    for (String p : setup.profiles()) {
      int max = Machines.PERSONALITIES.get(p).appThreads(setup.overrides().sections());
      if (t > max) {
        throw new IllegalArgumentException(
            "a rank has " + t + " threads; " + p + " offers " + max + " per node");
      }
      fit = Math.min(fit, max / t);
    }
    return Math.min(fit, setup.ranks());
  }

  /** Returns how many nodes the ranks occupy. */
  public int nodesUsed() {
    int ppn = ranksPerNode();
    return (setup.ranks() + ppn - 1) / ppn;
  }

  /** Returns the personality of a profile. */
  static String personality(String profile) {
    return profile.startsWith("fusedos") ? "fusedos" : profile;
  }

  /** Runs every profile. */
  public List<Result> run() {
    List<Result> out = new ArrayList<>();
    for (String p : setup.profiles()) {
      out.add(runProfile(p));
    }
    return out;
  }

  private Result runProfile(String profile) {
    int perRank = threadsPerRank();
    int ppn = ranksPerNode();
    int nodes = nodesUsed();
    Unsupported policy =
        setup.unsupported() != null ? setup.unsupported() : Unsupported.defaultFor(profile);
    CallClassifier classifier = new CallClassifier(profile, routing, setup.mounts());
    ReplayStats stats = new ReplayStats();
    long runtimePs = 0;
    long events;
    long simTimePs;
    long weightedRecords;
    long ninepRequests = 0;
    NodeReplay.Abort abort = null;
    EmittedTrace emitted = setup.emit() ? new EmittedTrace() : null;
    Simulation sim = new Simulation();
    Machine machine = machine(sim, profile, nodes, ppn, perRank);
    List<NodeReplay> replays = new ArrayList<>();
    int[] left = {nodes};
    for (int n = 0; n < nodes; n++) {
      List<LoadedTrace> ranks = new ArrayList<>();
      for (int r = n * ppn; r < Math.min(setup.ranks(), (n + 1) * ppn); r++) {
        ranks.add(setup.traces().get(r % setup.traces().size()));
      }
      NodeOs os = machine.node(n);
      NodeReplay nr =
          new NodeReplay(
              os,
              ranks,
              n * ppn,
              perRank,
              setup.params().cpuSpeed(),
              classifier,
              policy,
              stats,
              setup.emit(),
              () -> {
                if (--left[0] == 0) {
                  sim.stop();
                }
              });
      replays.add(nr);
      os.boot(nr.entries());
    }
    // noise never stops the simulation: bound it well beyond what the traces can take
    sim.runUntil(limitPs());
    events = sim.eventCount();
    simTimePs = sim.now();
    weightedRecords = stats.records;
    for (int n = 0; n < nodes; n++) {
      NodeReplay nr = replays.get(n);
      NodeOs os = machine.node(n);
      if (emitted != null) {
        emitted.addSimulated(nr.emitted());
      }
      if (!os.personality().equals("cnk") && !setup.mounts().all().isEmpty()) {
        ninepRequests += machine.ninep(n).requests();
      }
      if (nr.abort() != null || os.jobEnded()) {
        if (abort == null) {
          abort = nr.abort();
        }
        runtimePs = Math.max(runtimePs, sim.now() - Math.max(0, nr.startedAt()));
        continue;
      }
      if (abort == null && !nr.done()) {
        String stuck = machine.stuck();
        throw new org.fusedsim.core.StuckException(
            "replay on node "
                + n
                + " did not finish within the simulation limit"
                + (stuck.isEmpty() ? "" : " (" + stuck + ")"));
      }
      if (nr.done()) {
        runtimePs = Math.max(runtimePs, nr.finishedAt() - nr.startedAt());
      }
    }
    long tracedNs = 0;
    for (LoadedTrace t : setup.traces()) {
      tracedNs = Math.max(tracedNs, t.spanNs());
    }
    Metrics m = new Metrics();
    m.put("replay.ranks", setup.ranks(), "ranks");
    m.put("replay.ranks_per_node", ppn, "ranks");
    m.put("replay.threads_per_rank", perRank, "threads");
    m.put("replay.nodes", nodes, "nodes");
    m.put("replay.nodes_simulated", nodes, "nodes");
    m.put("replay.records", weightedRecords, "records");
    m.put("replay.records_simulated", stats.records, "records");
    m.put("replay.calls_simulated", stats.calls, "calls");
    m.put("replay.skipped", stats.skipped, "calls");
    m.put("replay.think_time", stats.thinkPs / 1000.0, "ns");
    m.put("replay.call_time.service", stats.servicePs / 1000.0, "ns");
    m.put("replay.call_time.blocking", stats.blockingPs / 1000.0, "ns");
    m.put("replay.runtime", runtimePs / 1000.0, "ns");
    m.put("replay.traced_runtime", tracedNs, "ns");
    m.put("replay.runtime_ratio", tracedNs == 0 ? 0 : runtimePs / 1000.0 / tracedNs, "ratio");
    m.put("replay.aborted", abort != null ? 1 : 0, "jobs");
    m.put("replay.ninep_requests", ninepRequests, "requests");
    if (abort != null) {
      m.put("replay.abort_line", abort.line(), "line");
    }
    for (Map.Entry<String, LatencyHistogram> e : stats.classesSorted().entrySet()) {
      m.putLatency(
          "replay.class." + e.getKey().toLowerCase(Locale.ROOT) + ".latency", e.getValue());
    }
    Table.Builder top =
        Table.builder(
            "top_calls",
            "call",
            "class",
            "time",
            "count",
            "total_ns",
            "mean_ns",
            "share_of_thread_time:1");
    // the traced threads of every rank (a rank replays a whole trace: its processes and threads)
    int tracedThreads = 0;
    for (int r = 0; r < Math.max(1, setup.ranks()); r++) {
      tracedThreads += setup.traces().get(r % setup.traces().size()).threads();
    }
    double threadTimeNs = runtimePs / 1000.0 * tracedThreads;
    List<Map.Entry<String, ReplayStats.PerCall>> calls = new ArrayList<>(stats.byCall.entrySet());
    calls.sort(
        Comparator.comparingLong(
                (Map.Entry<String, ReplayStats.PerCall> e) -> -e.getValue().totalPs)
            .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, ReplayStats.PerCall> e : calls.subList(0, Math.min(TOP, calls.size()))) {
      ReplayStats.PerCall c = e.getValue();
      top.row(
          e.getKey(),
          c.cls,
          c.blocking ? "blocking" : "service",
          c.count,
          c.totalPs / 1000.0,
          c.totalPs / 1000.0 / c.count,
          threadTimeNs == 0 ? 0.0 : c.totalPs / 1000.0 / threadTimeNs);
    }
    Table.Builder cls = Table.builder("classes", "class", "calls", "mean_ns", "p99_ns", "total_ns");
    for (Map.Entry<String, LatencyHistogram> e : stats.classesSorted().entrySet()) {
      LatencyHistogram h = e.getValue();
      cls.row(
          e.getKey(),
          h.count(),
          h.mean() / 1000.0,
          h.percentile(99) / 1000.0,
          h.mean() * h.count() / 1000.0);
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "%s: simulated runtime %.1f us against the trace's %.1f us (%s); %d ranks on %d"
                + " nodes of %s (%d per node), every node simulated; a rank replays a whole trace,"
                + " all its processes (CST ranks) and threads",
            profile,
            runtimePs / 1e6,
            tracedNs / 1e3,
            abort != null
                ? "not comparable: the job ended early"
                : String.format(
                    Locale.ROOT, "x%.3f", tracedNs == 0 ? 0 : runtimePs / 1000.0 / tracedNs),
            setup.ranks(),
            nodes,
            setup.shape(),
            ppn));
    notes.add(
        String.format(
            Locale.ROOT,
            "%s: time in calls, summed over the %d traced threads: service %.1f us, blocking"
                + " %.1f us"
                + " (waits for children, futexes, sleeps, descriptors); computation between calls"
                + " %.1f us",
            profile,
            tracedThreads,
            stats.servicePs / 1e6,
            stats.blockingPs / 1e6,
            stats.thinkPs / 1e6));
    if (!setup.overrides().isEmpty()) {
      notes.add(profile + ": parameters " + String.join(", ", setup.overrides().texts()));
    }
    if (!setup.mounts().all().isEmpty()) {
      notes.add(
          profile
              + ": mounts "
              + String.join(", ", setup.mounts().texts())
              + (personality(profile).equals("cnk")
                  ? " (not used: CNK ships every file call but its local ones to the IO node)"
                  : ""));
    }
    if (abort != null) {
      notes.add(
          profile
              + ": job ended at "
              + abort.call()
              + " ("
              + abort.file()
              + ":"
              + abort.line()
              + ", thread "
              + abort.who()
              + ")");
    }
    // where the time goes: total time in system calls per class, every profile on one figure
    List<String> classNames = new ArrayList<>(stats.classesSorted().keySet());
    double[] cx = new double[classNames.size()];
    double[] cy = new double[classNames.size()];
    for (int i = 0; i < cx.length; i++) {
      LatencyHistogram h = stats.classesSorted().get(classNames.get(i));
      cx[i] = i + 1;
      cy[i] = h.mean() * h.count() / 1e9;
    }
    ImmutableList<org.fusedsim.scenarios.run.Chart> charts =
        classNames.isEmpty()
            ? ImmutableList.of()
            : ImmutableList.of(
                org.fusedsim.scenarios.run.Chart.bars(
                    "replay-time-by-class",
                    "Time in system calls by class",
                    "call class",
                    "total time, all threads (ms)",
                    ImmutableList.copyOf(classNames),
                    ImmutableList.of(new org.fusedsim.scenarios.run.Chart.Series(profile, cx, cy)),
                    false));
    RunOutput output =
        new RunOutput(
            simTimePs,
            events,
            m,
            ImmutableList.of(top.build(), cls.build()),
            ImmutableList.copyOf(notes),
            charts);
    return new Result(new RunRecord(profile, 0, output, 0), emitted, abort);
  }

  /**
   * Assembles the partition of one profile: the {@code --shape} torus with its IO nodes shared at
   * {@code io.compute_per_io}, the profile's personality on the job's {@code nodes} nodes (CL with
   * one process per rank), the mount table's ION prefixes on the IO node's 9P export and LOCAL ones
   * in memory, and the {@code --set} overrides.
   */
  private Machine machine(Simulation sim, String profile, int nodes, int ppn, int perRank) {
    Personality personality = Machines.PERSONALITIES.get(profile);
    Sections base = setup.overrides().sections();
    Map<String, String> settings = new LinkedHashMap<>(Machines.PERSONALITIES.settings(profile));
    settings.put("torus.shape", TorusShape.parse(setup.shape()).toString().replaceFirst(":.*", ""));
    Sections cfg = Sections.with(base, settings);
    // CL runs one process per rank where it serves the SPCs; the other personalities place their
    // ranks' threads themselves
    boolean clProcesses =
        personality.sections().contains(org.fusedsim.cl.fusedos.FusedosParams.SPEC);
    java.util.function.IntFunction<Sections> perNode =
        rank -> {
          if (!clProcesses) {
            return cfg;
          }
          int here = Math.min(setup.ranks(), (rank + 1) * ppn) - rank * ppn;
          return Sections.with(
              cfg, Map.of(ClParams.KIND + ".processes", String.valueOf(Math.max(1, here))));
        };
    ImmutableMap.Builder<String, Boolean> mounts = ImmutableMap.builder();
    if (!personality.name().equals("cnk")) {
      for (Mounts.Mount mt : setup.mounts().all()) {
        mounts.put(mt.vfsPrefix(), mt.ion());
      }
    }
    return new Machine(
        sim,
        new Machine.Spec(
            Machines.hardware(cfg),
            Machines.net(cfg),
            cfg,
            personality,
            nodes,
            mounts.buildKeepingLast(),
            new RandomStreams(setup.seed(), 0),
            perNode));
  }

  private long limitPs() {
    long span = 0;
    for (LoadedTrace t : setup.traces()) {
      span = Math.max(span, t.demandNs());
    }
    double scaled = span * 1000.0 * Math.max(1.0, setup.params().cpuSpeed()) * 10;
    return (long) Math.min(Long.MAX_VALUE / 2, Math.max(Machines.LIMIT, scaled));
  }

  /**
   * Builds the scenario the report writers describe a replay with: the command's settings as text
   * and the replay section's values (the trace files by name only, so results do not depend on
   * where they lie).
   */
  public Scenario scenario(List<String> names) {
    StringBuilder text = new StringBuilder();
    text.append("# fusedsim replay\nname: replay\nkind: replay\nseed: ")
        .append(setup.seed())
        .append("\ntraces: [")
        .append(String.join(", ", names))
        .append("]\nprofiles: [")
        .append(String.join(", ", setup.profiles()))
        .append("]\nranks: ")
        .append(setup.ranks())
        .append("\nshape: ")
        .append(setup.shape())
        .append("\nmounts: [")
        .append(String.join(", ", setup.mounts().texts()))
        .append("]\nunsupported: ")
        .append(
            setup.unsupported() == null
                ? "default"
                : setup.unsupported().name().toLowerCase(Locale.ROOT))
        .append(
            setup.overrides().isEmpty()
                ? ""
                : "\nset: [" + String.join(", ", setup.overrides().texts()) + "]")
        .append("\nreplay:\n  cpu_speed: ")
        .append(setup.params().cpuSpeed())
        .append('\n');
    ParamValues values =
        ParamValues.builder(ReplayParams.SPEC).set("cpu_speed", setup.params().cpuSpeed()).build();
    return new Scenario(
        "<replay>",
        text.toString(),
        "replay",
        "replay of " + String.join(", ", names),
        new CommandKind(),
        setup.seed(),
        1,
        ImmutableList.copyOf(setup.profiles()),
        ImmutableMap.of(ReplayParams.KIND, values));
  }

  /**
   * The kind a replay's results carry: a replay is a command over trace files, not a scenario file,
   * so this kind is never loaded or run; {@link #run} says so if anything tries.
   */
  private static final class CommandKind implements ScenarioKind {
    @Override
    public String name() {
      return "replay";
    }

    @Override
    public String description() {
      return "syscall trace replay (fusedsim replay)";
    }

    @Override
    public ImmutableList<org.fusedsim.core.param.ComponentSpec> sections() {
      return ImmutableList.of(ReplayParams.SPEC);
    }

    @Override
    public ImmutableList<MetricPattern> metrics() {
      return MetricPattern.concat(
          MetricPattern.of(
              "replay.ranks",
              "ranks",
              "replay.ranks_per_node",
              "ranks",
              "replay.threads_per_rank",
              "threads",
              "replay.nodes",
              "nodes",
              "replay.nodes_simulated",
              "nodes",
              "replay.records",
              "records",
              "replay.records_simulated",
              "records",
              "replay.calls_simulated",
              "replay.call_time.*",
              "calls",
              "replay.skipped",
              "calls",
              "replay.think_time",
              "ns",
              "replay.call_time.*",
              "ns",
              "replay.runtime",
              "ns",
              "replay.traced_runtime",
              "ns",
              "replay.runtime_ratio",
              "ratio",
              "replay.aborted",
              "jobs",
              "replay.ninep_requests",
              "requests",
              "replay.abort_line",
              "line",
              "replay.class.*.latency.count",
              "samples",
              "replay.class.*.latency.*",
              "ns"),
          Machines.METRICS);
    }

    @Override
    public ImmutableList<String> headline() {
      return ImmutableList.of(
          "replay.runtime",
          "replay.traced_runtime",
          "replay.runtime_ratio",
          "replay.aborted",
          "replay.records",
          "replay.calls_simulated",
          "replay.class.*.latency.mean");
    }

    @Override
    public ImmutableList<String> personalities() {
      return ImmutableList.copyOf(SyscallClasses.PROFILES);
    }

    @Override
    public RunOutput run(Scenario scenario, RunContext context) {
      throw new UnsupportedOperationException("a replay runs from the replay command");
    }
  }
}
