package org.fusedsim.scenarios.io;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.net.ninep.IoExperiments;
import org.fusedsim.net.ninep.IoPath;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: io-write}: compute nodes {@code 0..N-1} each open a file, write it and close it,
 * through their nearest IO node: 9P over RoQ TCP to diod under fusedos, sysiod function shipping
 * under cnk. Throughput against node count (and msize under fusedos).
 */
public final class IoWriteKind implements ScenarioKind {
  static final String SECTION = "io_write";

  static final ComponentSpec SPEC =
      ComponentSpec.of(
          SECTION,
          "scenarios",
          "Compute nodes writing files through their IO node; sweep of node count and msize.",
          Parameter.builder("nodes", ParamType.INTEGER)
              .unit("nodes")
              .defaultValue("32")
              .range("1", "98304")
              .source("experiment design")
              .description("writer nodes of the headline metric io.write.throughput")
              .build(),
          Parameter.builder("node_counts", ParamType.TEXT)
              .unit("list")
              .defaultValue("1,8,32,128")
              .source("experiment design")
              .description("comma list of writer node counts for the sweep")
              .build(),
          Parameter.builder("msizes", ParamType.TEXT)
              .unit("list")
              .defaultValue("8KiB,64KiB,512KiB")
              .source("experiment design")
              .description(
                  "comma list of 9P msizes for the sweep (fusedos); ninep.msize for the"
                      + " headline")
              .build(),
          Parameter.builder("writes_per_node", ParamType.INTEGER)
              .unit("calls")
              .defaultValue("2")
              .range("1", "1000000")
              .source("experiment design")
              .description("write calls per node between open and close")
              .build(),
          Parameter.builder("write_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("1MiB")
              .range("1B", "1GiB")
              .source("experiment design")
              .description("bytes per write call")
              .build());

  @Override
  public String name() {
    return "io-write";
  }

  @Override
  public String description() {
    return "N compute nodes writing through their IO node: 9P over RoQ (fusedos), sysiod (cnk)";
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
    ParamValues v = s.section(SECTION);
    if (v.integer("nodes") > max) {
      throw new CheckException(SECTION, "nodes", "the partition has only " + max + " nodes");
    }
    IoKinds.integers(SECTION, "node_counts", v.text("node_counts"), max);
    IoKinds.sizes(SECTION, "msizes", v.text("msizes"), 4096, 16L << 20);
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    IoSetup setup = IoKinds.setup(s);
    ParamValues v = s.section(SECTION);
    IoPath path = IoKinds.path(ctx.personality());
    int max = setup.torus().shape().nodeCount();
    List<Integer> counts = IoKinds.integers(SECTION, "node_counts", v.text("node_counts"), max);
    List<Long> msizes =
        path == IoPath.NINEP
            ? IoKinds.sizes(SECTION, "msizes", v.text("msizes"), 4096, 16L << 20)
            : List.of(0L);
    int writes = Math.toIntExact(v.integer("writes_per_node"));
    long size = v.size("write_size").bytes();
    Metrics m = new Metrics();
    long events = 0;
    long simulated = 0;
    Table.Builder t =
        Table.builder(
            "io-write",
            "nodes:-",
            "msize:B",
            "io_nodes:-",
            "requests:-",
            "bursts:-",
            "elapsed:us",
            "throughput:GB/s");
    ImmutableList.Builder<Chart.Series> series = ImmutableList.builder();
    for (long msize : msizes) {
      IoSetup run = path == IoPath.NINEP ? setup.withMsize(msize) : setup;
      double[] x = new double[counts.size()];
      double[] y = new double[counts.size()];
      for (int i = 0; i < counts.size(); i++) {
        int n = counts.get(i);
        IoExperiments.WriteResult r = IoExperiments.write(run, path, n, writes, size);
        events += r.events();
        simulated += r.elapsedPs();
        x[i] = n;
        y[i] = r.gigabytesPerSecond();
        t.row(
            n,
            msize,
            r.ioNodesUsed(),
            r.requests(),
            r.bursts(),
            Time.toMicros(r.elapsedPs()),
            r.gigabytesPerSecond());
        m.put(
            "io.write.throughput.nodes_" + n + (path == IoPath.NINEP ? ".msize_" + msize : ""),
            r.gigabytesPerSecond(),
            "GB/s");
      }
      series.add(
          new Chart.Series(
              path == IoPath.NINEP ? "msize " + DataSize.ofBytes(msize) : "sysiod", x, y));
    }
    int nodes = Math.toIntExact(v.integer("nodes"));
    IoExperiments.WriteResult head = IoExperiments.write(setup, path, nodes, writes, size);
    events += head.events();
    simulated += head.elapsedPs();
    m.put("io.write.throughput", head.gigabytesPerSecond(), "GB/s");
    m.put("io.write.requests", head.requests(), "requests");
    ImmutableList<String> notes =
        ImmutableList.of(
            (path == IoPath.NINEP
                    ? "9P over RoQ TCP to diod, msize " + DataSize.ofBytes(setup.ninep().msize())
                    : "sysiod function shipping over torus and IO link")
                + ": "
                + nodes
                + " nodes x "
                + writes
                + " x "
                + DataSize.ofBytes(size)
                + " -> "
                + Numbers.human(head.gigabytesPerSecond(), 4)
                + " GB/s through "
                + head.ioNodesUsed()
                + " IO node(s)");
    Chart chart =
        new Chart(
            "io-write-throughput",
            "Write throughput through the IO node under " + ctx.personality(),
            "writer nodes",
            "throughput (GB/s)",
            series.build());
    return new RunOutput(
        simulated, events, m, ImmutableList.of(t.build()), notes, ImmutableList.of(chart));
  }
}
