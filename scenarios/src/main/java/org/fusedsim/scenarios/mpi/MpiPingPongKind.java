package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import java.util.Locale;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.pami.MpiExperiments;
import org.fusedsim.net.pami.MpiSetup;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: mpi-pingpong}: MPI ping-pong between rank 0 and a rank on the same node, on the
 * neighbouring node and on the antipode, for a sweep of sizes across the eager/rendezvous switch.
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
              .range("1B", "1GiB")
              .source("experiment design")
              .description("smallest message; the sweep doubles up to max_size")
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
  public ImmutableList<String> personalities() {
    return ImmutableList.of();
  }

  @Override
  public void check(Scenario scenario) {
    MpiKinds.checkFifos(scenario);
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    MpiSetup setup = MpiKinds.setup(scenario);
    ParamValues v = scenario.section("mpi_pingpong");
    int ppn = setup.pami().ranksPerNode();
    Torus torus = new Torus(setup.torus().shape());
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
    long events = 0;
    long simulated = 0;
    long misdelivered = 0;
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    notes.add(
        "partition "
            + setup.torus().shape()
            + ", "
            + ppn
            + " ranks per node, "
            + setup.torus().fidelity().resolve(torus.nodeCount()).name().toLowerCase(Locale.ROOT)
            + " level; eager up to "
            + DataSize.ofBytes(setup.pami().eagerLimitBytes())
            + ", rendezvous with RDMA get above");
    for (int p = 0; p < pairs.length; p++) {
      if ((p == 0 && ppn < 2) || peers[p] < 0 || (p > 0 && hops[p] == 0)) {
        continue;
      }
      for (long size : MpiKinds.sizes(v.size("min_size").bytes(), v.size("max_size").bytes(), 2)) {
        MpiExperiments.PingPong r = MpiExperiments.pingPong(setup, 0, peers[p], size);
        events += r.events();
        misdelivered += r.misdeliveredPackets();
        simulated += 2 * r.latencyPs();
        String protocol = p == 0 ? "shm" : r.eager() ? "eager" : "rendezvous";
        double gbps = size / (double) r.latencyPs() * 1000.0;
        t.row(pairs[p], hops[p], size, protocol, Time.toNanos(r.latencyPs()), gbps);
        m.put(
            "mpi.pingpong." + pairs[p] + "." + size + "B.latency",
            Time.toNanos(r.latencyPs()),
            "ns");
        if (size == 8 || size == 1L << 20) {
          notes.add(
              pairs[p]
                  + " "
                  + DataSize.ofBytes(size)
                  + ": "
                  + Numbers.human(Time.toNanos(r.latencyPs()), 6)
                  + " ns one way ("
                  + protocol
                  + ")");
        }
      }
    }
    if (setup.allowConflicts()) {
      m.put("mu.shared_fifos", MpiKinds.sharedFifos(setup), "FIFOs");
      m.put("mu.misdelivered_packets", misdelivered, "packets");
    }
    Table table = t.build();
    return new RunOutput(
        simulated,
        events,
        m,
        ImmutableList.of(table),
        notes.build(),
        ImmutableList.of(
            Chart.fromTable(
                    "mpi-pingpong-latency",
                    "MPI ping-pong: one-way latency against message size",
                    table,
                    "size",
                    "latency",
                    "pair")
                .withLogAxes()));
  }
}
