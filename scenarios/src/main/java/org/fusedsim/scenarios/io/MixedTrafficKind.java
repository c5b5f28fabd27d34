package org.fusedsim.scenarios.io;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.torus.TorusKinds;
import org.fusedsim.scenarios.workload.FileWriter;

/**
 * {@code kind: mixed-traffic}: an MPI halo exchange (one rank per node to each torus neighbour)
 * alone, then again while evenly spread writer nodes write files through their IO nodes on the same
 * torus links. The ratio of the two exchange times is the MPI slowdown.
 */
public final class MixedTrafficKind implements ScenarioKind {
  static final String SECTION = "mixed_traffic";

  static final ComponentSpec SPEC =
      ComponentSpec.of(
          SECTION,
          "scenarios",
          "MPI halo exchange with and without file writers on the same partition.",
          Parameter.builder("iterations", ParamType.INTEGER)
              .unit("steps")
              .defaultValue("20")
              .range("1", "1000000")
              .source("experiment design")
              .description("halo exchange steps")
              .build(),
          Parameter.builder("halo_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("64KiB")
              .range("1B", "1GiB")
              .source("experiment design")
              .description("bytes each node sends to each distinct neighbour per step")
              .build(),
          Parameter.builder("writers", ParamType.INTEGER)
              .unit("nodes")
              .defaultValue("16")
              .range("0", "98304")
              .source("experiment design")
              .description("writer nodes, spread evenly over the partition (0: no writers)")
              .build(),
          Parameter.builder("write_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("16KiB")
              .range("1B", "1GiB")
              .source("experiment design")
              .description("bytes per write call; writers write back to back")
              .build());

  @Override
  public String name() {
    return "mixed-traffic";
  }

  @Override
  public String description() {
    return "MPI halo exchange slowed by file writers sharing torus links (9P or sysiod)";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return IoKinds.sections(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "io.write.bytes_during_halo", "B",
            "mpi.halo.slowdown", "x",
            "mpi.halo.time.alone", "us",
            "mpi.halo.time.mixed", "us"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "mpi.halo.slowdown",
        "mpi.halo.time.alone",
        "mpi.halo.time.mixed",
        "io.write.bytes_during_halo");
  }

  @Override
  public ImmutableList<String> personalities() {
    return IoKinds.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    int max = TorusKinds.params(s).shape().nodeCount();
    if (s.section(SECTION).integer("writers") > max) {
      throw new CheckException(SECTION, "writers", "the partition has only " + max + " nodes");
    }
    int ppn = PamiParams.from(s.section(PamiParams.KIND)).ranksPerNode();
    Machines.check(s, ppn + 1, PamiParams.KIND, "ranks_per_node");
  }

  /** One halo run: its figures. */
  private record Halo(long elapsedPs, long written, long events, long misdelivered, long shared) {}

  /**
   * The halo exchange on every node (rank 0 of each node to the first rank of each distinct torus
   * neighbour, {@code iterations} steps, each rank going on once it has its neighbours' messages),
   * and meanwhile, on {@code writers} nodes, a second application thread writing back to back.
   */
  private static Halo halo(Scenario s, RunContext ctx, int writers) {
    ParamValues v = s.section(SECTION);
    int iterations = Math.toIntExact(v.integer("iterations"));
    long bytes = v.size("halo_size").bytes();
    long size = v.size("write_size").bytes();
    Simulation sim = ctx.newSimulation(1024);
    Machine m = Machines.build(sim, s, ctx, Integer.MAX_VALUE, IoKinds.MOUNTS);
    int nodes = m.jobNodes();
    int ppn = m.spec().net().pami().ranksPerNode();
    Torus torus = m.hardware().torus();
    boolean[] writer = new boolean[nodes];
    for (int i = 0; i < writers; i++) {
      writer[(int) ((long) i * nodes / writers)] = true;
    }
    PamiNetwork pami = m.pami();
    boolean[] stop = {false};
    int[] haloLeft = {nodes};
    int[] writersLeft = {0};
    long[] end = {-1};
    // timed from the moment the last rank starts: the launch's skew between nodes is no part of
    // the exchange
    long[] haloStart = {Long.MIN_VALUE};
    List<FileWriter> fw = new ArrayList<>();
    Runnable check =
        () -> {
          if (haloLeft[0] == 0 && writersLeft[0] == 0) {
            sim.stop();
          }
        };
    for (int n = 0; n < nodes; n++) {
      NodeOs os = m.node(n);
      List<Integer> nbs = new ArrayList<>();
      for (int port = 0; port < Torus.PORTS; port++) {
        int nb = torus.neighbor(n, port);
        if (nb >= 0 && nb != n && !nbs.contains(nb)) {
          nbs.add(nb);
        }
      }
      int rank = n * ppn;
      Runnable[] entries = new Runnable[ppn + (writer[n] ? 1 : 0)];
      entries[0] =
          () -> {
            haloStart[0] = Math.max(haloStart[0], sim.now());
            step(
                pami,
                rank,
                ppn,
                nbs,
                bytes,
                iterations,
                () -> {
                  os.exit(0, () -> {});
                  if (--haloLeft[0] == 0) {
                    end[0] = sim.now();
                    stop[0] = true;
                    check.run();
                  }
                });
          };
      for (int t = 1; t < ppn; t++) {
        entries[t] = null; // not part of the job: never started
      }
      if (writer[n]) {
        writersLeft[0]++;
        FileWriter w =
            new FileWriter(
                os,
                ppn,
                IoKinds.MOUNT + "/out." + n,
                size,
                0,
                () -> stop[0],
                () -> {
                  writersLeft[0]--;
                  check.run();
                });
        fw.add(w);
        entries[ppn] = w.entry();
      }
      os.boot(entries);
    }
    Machines.runToEnd(sim, m, () -> haloLeft[0] == 0 && writersLeft[0] == 0, "the halo exchange");
    long written = 0;
    for (FileWriter w : fw) {
      written += w.written();
    }
    Metrics mm = new Metrics();
    m.report(mm);
    long misdelivered = mm.get("mu.misdelivered_packets").map(x -> (long) x.value()).orElse(0L);
    long shared = mm.get("mu.shared_fifos").map(x -> (long) x.value()).orElse(0L);
    return new Halo(end[0] - haloStart[0], written, sim.eventCount(), misdelivered, shared);
  }

  private static void step(
      PamiNetwork pami, int rank, int ppn, List<Integer> nbs, long bytes, int left, Runnable done) {
    if (left == 0) {
      done.run();
      return;
    }
    send(
        pami,
        rank,
        ppn,
        nbs,
        0,
        bytes,
        () ->
            pami.expect(rank, nbs.size(), () -> step(pami, rank, ppn, nbs, bytes, left - 1, done)));
  }

  private static void send(
      PamiNetwork pami, int rank, int ppn, List<Integer> nbs, int i, long bytes, Runnable then) {
    if (i == nbs.size()) {
      then.run();
      return;
    }
    pami.isend(
        rank,
        nbs.get(i) * ppn,
        bytes,
        () -> send(pami, rank, ppn, nbs, i + 1, bytes, then),
        () -> {});
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section(SECTION);
    int w = Math.toIntExact(v.integer("writers"));
    int iterations = Math.toIntExact(v.integer("iterations"));
    long halo = v.size("halo_size").bytes();
    Halo alone = halo(s, ctx, 0);
    Halo mixed = halo(s, ctx, w);
    double slowdown = mixed.elapsedPs() / (double) alone.elapsedPs();
    Metrics m = new Metrics();
    m.put("mpi.halo.time.alone", Time.toMicros(alone.elapsedPs()), "us");
    m.put("mpi.halo.time.mixed", Time.toMicros(mixed.elapsedPs()), "us");
    m.put("mpi.halo.slowdown", slowdown, "x");
    m.put("io.write.bytes_during_halo", mixed.written(), "B");
    if (RoqParams.from(s.section(RoqParams.KIND)).allowConflicts()) {
      m.put("mu.shared_fifos", mixed.shared(), "FIFOs");
      m.put("mu.misdelivered_packets", alone.misdelivered() + mixed.misdelivered(), "packets");
    }
    Table t =
        Table.builder("mixed-traffic", "writers:-", "halo_time:us", "written:B")
            .row(0, Time.toMicros(alone.elapsedPs()), alone.written())
            .row(w, Time.toMicros(mixed.elapsedPs()), mixed.written())
            .build();
    ImmutableList<String> notes =
        ImmutableList.of(
            iterations
                + " halo steps of "
                + DataSize.ofBytes(halo)
                + " per neighbour on "
                + TorusKinds.params(s).shape()
                + " under "
                + ctx.personality()
                + ": "
                + Numbers.human(Time.toMicros(alone.elapsedPs()), 5)
                + " us alone, "
                + Numbers.human(Time.toMicros(mixed.elapsedPs()), 5)
                + " us with "
                + w
                + " writers ("
                + IoKinds.path(ctx.personality())
                + ", through their Messaging Unit FIFOs on the same links): slowdown "
                + Numbers.human(slowdown, 4));
    return new RunOutput(
        alone.elapsedPs() + mixed.elapsedPs(),
        alone.events() + mixed.events(),
        m,
        ImmutableList.of(t),
        notes,
        ImmutableList.of(
            org.fusedsim.scenarios.run.Chart.bars(
                "halo-time",
                "Halo exchange time alone and beside file writers",
                "traffic",
                "halo exchange time (us)",
                ImmutableList.of("halo alone", "halo with " + w + " writers"),
                ImmutableList.of(
                    new org.fusedsim.scenarios.run.Chart.Series(
                        ctx.personality(),
                        new double[] {1, 2},
                        new double[] {
                          Time.toMicros(alone.elapsedPs()), Time.toMicros(mixed.elapsedPs())
                        })),
                false)));
  }
}
