package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import java.util.Locale;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.pami.MpiExperiments;
import org.fusedsim.net.pami.MpiSetup;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
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
  public ImmutableList<String> personalities() {
    return ImmutableList.of();
  }

  @Override
  public void check(Scenario scenario) {
    MpiKinds.checkFifos(scenario);
    ParamValues v = scenario.section("mpi_alltoall");
    if (v.size("min_size").bytes() > v.size("max_size").bytes()) {
      throw new CheckException("mpi_alltoall", "min_size", "min_size is above max_size");
    }
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    MpiSetup setup = MpiKinds.setup(scenario);
    ParamValues v = scenario.section("mpi_alltoall");
    int nodes = setup.torus().shape().nodeCount();
    int ranks = nodes * setup.pami().ranksPerNode();
    Table.Builder t =
        Table.builder(
            "mpi-alltoall",
            "size:B",
            "latency:ns",
            "network:ns",
            "software:ns",
            "bound:-",
            "aggregate_bandwidth:GB/s");
    Metrics m = new Metrics();
    long events = 0;
    long simulated = 0;
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d nodes x %d ranks = %d ranks (%s); node pairs exchange one aggregate flow at the %s"
                + " level",
            nodes,
            setup.pami().ranksPerNode(),
            ranks,
            setup.torus().shape(),
            setup.torus().fidelity().resolve(nodes).name().toLowerCase(Locale.ROOT)));
    for (long size :
        MpiKinds.sizes(
            v.size("min_size").bytes(), v.size("max_size").bytes(), v.integer("size_factor"))) {
      MpiExperiments.Alltoall r = MpiExperiments.alltoall(setup, size);
      events += r.events();
      simulated += r.latencyPs();
      String bound = r.networkPs() >= r.softwarePs() ? "network" : "software";
      double total = (double) size * ranks * (ranks - 1);
      t.row(
          size,
          Time.toNanos(r.latencyPs()),
          Time.toNanos(r.networkPs()),
          Time.toNanos(r.softwarePs()),
          bound,
          total / r.latencyPs() * 1000.0);
      m.put("alltoall." + size + "B.latency", Time.toNanos(r.latencyPs()), "ns");
      notes.add(
          DataSize.ofBytes(size)
              + ": "
              + Numbers.human(Time.toNanos(r.latencyPs()) / 1000.0, 6)
              + " us ("
              + bound
              + " bound)");
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
                    "mpi-alltoall-time",
                    "MPI alltoall: time against message size (network and software)",
                    table,
                    "size",
                    "latency",
                    new String[0])
                .withLogAxes()));
  }
}
