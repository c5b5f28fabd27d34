package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.torus.ShapeException;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.pami.Algorithm;
import org.fusedsim.net.pami.CollectiveResult;
import org.fusedsim.net.pami.Collectives;
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
 * {@code kind: mpi-allreduce}: double-sum allreduce latency against message size, partition and
 * algorithm (class routes, recursive doubling, binomial); with {@code operation: barrier} or {@code
 * broadcast} the same sweep for those collectives. The partitions of {@code
 * mpi_allreduce.partitions} replace {@code torus.shape}; the other torus parameters apply to each.
 */
public final class MpiAllreduceKind implements ScenarioKind {
  static final ComponentSpec SPEC =
      ComponentSpec.of(
          "mpi_allreduce",
          "scenarios",
          "MPI allreduce (or barrier, broadcast) sweep over partitions, sizes and algorithms.",
          Parameter.builder("operation", ParamType.CHOICE)
              .defaultValue("allreduce")
              .choices("allreduce", "barrier", "broadcast")
              .source("experiment design (issue 5: barrier, allreduce, broadcast)")
              .description(
                  "the collective; barrier ignores the sizes, broadcast has no recursive-doubling"
                      + " form")
              .build(),
          Parameter.builder("algorithms", ParamType.TEXT)
              .unit("list")
              .defaultValue("classroute, recursive-doubling, binomial")
              .source("experiment design (issue 5; optimized: issue 18)")
              .description("comma list of classroute, recursive-doubling, binomial, optimized")
              .build(),
          Parameter.builder("simulated_max_nodes", ParamType.INTEGER)
              .defaultValue("1024")
              .range("2", "1048576")
              .source(
                  "experiment design: point-to-point algorithms are simulated message by message;"
                      + " a rack at 1 MiB takes seconds, a full machine would take hours")
              .description(
                  "largest partition on which recursive-doubling and binomial run; larger ones"
                      + " have only the closed forms (classroute, optimized)")
              .build(),
          Parameter.builder("partitions", ParamType.TEXT)
              .unit("list")
              .defaultValue("nodeboard, 4x2x2x2x2, 4x4x2x2x2, 4x4x4x2x2, midplane, rack")
              .source("experiment design (issue 5: 32 to 1,024 nodes)")
              .description("comma list of shapes AxBxCxDxE or presets; replaces torus.shape")
              .build(),
          Parameter.builder("min_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("8B")
              .range("8B", "1GiB")
              .source("experiment design (one double)")
              .description("smallest buffer per rank")
              .build(),
          Parameter.builder("max_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("1MiB")
              .range("8B", "1GiB")
              .source("experiment design (issue 5: 8 B to 1 MiB)")
              .description("largest buffer per rank")
              .build(),
          Parameter.builder("size_factor", ParamType.INTEGER)
              .defaultValue("2")
              .range("2", "1024")
              .source("experiment design")
              .description(
                  "each size is this many times the previous; max_size always ends the sweep")
              .build());

  @Override
  public String name() {
    return "mpi-allreduce";
  }

  @Override
  public String description() {
    return "MPI allreduce latency: class routes against recursive doubling and binomial trees";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return MpiKinds.sections(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "allreduce.*.latency", "ns",
            "allreduce.*.*.*.latency", "ns",
            "allreduce.*.*.throughput", "GB/s"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "allreduce.*.latency", "allreduce.*.*.*.latency", "allreduce.*.*.throughput");
  }

  private static boolean simulated(Algorithm a) {
    return a == Algorithm.RECURSIVE_DOUBLING || a == Algorithm.BINOMIAL;
  }

  @Override
  public ImmutableList<String> personalities() {
    return MpiKinds.PERSONALITIES;
  }

  private static List<Algorithm> algorithms(ParamValues v) {
    List<Algorithm> out = new ArrayList<>();
    for (String a : v.text("algorithms").split(",")) {
      try {
        out.add(Algorithm.parse(a));
      } catch (IllegalArgumentException e) {
        throw new CheckException("mpi_allreduce", "algorithms", e.getMessage());
      }
    }
    return out;
  }

  private static List<TorusShape> partitions(ParamValues v) {
    List<TorusShape> out = new ArrayList<>();
    for (String s : v.text("partitions").split(",")) {
      try {
        out.add(TorusShape.parse(s.strip()));
      } catch (ShapeException e) {
        throw new CheckException("mpi_allreduce", "partitions", e.getMessage());
      }
    }
    return out;
  }

  @Override
  public void check(Scenario scenario) {
    MpiKinds.check(scenario);
    ParamValues v = scenario.section("mpi_allreduce");
    List<Algorithm> algs = algorithms(v);
    if (v.size("min_size").bytes() > v.size("max_size").bytes()) {
      throw new CheckException("mpi_allreduce", "min_size", "min_size is above max_size");
    }
    if (v.text("operation").equals("broadcast") && algs.contains(Algorithm.RECURSIVE_DOUBLING)) {
      throw new CheckException(
          "mpi_allreduce",
          "algorithms",
          "broadcast runs on classroute or binomial, not recursive-doubling");
    }
    if (!v.text("operation").equals("allreduce") && algs.contains(Algorithm.OPTIMIZED)) {
      throw new CheckException(
          "mpi_allreduce", "algorithms", "optimized is an allreduce algorithm only");
    }
  }

  /**
   * Runs {@code op} by {@code a} for every size on one machine, one call after the other among the
   * node leaders (their threads on the nodes, under the run's personality); class routes are a
   * closed form that builds no node.
   */
  private static List<CollectiveResult> runAll(
      Scenario scenario,
      RunContext ctx,
      TorusShape shape,
      String op,
      Algorithm a,
      List<Long> sizes) {
    Simulation sim = ctx.newSimulation(1024);
    Machine machine =
        Machines.build(
            sim,
            scenario,
            ctx,
            Integer.MAX_VALUE,
            ImmutableMap.of(),
            ImmutableMap.of(TorusParams.KIND + ".shape", shape.toString().replaceFirst(":.*", "")));
    PamiParams p = machine.spec().net().pami();
    Collectives closed =
        Collectives.closedForm(
            machine.classRoute(), machine.spec().hardware().mu(), p, machine.jobNodes());
    List<CollectiveResult> out = new ArrayList<>();
    if (a == Algorithm.CLASSROUTE) {
      for (long size : sizes) {
        out.add(closed.classRoute(op.equals("barrier") ? "barrier" : op, size));
      }
      return out;
    }
    if (a == Algorithm.OPTIMIZED) {
      for (long size : sizes) {
        out.add(closed.optimized(size));
      }
      return out;
    }
    int n = machine.jobNodes();
    int[] nodes = new int[n];
    for (int i = 0; i < n; i++) {
      nodes[i] = i;
    }
    RankJob job = new RankJob(machine, nodes, p.ranksPerNode());
    Collectives c = machine.collectives();
    boolean[] done = {false};
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          if (out.size() == sizes.size()) {
            done[0] = true;
            sim.stop();
            return;
          }
          long size = sizes.get(out.size());
          Collectives.ResultSink sink =
              r -> {
                out.add(r);
                sim.schedule(0, next[0]);
              };
          if (op.equals("broadcast")) {
            c.broadcast(size, sink);
          } else {
            c.start(a, size, !op.equals("barrier"), sink);
          }
        };
    job.boot(next[0]);
    Machines.runToEnd(sim, machine, () -> done[0], "the " + op);
    return out;
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    ParamValues v = scenario.section("mpi_allreduce");
    List<Algorithm> algs = algorithms(v);
    List<TorusShape> shapes = partitions(v);
    String op = v.text("operation");
    List<Long> sizes =
        op.equals("barrier")
            ? List.of(0L)
            : MpiKinds.sizes(
                v.size("min_size").bytes(), v.size("max_size").bytes(), v.integer("size_factor"));
    boolean single = algs.size() == 1 && shapes.size() == 1;
    int ppn = PamiParams.from(scenario.section(PamiParams.KIND)).ranksPerNode();
    Table.Builder t =
        Table.builder(
            "mpi-" + op,
            "algorithm:-",
            "nodes:-",
            "ranks:-",
            "shape:-",
            "size:B",
            "latency:ns",
            "network_rounds:-",
            "local_steps:-",
            "messages:-");
    Metrics m = new Metrics();
    long events = 0;
    long simulated = 0;
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    TorusShape largest = shapes.get(0);
    for (TorusShape s : shapes) {
      if (s.nodeCount() > largest.nodeCount()) {
        largest = s;
      }
    }
    long[][] atLargest = new long[Algorithm.values().length][2];
    long maxSimulated = v.integer("simulated_max_nodes");
    Table.Builder smallest =
        Table.builder("mpi-" + op + "-nodes", "algorithm:-", "nodes:-", "size:B", "latency:ns");
    Table.Builder rates =
        Table.builder(
            "mpi-" + op + "-throughput", "algorithm:-", "nodes:-", "size:B", "throughput:GB/s");
    for (TorusShape shape : shapes) {
      for (Algorithm a : algs) {
        if (simulated(a) && shape.nodeCount() > maxSimulated) {
          notes.add(
              a.label()
                  + " not run on "
                  + shape.nodeCount()
                  + " nodes: above simulated_max_nodes = "
                  + maxSimulated);
          continue;
        }
        List<CollectiveResult> results = runAll(scenario, context, shape, op, a, sizes);
        smallest.row(
            a.label(), shape.nodeCount(), sizes.get(0), Time.toNanos(results.get(0).latencyPs()));
        long top = sizes.get(sizes.size() - 1);
        if (!op.equals("barrier") && top > 0) {
          double gbs = top / (double) results.get(sizes.size() - 1).latencyPs() * 1000;
          rates.row(a.label(), shape.nodeCount(), top, gbs);
          if (!single) {
            m.put(op + "." + a.label() + "." + shape.nodeCount() + "nodes.throughput", gbs, "GB/s");
          }
        }
        for (int si = 0; si < sizes.size(); si++) {
          long size = sizes.get(si);
          CollectiveResult r = results.get(si);
          events += r.events();
          simulated += r.latencyPs();
          double ns = Time.toNanos(r.latencyPs());
          t.row(
              a.label(),
              shape.nodeCount(),
              shape.nodeCount() * ppn,
              shape.toString(),
              size,
              ns,
              r.networkRounds(),
              r.localSteps(),
              r.messages());
          String name =
              single
                  ? op + "." + size + "B.latency"
                  : op + "." + a.label() + "." + shape.nodeCount() + "nodes." + size + "B.latency";
          m.put(name, ns, "ns");
          if (shape == largest && (size == sizes.get(0) || size == sizes.get(sizes.size() - 1))) {
            if (size == sizes.get(0)) {
              atLargest[a.ordinal()][0] = r.latencyPs();
            }
            if (size == sizes.get(sizes.size() - 1)) {
              atLargest[a.ordinal()][1] = r.latencyPs();
            }
            notes.add(
                op
                    + " "
                    + a.label()
                    + " on "
                    + shape.nodeCount()
                    + " nodes ("
                    + shape.nodeCount() * ppn
                    + " ranks), "
                    + DataSize.ofBytes(size)
                    + ": "
                    + Numbers.human(ns, 6)
                    + " ns"
                    + (a == Algorithm.CLASSROUTE
                        ? " (class route)"
                        : a == Algorithm.OPTIMIZED
                            ? " (optimized trees, closed form)"
                            : " (" + r.networkRounds() + " network rounds)"));
          }
        }
      }
    }
    if (algs.contains(Algorithm.CLASSROUTE)
        && algs.contains(Algorithm.RECURSIVE_DOUBLING)
        && largest.nodeCount() <= maxSimulated) {
      int cr = Algorithm.CLASSROUTE.ordinal();
      int rd = Algorithm.RECURSIVE_DOUBLING.ordinal();
      String ratios =
          Numbers.human(atLargest[rd][0] / (double) atLargest[cr][0], 3)
              + "x at "
              + DataSize.ofBytes(sizes.get(0));
      if (sizes.size() > 1) {
        ratios +=
            " and "
                + Numbers.human(atLargest[rd][1] / (double) atLargest[cr][1], 3)
                + "x at "
                + DataSize.ofBytes(sizes.get(sizes.size() - 1));
      }
      notes.add(
          op
              + " on "
              + largest.nodeCount()
              + " nodes: recursive doubling takes the class-route time times "
              + ratios);
    }
    notes.add(
        "class routes: closed form (per tree level the packet stored, combined and sent on; pieces"
            + " of collective_chunk pipelined with the node's shared-memory phases; no contention);"
            + " optimized: closed form over optimized_trees torus trees and comm_threads threads;"
            + " point-to-point algorithms run among the node leaders' threads under "
            + context.personality()
            + ", through the Messaging Units, at the "
            + TorusParams.from(scenario.section(TorusParams.KIND))
                .fidelity()
                .name()
                .toLowerCase(Locale.ROOT)
            + " level; "
            + ppn
            + " ranks per node combine through shared memory first");
    Table table = t.build();
    Table byNodes = smallest.build();
    Table byRate = rates.build();
    ImmutableList.Builder<Chart> charts = ImmutableList.builder();
    if (shapes.size() > 1) {
      charts.add(
          Chart.fromTable(
                  "mpi-" + op + "-nodes",
                  "MPI "
                      + op
                      + " of "
                      + DataSize.ofBytes(sizes.get(0))
                      + ": latency against node count, per algorithm",
                  byNodes,
                  "nodes",
                  "latency",
                  "algorithm")
              .withLogAxes());
      if (byRate.rows().size() > 0) {
        charts.add(
            Chart.fromTable(
                    "mpi-" + op + "-throughput",
                    "MPI "
                        + op
                        + " of "
                        + DataSize.ofBytes(sizes.get(sizes.size() - 1))
                        + ": throughput against node count, per algorithm",
                    byRate,
                    "nodes",
                    "throughput",
                    "algorithm")
                .withLogX());
      }
    }
    return new RunOutput(
        simulated,
        events,
        m,
        shapes.size() > 1 ? ImmutableList.of(table, byNodes, byRate) : ImmutableList.of(table),
        notes.build(),
        charts
            .add(
                Chart.fromTable(
                        "mpi-" + op + "-latency",
                        "MPI " + op + ": latency against message size, per algorithm and partition",
                        table,
                        "size",
                        "latency",
                        "algorithm",
                        "nodes")
                    .withLogAxes())
            .build());
  }
}
