package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.pami.CollectiveResult;
import org.fusedsim.net.pami.Collectives;
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
    this.params = TiParams.defaults();
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

  private Machine machine(Simulation sim, String name, int nodes, int ppn) {
    Personality personality = Machines.PERSONALITIES.get(name);
    Map<String, String> settings = new LinkedHashMap<>(Machines.PERSONALITIES.settings(name));
    settings.put("torus.shape", TorusShape.parse(setup.shape()).toString().replaceFirst(":.*", ""));
    settings.put(PamiParams.KIND + ".ranks_per_node", String.valueOf(ppn));
    Sections cfg = Sections.with(setup.overrides().sections(), settings);
    // CL runs one process per rank where it serves the SPCs
    boolean cl = personality.sections().contains(org.fusedsim.cl.fusedos.FusedosParams.SPEC);
    int ranks = setup.trace().ranks();
    java.util.function.IntFunction<Sections> perNode =
        node -> {
          if (!cl) {
            return cfg;
          }
          int here = Math.min(ranks, (node + 1) * ppn) - node * ppn;
          return Sections.with(
              cfg, Map.of(ClParams.KIND + ".processes", String.valueOf(Math.max(1, here))));
        };
    return new Machine(
        sim,
        new Machine.Spec(
            Machines.hardware(cfg),
            Machines.net(cfg),
            cfg,
            personality,
            nodes,
            ImmutableMap.of(),
            new RandomStreams(setup.seed(), 0),
            perNode));
  }

  private RunOutput runOne(String personality) {
    TiTrace trace = setup.trace();
    int ranks = trace.ranks();
    int ppn = ranksPerNode();
    int nodes = nodesUsed();
    Simulation sim = new Simulation();
    Machine machine = machine(sim, personality, nodes, ppn);
    Program program = new Program(machine, trace, ppn, params);
    for (int n = 0; n < nodes; n++) {
      NodeOs os = machine.node(n);
      Runnable[] entries = new Runnable[Math.min(ppn, ranks - n * ppn)];
      for (int t = 0; t < entries.length; t++) {
        int rank = n * ppn + t;
        entries[t] = () -> program.start(rank);
      }
      os.boot(entries);
    }
    // noise never stops the simulation: the last rank's exit does
    sim.runUntil(Time.s(3600));
    if (!program.done()) {
      String stuck = machine.stuck();
      throw new StuckException(
          "the MPI trace did not finish: "
              + program.waiting()
              + (stuck.isEmpty() ? "" : " (" + stuck + ")"));
    }
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

  /** The ranks' programs running on the machine. */
  private static final class Program {
    private final Machine machine;
    private final TiTrace trace;
    private final int ppn;
    private final TiParams params;
    private final PamiNetwork pami;
    private final Collectives closed;
    private final Simulation sim;
    private final int[] next;
    private final int[] pendingRecvs;
    private final long[] computePs;
    private final long[] mpiPs;
    private final long[] end;
    private long firstStart = -1;
    private int finished;
    private long messages;
    private long collectives;
    // the collective under way: ranks arrived, and what each does once it is over
    private int arrived;
    private final Runnable[] afterCollective;

    Program(Machine machine, TiTrace trace, int ppn, TiParams params) {
      this.machine = machine;
      this.trace = trace;
      this.ppn = ppn;
      this.params = params;
      this.pami = machine.pami();
      this.sim = machine.sim();
      this.closed =
          Collectives.closedForm(
              machine.classRoute(),
              machine.spec().hardware().mu(),
              machine.spec().net().pami(),
              machine.jobNodes());
      int n = trace.ranks();
      next = new int[n];
      pendingRecvs = new int[n];
      computePs = new long[n];
      mpiPs = new long[n];
      end = new long[n];
      afterCollective = new Runnable[n];
    }

    private NodeOs os(int r) {
      return machine.node(r / ppn);
    }

    private NetThread thread(int r) {
      return pami.thread(r);
    }

    void start(int r) {
      if (firstStart < 0) {
        firstStart = sim.now();
      }
      step(r);
    }

    /** Rank {@code r} goes on with its next action. */
    private void step(int r) {
      List<TiTrace.Action> actions = trace.actions(r);
      if (next[r] == actions.size()) {
        end[r] = sim.now();
        os(r)
            .exit(
                r % ppn,
                () -> {
                  if (++finished == trace.ranks()) {
                    sim.stop();
                  }
                });
        return;
      }
      TiTrace.Action a = actions.get(next[r]++);
      long t0 = sim.now();
      Runnable mpiDone =
          () -> {
            mpiPs[r] += sim.now() - t0;
            step(r);
          };
      switch (a.kind()) {
        case INIT, FINALIZE -> step(r);
        case COMPUTE -> compute(r, a.flops(), () -> step(r));
        case SLEEP ->
            sim.schedule(
                Math.round(a.seconds() * Time.S),
                () -> {
                  computePs[r] += sim.now() - t0;
                  step(r);
                });
        case SEND, ISEND -> {
          messages++;
          pami.send(r, a.peer(), a.bytes(), mpiDone, () -> {});
        }
        case IRECV -> {
          pendingRecvs[r]++;
          step(r);
        }
        case RECV -> pami.expect(r, 1, mpiDone);
        case WAIT, WAITALL -> {
          int n = a.kind() == TiTrace.Kind.WAIT ? Math.min(1, pendingRecvs[r]) : pendingRecvs[r];
          pendingRecvs[r] -= n;
          pami.expect(r, n, mpiDone);
        }
        case BARRIER -> collective(r, closed.classRoute("barrier", 0), 0, mpiDone);
        case BCAST -> collective(r, closed.classRoute("broadcast", a.bytes()), 0, mpiDone);
        case REDUCE, ALLREDUCE ->
            collective(r, closed.classRoute("allreduce", a.bytes()), a.flops(), mpiDone);
        case ALLTOALL -> alltoall(r, a.bytes(), mpiDone);
      }
    }

    private void compute(int r, double flops, Runnable then) {
      long t0 = sim.now();
      double instructions = flops / params.flopsPerInstruction();
      os(r)
          .compute(
              r % ppn,
              Work.floatingPoint(instructions),
              () -> {
                computePs[r] += sim.now() - t0;
                then.run();
              });
    }

    /**
     * A collective of every rank: each waits as MPI waits until the last has arrived, then all go
     * on after the class route's time; a reduction's combine ({@code flops}) runs on each rank.
     */
    private void collective(int r, CollectiveResult cost, double flops, Runnable then) {
      afterCollective[r] = flops > 0 ? () -> compute(r, flops, then) : then;
      if (++arrived == trace.ranks()) {
        arrived = 0;
        collectives++;
        sim.schedule(
            cost.latencyPs(),
            () -> {
              for (int k = 0; k < trace.ranks(); k++) {
                Runnable go = afterCollective[k];
                afterCollective[k] = null;
                thread(k).wake(go);
              }
            });
      }
      thread(r).sleep();
    }

    /** An all-to-all: messages to every other rank in turn, then all of theirs. */
    private void alltoall(int r, long bytes, Runnable then) {
      int n = trace.ranks();
      sendTo(r, 1, n, bytes, () -> pami.expect(r, n - 1, then));
    }

    private void sendTo(int r, int k, int n, long bytes, Runnable then) {
      if (k == n) {
        then.run();
        return;
      }
      messages++;
      pami.send(r, (r + k) % n, bytes, () -> sendTo(r, k + 1, n, bytes, then), () -> {});
    }

    boolean done() {
      return finished == trace.ranks();
    }

    String waiting() {
      List<String> w = new ArrayList<>();
      for (int r = 0; r < trace.ranks() && w.size() < 8; r++) {
        if (next[r] < trace.actions(r).size() || end[r] == 0) {
          TiTrace.Action a = trace.actions(r).get(Math.max(0, next[r] - 1));
          w.add("rank " + r + " at " + a.where());
        }
      }
      return String.join(", ", w);
    }

    long runtime() {
      long last = 0;
      for (long e : end) {
        last = Math.max(last, e);
      }
      return last - firstStart;
    }

    long computePs() {
      long s = 0;
      for (long c : computePs) {
        s += c;
      }
      return s;
    }

    long mpiPs() {
      long s = 0;
      for (long c : mpiPs) {
        s += c;
      }
      return s;
    }

    long computePs(int r) {
      return computePs[r];
    }

    long mpiPs(int r) {
      return mpiPs[r];
    }

    long endOf(int r) {
      return end[r] - firstStart;
    }

    long messages() {
      return messages;
    }

    long collectives() {
      return collectives;
    }
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
        .append('\n');
    ParamValues values =
        ParamValues.builder(TiParams.SPEC)
            .set("flops_per_instruction", params.flopsPerInstruction())
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
