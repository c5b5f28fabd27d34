package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import java.util.Locale;
import org.fusedsim.bgq.torus.Torus;
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
 * {@code kind: mpi-pingpong}: MPI ping-pong between rank 0 and a rank on the same node, on the
 * neighbouring node and on the antipode, for a sweep of sizes (doubling, plus each protocol cut-off
 * and the byte above it) across PAMI's protocol switches. The neighbour curve is fitted to {@code t
 * = alpha + m / bandwidth} by least squares on the relative error (every size weighs the same on
 * the log-log plot the published fit is read from): {@code mpi.pingpong.alpha} and {@code
 * mpi.pingpong.bandwidth}, printed beside the published 3.8 us and 1.78 GB/s.
 */
public final class MpiPingPongKind implements ScenarioKind {
  static final ComponentSpec SPEC =
      ComponentSpec.of(
          "mpi_pingpong",
          "scenarios",
          "MPI ping-pong sweep: same node, neighbour node, antipode.",
          Parameter.builder("min_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("8B")
              .range("0B", "1GiB")
              .source("experiment design")
              .description(
                  "smallest message; the sweep doubles up to max_size (from 1 B after 0 B) and adds"
                      + " each protocol cut-off and the byte above it")
              .build(),
          Parameter.builder("max_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("1MiB")
              .range("1B", "1GiB")
              .source("experiment design (issue 5: 8 B to 1 MiB)")
              .description("largest message of the sweep")
              .build());

  @Override
  public String name() {
    return "mpi-pingpong";
  }

  @Override
  public String description() {
    return "MPI ping-pong latency and bandwidth over PAMI: shared memory, 1 hop, diameter";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return MpiKinds.sections(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "mpi.pingpong.*.*.latency",
            "ns",
            "mpi.pingpong.alpha",
            "us",
            "mpi.pingpong.bandwidth",
            "GB/s"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "mpi.pingpong.alpha", "mpi.pingpong.bandwidth", "mpi.pingpong.*.*.latency");
  }

  @Override
  public ImmutableList<String> personalities() {
    return MpiKinds.PERSONALITIES;
  }

  @Override
  public void check(Scenario scenario) {
    MpiKinds.check(scenario);
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    ParamValues v = scenario.section("mpi_pingpong");
    PamiParams pp =
        PamiParams.from(
            scenario.section(PamiParams.KIND),
            scenario.section(org.fusedsim.bgq.torus.TorusParams.KIND));
    int ppn = pp.ranksPerNode();
    Simulation sim = context.newSimulation(1024);
    Machine machine =
        Machines.build(
            sim, scenario, context, Integer.MAX_VALUE, com.google.common.collect.ImmutableMap.of());
    Torus torus = machine.hardware().torus();
    int neighbour = -1;
    for (int n = 1; n < torus.nodeCount() && neighbour < 0; n++) {
      if (torus.distance(0, n) == 1) {
        neighbour = n;
      }
    }
    int antipode = torus.antipode(0);
    String[] pairs = {"same-node", "neighbour", "antipode"};
    int[] peers = {1, neighbour * ppn, antipode * ppn};
    int[] hops = {0, 1, torus.distance(0, antipode)};
    java.util.List<Integer> used = new java.util.ArrayList<>();
    java.util.Set<Integer> nodes = new java.util.TreeSet<>();
    nodes.add(0);
    for (int p = 0; p < pairs.length; p++) {
      if ((p == 0 && ppn < 2) || peers[p] < 0 || (p > 0 && hops[p] == 0)) {
        continue;
      }
      used.add(p);
      nodes.add(peers[p] / ppn);
    }
    java.util.List<Long> sizes = sizes(v.size("min_size").bytes(), v.size("max_size").bytes(), pp);
    RankJob job = new RankJob(machine, nodes.stream().mapToInt(Integer::intValue).toArray(), ppn);
    PamiNetwork pami = job.pami();
    long[][] latency = new long[pairs.length][sizes.size()];
    boolean[] done = {false};
    Runnable[] next = new Runnable[1];
    int[] pair = {-1};
    next[0] =
        () -> {
          pair[0]++;
          if (pair[0] == used.size()) {
            done[0] = true;
            sim.stop();
            return;
          }
          int p = used.get(pair[0]);
          int peer = peers[p];
          job.phase(
              new int[] {0, peer},
              (rank, finished) -> {
                if (rank == 0) {
                  ping(sim, pami, peer, sizes, 0, latency[p], finished);
                } else {
                  pong(pami, peer, sizes, 0, finished);
                }
              },
              next[0]);
        };
    job.boot(next[0]);
    Machines.runToEnd(sim, machine, () -> done[0], "the ping-pong");
    Table.Builder t =
        Table.builder(
            "mpi-pingpong",
            "pair:-",
            "hops:-",
            "size:B",
            "protocol:-",
            "latency:ns",
            "bandwidth:GB/s");
    Metrics m = new Metrics();
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    notes.add(
        "partition "
            + torus.shape()
            + ", "
            + ppn
            + " ranks per node under "
            + context.personality()
            + ", "
            + machine.hardware().network().fidelity().name().toLowerCase(Locale.ROOT)
            + " level; immediate up to "
            + pp.immediateLimitBytes()
            + " B, single-packet up to "
            + pp.shortLimitBytes()
            + " B, eager up to "
            + pp.eagerLimitBytes()
            + " B, rendezvous (request-to-send, remote get, acknowledgement) above; every message"
            + " through the Messaging Units, PAMI's software on the ranks' hardware threads");
    for (int p : used) {
      for (int i = 0; i < sizes.size(); i++) {
        long size = sizes.get(i);
        long lat = latency[p][i];
        String protocol = p == 0 ? "shm" : pp.protocol(size).label();
        double gbps = size / (double) lat * 1000.0;
        t.row(pairs[p], hops[p], size, protocol, Time.toNanos(lat), gbps);
        m.put("mpi.pingpong." + pairs[p] + "." + size + "B.latency", Time.toNanos(lat), "ns");
        if (size == 8 || size == 1L << 20 || (p > 0 && isCutoff(size, pp))) {
          notes.add(
              pairs[p]
                  + " "
                  + DataSize.ofBytes(size)
                  + ": "
                  + Numbers.human(Time.toNanos(lat), 6)
                  + " ns one way ("
                  + protocol
                  + ")");
        }
      }
    }
    int fitted = -1;
    for (int p : used) {
      if (p > 0 && fitted < 0) {
        fitted = p;
      }
    }
    if (fitted >= 0 && sizes.size() >= 2) {
      double[] fit = fit(sizes, latency[fitted]);
      double alphaUs = fit[0] / 1000.0;
      double gbps = 1.0 / fit[1];
      m.put("mpi.pingpong.alpha", alphaUs, "us");
      m.put("mpi.pingpong.bandwidth", gbps, "GB/s");
      notes.add(
          "fit t = alpha + m / bandwidth over the "
              + pairs[fitted]
              + " curve ("
              + DataSize.ofBytes(sizes.get(0))
              + " to "
              + DataSize.ofBytes(sizes.get(sizes.size() - 1))
              + ", relative least squares): alpha = "
              + Numbers.human(alphaUs, 4)
              + " us (published 3.8 us), bandwidth = "
              + Numbers.human(gbps, 4)
              + " GB/s (published 1.78 GB/s); the largest size alone: "
              + Numbers.human(
                  sizes.get(sizes.size() - 1) / Time.toNanos(latency[fitted][sizes.size() - 1]), 4)
              + " GB/s");
    }
    machine.report(m);
    Table table = t.build();
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        ImmutableList.of(table),
        notes.build(),
        ImmutableList.of(
            Chart.fromTable(
                    "mpi-pingpong-latency",
                    "MPI ping-pong under "
                        + context.personality()
                        + ": one-way latency against message size",
                    table,
                    "size",
                    "latency",
                    "pair")
                .withLogAxes()));
  }

  /**
   * Returns the sweep: {@code from} (0 B, then 1 B, if {@code from} is 0), doubling up to {@code
   * to}, {@code to}, and each protocol cut-off and the byte above it that lie in between.
   */
  static java.util.List<Long> sizes(long from, long to, PamiParams pp) {
    java.util.TreeSet<Long> all = new java.util.TreeSet<>();
    if (from == 0) {
      all.add(0L);
    }
    all.addAll(MpiKinds.sizes(Math.max(1, from), Math.max(1, to), 2));
    for (long c :
        new long[] {pp.immediateLimitBytes(), pp.shortLimitBytes(), pp.eagerLimitBytes()}) {
      for (long s : new long[] {c, c + 1}) {
        if (s >= from && s <= to) {
          all.add(s);
        }
      }
    }
    all.removeIf(s -> s > to);
    return new java.util.ArrayList<>(all);
  }

  private static boolean isCutoff(long size, PamiParams pp) {
    for (long c :
        new long[] {pp.immediateLimitBytes(), pp.shortLimitBytes(), pp.eagerLimitBytes()}) {
      if (size == c || size == c + 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fits {@code t = alpha + beta m} (alpha in ns, beta in ns per byte) by least squares on the
   * relative error: weights {@code 1 / t^2}.
   */
  static double[] fit(java.util.List<Long> sizes, long[] latencyPs) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double t0 = 0;
    double t1 = 0;
    for (int i = 0; i < sizes.size(); i++) {
      double m = sizes.get(i);
      double t = Time.toNanos(latencyPs[i]);
      double w = 1.0 / (t * t);
      s0 += w;
      s1 += w * m;
      s2 += w * m * m;
      t0 += w * t;
      t1 += w * m * t;
    }
    double beta = (s0 * t1 - s1 * t0) / (s0 * s2 - s1 * s1);
    double alpha = (t0 - beta * s1) / s0;
    return new double[] {alpha, beta};
  }

  /** Rank 0's side: for each size, send, wait for the answer, record half the round trip. */
  private static void ping(
      Simulation sim,
      PamiNetwork pami,
      int peer,
      java.util.List<Long> sizes,
      int i,
      long[] out,
      Runnable finished) {
    if (i == sizes.size()) {
      finished.run();
      return;
    }
    long t0 = sim.now();
    pami.send(
        0,
        peer,
        sizes.get(i),
        () ->
            pami.expect(
                0,
                1,
                () -> {
                  out[i] = (sim.now() - t0) / 2;
                  ping(sim, pami, peer, sizes, i + 1, out, finished);
                }),
        () -> {});
  }

  /** The peer's side: for each size, wait for the message, send it back. */
  private static void pong(
      PamiNetwork pami, int peer, java.util.List<Long> sizes, int i, Runnable finished) {
    if (i == sizes.size()) {
      finished.run();
      return;
    }
    pami.expect(
        peer,
        1,
        () ->
            pami.send(
                peer, 0, sizes.get(i), () -> pong(pami, peer, sizes, i + 1, finished), () -> {}));
  }
}
