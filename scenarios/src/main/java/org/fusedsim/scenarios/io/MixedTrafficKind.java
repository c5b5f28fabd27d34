package org.fusedsim.scenarios.io;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.IoExperiments;
import org.fusedsim.net.ninep.IoPath;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

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
  public ImmutableList<String> personalities() {
    return IoKinds.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    IoSetup setup = IoKinds.setup(s);
    int max = setup.torus().shape().nodeCount();
    if (s.section(SECTION).integer("writers") > max) {
      throw new CheckException(SECTION, "writers", "the partition has only " + max + " nodes");
    }
    // The halo exchange boots PAMI next to RoQ on every node: reject a colliding layout here, as
    // the MPI kinds do, rather than failing inside the run.
    try {
      FifoAllocation.boot(
          new FifoOwnershipTable(0),
          setup.roq().layout(),
          setup.pami().contextsPerNode(),
          setup.roq().allowConflicts());
    } catch (FifoConflictException e) {
      throw new CheckException(
          RoqParams.KIND,
          "fifo_layout",
          "RoQ's FIFO layout '"
              + setup.roq().layout().name().toLowerCase(java.util.Locale.ROOT)
              + "' collides with PAMI at boot: "
              + e.getMessage()
              + "; use fifo_layout: fusedos or --allow-conflicts");
    }
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    IoSetup setup = IoKinds.setup(s);
    ParamValues v = s.section(SECTION);
    IoPath path = IoKinds.path(ctx.personality());
    int nodes = setup.torus().shape().nodeCount();
    int w = Math.toIntExact(v.integer("writers"));
    int[] writers = new int[w];
    for (int i = 0; i < w; i++) {
      writers[i] = (int) ((long) i * nodes / w);
    }
    int iterations = Math.toIntExact(v.integer("iterations"));
    long halo = v.size("halo_size").bytes();
    long size = v.size("write_size").bytes();
    IoExperiments.HaloResult alone =
        IoExperiments.halo(setup, iterations, halo, new int[0], path, size);
    IoExperiments.HaloResult mixed =
        IoExperiments.halo(setup, iterations, halo, writers, path, size);
    double slowdown = mixed.elapsedPs() / (double) alone.elapsedPs();
    Metrics m = new Metrics();
    m.put("mpi.halo.time.alone", Time.toMicros(alone.elapsedPs()), "us");
    m.put("mpi.halo.time.mixed", Time.toMicros(mixed.elapsedPs()), "us");
    m.put("mpi.halo.slowdown", slowdown, "x");
    m.put("io.write.bytes_during_halo", mixed.writerBytes(), "B");
    if (setup.roq().allowConflicts()) {
      m.put("mu.shared_fifos", mixed.sharedFifos(), "FIFOs");
      m.put(
          "mu.misdelivered_packets",
          alone.misdeliveredPackets() + mixed.misdeliveredPackets(),
          "packets");
    }
    Table t =
        Table.builder("mixed-traffic", "writers:-", "halo_time:us", "written:B")
            .row(0, Time.toMicros(alone.elapsedPs()), alone.writerBytes())
            .row(w, Time.toMicros(mixed.elapsedPs()), mixed.writerBytes())
            .build();
    ImmutableList<String> notes =
        ImmutableList.of(
            iterations
                + " halo steps of "
                + DataSize.ofBytes(halo)
                + " per neighbour on "
                + setup.torus().shape()
                + ": "
                + Numbers.human(Time.toMicros(alone.elapsedPs()), 5)
                + " us alone, "
                + Numbers.human(Time.toMicros(mixed.elapsedPs()), 5)
                + " us with "
                + w
                + " writers ("
                + (path == IoPath.NINEP ? "9P over RoQ" : "sysiod")
                + "): slowdown "
                + Numbers.human(slowdown, 4));
    return new RunOutput(
        alone.elapsedPs() + mixed.elapsedPs(),
        alone.events() + mixed.events(),
        m,
        ImmutableList.of(t),
        notes);
  }
}
