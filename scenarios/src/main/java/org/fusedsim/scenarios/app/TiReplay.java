package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.replay.NodeOverrides;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Table;

/**
 * Replays an MPI program's time-independent trace on the partition, one run per personality: rank
 * {@code r} is application thread {@code r mod ranks_per_node} of node {@code r / ranks_per_node},
 * booted and launched by the node's OS. A compute action is floating-point work on the rank's
 * hardware thread under its OS; a point-to-point action goes through PAMI on the Messaging Units
 * and the torus (a receive takes the rank's next message: matching is by count, not by source or
 * tag); a barrier, broadcast or reduction waits for every rank and then takes the class-route
 * collective's time on the partition; an all-to-all is every rank's messages to every other.
 */
public final class TiReplay {
  /**
   * What to replay.
   *
   * @param trace the program
   * @param personalities the personalities (or variants) to run it under
   * @param shape the partition
   * @param seed the run's seed
   * @param overrides component parameters for every node ({@code --set})
   */
  public record Setup(
      TiTrace trace,
      List<String> personalities,
      String shape,
      long seed,
      NodeOverrides overrides) {}

  private final Setup setup;
  private final TiParams params;

  /** Creates the replay. */
  public TiReplay(Setup setup) {
    this.setup = setup;
    ParamValues ti = setup.overrides().get(TiParams.KIND);
    this.params = ti == null ? TiParams.defaults() : TiParams.from(ti);
  }

  private String profileName() {
    return params.profile() == null ? "none" : params.profile().name();
  }

  /** Returns the ranks each node holds. */
  public int ranksPerNode() {
    int ppn = PamiParams.from(setup.overrides().sections().section(PamiParams.KIND)).ranksPerNode();
    return Math.min(ppn, setup.trace().ranks());
  }

  /** Returns how many nodes the ranks occupy. */
  public int nodesUsed() {
    int ppn = ranksPerNode();
    return (setup.trace().ranks() + ppn - 1) / ppn;
  }

  /** Runs every personality; one record each. */
  public List<RunRecord> run() {
    List<RunRecord> out = new ArrayList<>();
    for (String p : setup.personalities()) {
      out.add(new RunRecord(p, 0, runOne(p), 0));
    }
    return out;
  }

  private RunOutput runOne(String personality) {
    TiTrace trace = setup.trace();
    int ranks = trace.ranks();
    int ppn = ranksPerNode();
    int nodes = nodesUsed();
    Simulation sim = new Simulation();
    Map<String, String> settings =
        new LinkedHashMap<>(Machines.PERSONALITIES.settings(personality));
    TorusShape shape = TorusShape.parse(setup.shape());
    settings.put("torus.shape", shape.toString().replaceFirst(":.*", ""));
    Sections cfg = Sections.with(setup.overrides().sections(), settings);
    Placement where = Placement.prefix(new Torus(Machines.hardware(cfg).torus().shape()), nodes);
    AppRun.JobSpec job = new AppRun.JobSpec("ti", trace.program(), where, ppn, 1);
    Machine machine =
        AppMachine.build(
            sim,
            cfg,
            personality,
            List.of(job),
            ImmutableMap.of(),
            new RandomStreams(setup.seed(), 0));
    AppRun app = new AppRun(machine, List.of(job), params);
    app.boot();
    // noise never stops the simulation: the last rank's exit does
    sim.runUntil(Time.s(3600));
    if (!app.done()) {
      String stuck = machine.stuck();
      throw new StuckException(
          "the MPI trace did not finish: "
              + app.waiting()
              + (stuck.isEmpty() ? "" : " (" + stuck + ")"));
    }
    AppRun.Job program = app.jobs().get(0);
    Metrics m = new Metrics();
    m.put("ti.ranks", ranks, "ranks");
    m.put("ti.ranks_per_node", ppn, "ranks");
    m.put("ti.nodes", nodes, "nodes");
    m.put("ti.actions", trace.size(), "actions");
    m.put("ti.runtime", Time.toNanos(program.runtime()), "ns");
    m.put("ti.compute_time", Time.toNanos(program.computePs()) / ranks, "ns");
    m.put("ti.mpi_time", Time.toNanos(program.mpiPs()) / ranks, "ns");
    double total = program.computePs() + program.mpiPs();
    m.put("ti.mpi_share", total > 0 ? program.mpiPs() / total : 0, "1");
    m.put("ti.messages", program.messages(), "messages");
    m.put("ti.collectives", program.collectives(), "calls");
    PamiNetwork pami = machine.pami();
    m.put("ti.messages.eager", pami.eagerMessages(), "messages");
    m.put("ti.messages.rendezvous", pami.rendezvousMessages(), "messages");
    m.put("ti.messages.shared_memory", pami.sharedMemoryMessages(), "messages");
    machine.node(0).report(m);
    Table.Builder t = Table.builder("ti-ranks", "rank:-", "compute:ns", "mpi:ns", "end:ns");
    for (int r = 0; r < ranks; r++) {
      t.row(
          r,
          Time.toNanos(program.computePs(r)),
          Time.toNanos(program.mpiPs(r)),
          Time.toNanos(program.endOf(r)));
    }
    String note =
        String.format(
            Locale.ROOT,
            "%s: %d ranks on %d nodes (%d per node): %.1f us from the first rank's start to the"
                + " last rank's end; per rank %.1f us computing and %.1f us in MPI (%.0f%%)",
            personality,
            ranks,
            nodes,
            ppn,
            Time.toMicros(program.runtime()),
            Time.toMicros(program.computePs()) / ranks,
            Time.toMicros(program.mpiPs()) / ranks,
            100 * (total > 0 ? program.mpiPs() / total : 0));
    return new RunOutput(
        sim.now(), sim.eventCount(), m, ImmutableList.of(t.build()), ImmutableList.of(note));
  }

  /**
   * The scenario the report writers describe a replay of a time-independent trace with: the
   * command's settings as text.
   */
  public Scenario scenario(List<String> names) {
    StringBuilder text = new StringBuilder();
    text.append("# fusedsim replay --format ti\nname: replay\nkind: ti-replay\nseed: ")
        .append(setup.seed())
        .append("\ntraces: [")
        .append(String.join(", ", names))
        .append("]\npersonalities: [")
        .append(String.join(", ", setup.personalities()))
        .append("]\nshape: ")
        .append(setup.shape())
        .append(
            setup.overrides().isEmpty()
                ? ""
                : "\nset: [" + String.join(", ", setup.overrides().texts()) + "]")
        .append("\nti:\n  flops_per_instruction: ")
        .append(params.flopsPerInstruction())
        .append("\n  profile: ")
        .append(profileName())
        .append('\n');
    ParamValues values =
        ParamValues.builder(TiParams.SPEC)
            .set("flops_per_instruction", params.flopsPerInstruction())
            .set("profile", profileName())
            .build();
    return new Scenario(
        "<replay>",
        text.toString(),
        "replay",
        "replay of the MPI trace " + String.join(", ", names),
        new CommandKind(),
        setup.seed(),
        1,
        ImmutableList.copyOf(setup.personalities()),
        ImmutableMap.of(TiParams.KIND, values));
  }

  /** The kind a replay's results carry; never loaded or run from a scenario file. */
  private static final class CommandKind implements ScenarioKind {
    @Override
    public String name() {
      return "ti-replay";
    }

    @Override
    public String description() {
      return "MPI time-independent trace replay (fusedsim replay --format ti)";
    }

    @Override
    public ImmutableList<org.fusedsim.core.param.ComponentSpec> sections() {
      return ImmutableList.of(TiParams.SPEC);
    }

    @Override
    public ImmutableList<MetricPattern> metrics() {
      return MetricPattern.concat(
          MetricPattern.of(
              "ti.ranks", "ranks",
              "ti.ranks_per_node", "ranks",
              "ti.nodes", "nodes",
              "ti.actions", "actions",
              "ti.runtime", "ns",
              "ti.compute_time", "ns",
              "ti.mpi_time", "ns",
              "ti.mpi_share", "1",
              "ti.messages", "messages",
              "ti.messages.*", "messages",
              "ti.collectives", "calls"),
          Machines.METRICS);
    }

    @Override
    public ImmutableList<String> headline() {
      return ImmutableList.of(
          "ti.runtime", "ti.compute_time", "ti.mpi_time", "ti.mpi_share", "ti.messages");
    }

    @Override
    public ImmutableList<String> personalities() {
      return Machines.PERSONALITIES.baseNames();
    }

    @Override
    public RunOutput run(Scenario scenario, RunContext context) {
      throw new UnsupportedOperationException("a trace replay runs from the replay command");
    }
  }
}
