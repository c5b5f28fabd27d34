package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Locale;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: mpi-alltoall}: MPI alltoall time against message size on one partition, split into
 * the network part and the per-rank software part.
 */
public final class MpiAlltoallKind implements ScenarioKind {
  static final ComponentSpec SPEC =
      ComponentSpec.of(
          "mpi_alltoall",
          "scenarios",
          "MPI alltoall sweep over message sizes per rank pair.",
          Parameter.builder("min_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("8B")
              .range("1B", "1GiB")
              .source("experiment design")
              .description("smallest message per rank pair")
              .build(),
          Parameter.builder("max_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("64KiB")
              .range("1B", "1GiB")
              .source("experiment design")
              .description("largest message per rank pair")
              .build(),
          Parameter.builder("size_factor", ParamType.INTEGER)
              .defaultValue("4")
              .range("2", "1024")
              .source("experiment design")
              .description(
                  "each size is this many times the previous; max_size always ends the sweep")
              .build(),
          Parameter.builder("network", ParamType.CHOICE)
              .defaultValue("simulated")
              .choices("simulated", "classes")
              .source(
                  "experiment design: simulated runs the machine, PAMI and the torus flow by"
                      + " flow; classes folds the torus by translation (AlltoallClasses) where"
                      + " flow by flow takes too long (a midplane and above)")
              .description(
                  "how the network part is found: the whole machine simulated, or the flow"
                      + " level's sharing of a uniform all-to-all by translation classes")
              .build());

  @Override
  public String name() {
    return "mpi-alltoall";
  }

  @Override
  public String description() {
    return "MPI alltoall time: network against per-rank software cost";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return MpiKinds.sections(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of("alltoall.*.latency", "ns"),
        MetricPattern.of("mpi.alltoall.*.*.peak_fraction", "1"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("alltoall.*.latency", "mpi.alltoall.*.*.peak_fraction");
  }

  @Override
  public ImmutableList<String> personalities() {
    return MpiKinds.PERSONALITIES;
  }

  @Override
  public void check(Scenario scenario) {
    MpiKinds.check(scenario);
    ParamValues v = scenario.section("mpi_alltoall");
    if (v.size("min_size").bytes() > v.size("max_size").bytes()) {
      throw new CheckException("mpi_alltoall", "min_size", "min_size is above max_size");
    }
    if (v.text("network").equals("classes")) {
      var tp = Machines.hardware(scenario).torus();
      if (!AlltoallClasses.applies(tp.shape(), tp.tieBreak())) {
        throw new CheckException(
            "mpi_alltoall",
            "network",
            "classes needs a torus in every dimension (no sub-block mesh) and a tie_break that"
                + " does not look at the source (plus or split), not "
                + tp.shape()
                + " with "
                + tp.tieBreak().name().toLowerCase(Locale.ROOT));
      }
      if (Machines.jobNodes(scenario::section, Integer.MAX_VALUE) != tp.shape().nodeCount()) {
        throw new CheckException(
            "mpi_alltoall",
            "network",
            "classes runs on the whole partition: leave partition.nodes at 0 (the fold needs"
                + " every node of the torus in the all-to-all)");
      }
    }
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    ParamValues v = scenario.section("mpi_alltoall");
    if (v.text("network").equals("classes")) {
      return runClasses(scenario, context, v);
    }
    Simulation sim = context.newSimulation(1024);
    Machine machine = Machines.build(sim, scenario, context, Integer.MAX_VALUE, ImmutableMap.of());
    PamiParams p = machine.spec().net().pami();
    int nodes = machine.jobNodes();
    int ppn = p.ranksPerNode();
    int ranks = nodes * ppn;
    Table.Builder t = table();
    Metrics m = new Metrics();
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d nodes x %d ranks = %d ranks (%s) under %s; node pairs exchange one aggregate"
                + " message through the Messaging Units at the %s level, every rank runs its share"
                + " of the software on its hardware thread",
            nodes,
            ppn,
            ranks,
            machine.hardware().torus().shape(),
            context.personality(),
            machine.hardware().network().fidelity().name().toLowerCase(Locale.ROOT)));
    List<Long> sizes =
        MpiKinds.sizes(
            v.size("min_size").bytes(), v.size("max_size").bytes(), v.integer("size_factor"));
    int[] nodeList = new int[nodes];
    int[] all = new int[ranks];
    for (int i = 0; i < nodes; i++) {
      nodeList[i] = i;
    }
    for (int r = 0; r < ranks; r++) {
      all[r] = r;
    }
    RankJob job = new RankJob(machine, nodeList, ppn);
    PamiNetwork pami = job.pami();
    long[][] res = new long[sizes.size()][3];
    int[] k = {0};
    boolean[] done = {false};
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          if (k[0] == sizes.size()) {
            done[0] = true;
            sim.stop();
            return;
          }
          int i = k[0];
          long size = sizes.get(i);
          long aggregate = (long) ppn * ppn * size;
          long software = software(p, nodes, ppn, size);
          long start = sim.now();
          long[] network = {start};
          res[i][2] = software;
          job.phase(
              all,
              (rank, finished) -> {
                Runnable own =
                    () -> job.thread(rank).compute(p.collectiveOverheadPs() + software, finished);
                if (rank % ppn != 0 || nodes == 1) {
                  own.run();
                  return;
                }
                int node = rank / ppn;
                sendAll(
                    pami,
                    node,
                    1,
                    nodes,
                    ppn,
                    aggregate,
                    () ->
                        pami.expect(
                            rank,
                            nodes - 1,
                            () -> {
                              network[0] = Math.max(network[0], sim.now());
                              pami.waitSends(rank, own);
                            }));
              },
              () -> {
                res[i][0] = sim.now() - start;
                res[i][1] = network[0] - start;
                k[0]++;
                next[0].run();
              });
        };
    job.boot(next[0]);
    Machines.runToEnd(sim, machine, () -> done[0], "the alltoall");
    var tp = machine.hardware().params().torus();
    for (int i = 0; i < sizes.size(); i++) {
      row(t, m, notes, tp, nodes, ppn, sizes.get(i), res[i]);
    }
    machine.report(m);
    return output(t, m, notes, sim.now(), sim.eventCount());
  }

  /**
   * The {@code network: classes} run: no machine is simulated; the network part is the flow level's
   * time for the uniform all-to-all by translation classes ({@link AlltoallClasses}), and the
   * software part is the same per-rank sum as the simulated run's. They add up as in the simulated
   * run, where a node's leader runs its share of the software after its last receive.
   */
  private RunOutput runClasses(Scenario scenario, RunContext context, ParamValues v) {
    String personality = context.personality().equals("none") ? "fusedos" : context.personality();
    var run = Machines.sections(scenario, personality);
    var tp = Machines.hardware(run).torus();
    PamiParams p = Machines.net(run).pami();
    int nodes = tp.shape().nodeCount();
    int ppn = p.ranksPerNode();
    Table.Builder t = table();
    Metrics m = new Metrics();
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d nodes x %d ranks = %d ranks (%s), tie_break %s, %s routing: network part by"
                + " translation classes of the flow level (every node pair's aggregate message"
                + " started at once, no machine simulated), software part as in the simulated"
                + " run, the two added",
            nodes,
            ppn,
            nodes * ppn,
            tp.shape(),
            tp.tieBreak().name().toLowerCase(Locale.ROOT),
            tp.routing().name().toLowerCase(Locale.ROOT)));
    long total = 0;
    for (long size :
        MpiKinds.sizes(
            v.size("min_size").bytes(), v.size("max_size").bytes(), v.integer("size_factor"))) {
      long network = AlltoallClasses.networkTime(tp, (long) ppn * ppn * size);
      long software = software(p, nodes, ppn, size);
      long latency = network + p.collectiveOverheadPs() + software;
      total += latency;
      row(t, m, notes, tp, nodes, ppn, size, new long[] {latency, network, software});
    }
    return output(t, m, notes, total, 0);
  }

  /** A rank's software for one all-to-all: its remote sends and receives, its local copies. */
  private static long software(PamiParams p, int nodes, int ppn, long size) {
    long[] perMessage = p.softwarePs(size);
    int remote = (nodes - 1) * ppn;
    return (long) remote * (perMessage[0] + perMessage[1]) + (long) (ppn - 1) * p.shmCost(size);
  }

  private static Table.Builder table() {
    return Table.builder(
        "mpi-alltoall",
        "size:B",
        "latency:ns",
        "network:ns",
        "software:ns",
        "bound:-",
        "aggregate_bandwidth:GB/s",
        "peak_fraction:-");
  }

  /** One size's row, metrics and note from {latency, network part, software part} in ps. */
  private static void row(
      Table.Builder t,
      Metrics m,
      ImmutableList.Builder<String> notes,
      org.fusedsim.bgq.torus.TorusParams tp,
      int nodes,
      int ppn,
      long size,
      long[] res) {
    int ranks = nodes * ppn;
    long latency = res[0];
    String bound = res[1] >= res[2] ? "network" : "software";
    double total = (double) size * ranks * (ranks - 1);
    double peak = peakTime(tp, nodes, (long) ppn * ppn * size) / latency;
    t.row(
        size,
        Time.toNanos(latency),
        Time.toNanos(res[1]),
        Time.toNanos(res[2]),
        bound,
        total / latency * 1000.0,
        peak);
    m.put("alltoall." + size + "B.latency", Time.toNanos(latency), "ns");
    m.put("mpi.alltoall." + nodes + "nodes." + size + "B.peak_fraction", peak, "1");
    notes.add(
        DataSize.ofBytes(size)
            + ": "
            + Numbers.human(Time.toNanos(latency) / 1000.0, 6)
            + " us ("
            + bound
            + " bound)");
  }

  private static RunOutput output(
      Table.Builder t,
      Metrics m,
      ImmutableList.Builder<String> notes,
      long simulated,
      long events) {
    Table table = t.build();
    return new RunOutput(
        simulated,
        events,
        m,
        ImmutableList.of(table),
        notes.build(),
        ImmutableList.of(
            Chart.fromTable(
                    "mpi-alltoall-time",
                    "MPI alltoall: time against message size (network and software)",
                    table,
                    "size",
                    "latency",
                    new String[0])
                .withLogAxes()));
  }

  /**
   * The network's peak for an alltoall of {@code pairBytes} between every two of {@code nodes}
   * nodes, in ps: minimal routes spread perfectly over every link, the busiest dimension bounds. In
   * dimension {@code d} of extent {@code L}, all pairs together cross {@code (N/L)^2 * S_d} links
   * ({@code S_d} the sum of ring or line distances over all coordinate pairs), carried by {@code
   * N/L} lines of {@code 2L} links (torus) or {@code 2(L-1)} (mesh); each link moves the payload at
   * its rate after packet headers ({@code wireBytes}). A midplane (L = 4) gives the familiar {@code
   * N * m / 2} link transfers per dimension.
   */
  static double peakTime(org.fusedsim.bgq.torus.TorusParams tp, int nodes, long pairBytes) {
    var shape = tp.shape();
    double perLink = tp.linkBandwidth().transferTime(tp.format().wireBytes(pairBytes));
    double worst = 0;
    for (int d = 0; d < 5; d++) {
      int len = shape.size(d);
      if (len < 2) {
        continue;
      }
      long sum = 0;
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < len; j++) {
          sum += shape.distance(d, i, j);
        }
      }
      int links = shape.isTorus(d) ? 2 * len : 2 * (len - 1);
      worst = Math.max(worst, (double) nodes / len * sum / links * perLink);
    }
    return worst;
  }

  /**
   * Node {@code node}'s leader puts the aggregate to node {@code node + i} and on, in turn, as
   * MPI_Alltoall's many-to-many protocol does: the put to node {@code d} goes through context
   * {@code d mod ranks per node}'s FIFO, as the node's ranks each inject their own share.
   */
  private static void sendAll(
      PamiNetwork pami, int node, int i, int nodes, int ppn, long bytes, Runnable then) {
    if (i == nodes) {
      then.run();
      return;
    }
    int dst = (node + i) % nodes;
    pami.put(
        node * ppn,
        node * ppn + dst % ppn,
        dst * ppn,
        bytes,
        () -> sendAll(pami, node, i + 1, nodes, ppn, bytes, then),
        () -> {});
  }
}
