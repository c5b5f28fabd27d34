package org.fusedsim.scenarios.io;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
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
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.node.NodeSections;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.torus.TorusKinds;
import org.fusedsim.scenarios.workload.FileWriter;

/**
 * {@code kind: io-write}: compute nodes {@code 0..N-1} each open a file, write it and close it,
 * through their nearest IO node, by system calls of an application thread under the partition's
 * personality: offloaded to CL and the v9fs client over TCP on RoQ to diod under fusedos, through
 * v9fs under linux and direct, function-shipped to sysiod under cnk. The IO nodes are shared by
 * their compute nodes at {@code io.compute_per_io}. Throughput against node count (and msize).
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
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "io.write.io_nodes", "nodes",
            "io.write.linux_cpu_per_request", "ns",
            "io.write.requests", "requests",
            "io.write.ship_lock_wait", "ns",
            "io.write.throughput", "GB/s",
            "io.write.throughput.*", "GB/s",
            "io.write.throughput.*.*", "GB/s",
            "io.write.throughput_per_io_node.*", "GB/s",
            "io.write.throughput_per_io_node.*.*", "GB/s"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "io.write.throughput.*", "io.write.throughput.*.*", "io.write.requests");
  }

  @Override
  public ImmutableList<String> personalities() {
    return IoKinds.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    Machines.check(s, 1, SECTION, "nodes");
    int max = TorusKinds.params(s).shape().nodeCount();
    ParamValues v = s.section(SECTION);
    if (v.integer("nodes") > max) {
      throw new CheckException(SECTION, "nodes", "the partition has only " + max + " nodes");
    }
    IoKinds.integers(SECTION, "node_counts", v.text("node_counts"), max);
    IoKinds.sizes(SECTION, "msizes", v.text("msizes"), 4096, 16L << 20);
  }

  /** One write experiment: its figures. */
  private record Point(
      long elapsedPs,
      long bytes,
      int ioNodes,
      long requests,
      long bursts,
      long events,
      double gpcBusyPerRequestNs,
      double lockWaitNs) {
    double gbps() {
      return bytes / (double) elapsedPs * 1000.0;
    }
  }

  /** Writer nodes {@code 0..n-1} each open, write and close a file on the IO node's mount. */
  private static Point write(Scenario s, RunContext ctx, int n, long msize) {
    ParamValues v = s.section(SECTION);
    int writes = Math.toIntExact(v.integer("writes_per_node"));
    long size = v.size("write_size").bytes();
    Simulation sim = ctx.newSimulation(1024);
    ImmutableMap.Builder<String, String> extra = ImmutableMap.builder();
    extra.put("partition.nodes", String.valueOf(n));
    if (msize > 0) {
      extra.put("ninep.msize", msize + "B");
    }
    Machine m = Machines.build(sim, s, ctx, n, IoKinds.MOUNTS, extra.build());
    // Linux CPU time before the writes (boot, launch) is not the file service's
    long[] busyBefore = new long[n];
    NodeSections.Runs<FileWriter> runs =
        NodeSections.runOnNodes(
            sim,
            m,
            "the writers",
            (os, finished) -> {
              FileWriter w =
                  new FileWriter(
                      os,
                      0,
                      IoKinds.MOUNT + "/out." + os.hardware().endpoint(),
                      size,
                      writes,
                      () -> false,
                      finished);
              int rank = os.hardware().endpoint();
              Runnable entry = w.entry();
              os.boot(
                  new Runnable[] {
                    () -> {
                      busyBefore[rank] = linuxBusy(os);
                      entry.run();
                    }
                  });
              return w;
            });
    long first = Long.MAX_VALUE;
    long last = 0;
    long bytes = 0;
    for (FileWriter w : runs.workloads()) {
      first = Math.min(first, w.openedAt());
      last = Math.max(last, w.closedAt());
      bytes += w.written();
    }
    java.util.Set<Integer> io = new java.util.TreeSet<>();
    long requests = 0;
    long gpcBusy = 0;
    for (int r = 0; r < n; r++) {
      io.add(m.hardware().ioNodes().nearestIoNode(r));
    }
    Metrics node = new Metrics();
    for (int r = 0; r < n; r++) {
      NodeOs os = m.node(r);
      if (!os.personality().equals("cnk")) {
        requests += m.ninep(r).requests();
        gpcBusy += linuxBusy(os) - busyBefore[r];
      } else {
        requests += m.sysiod(r).calls();
      }
    }
    m.node(0).report(node);
    double lock = node.get("cnk.ship_lock_wait.mean").map(x -> x.value()).orElse(0.0);
    return new Point(
        last - first,
        bytes,
        io.size(),
        requests,
        m.roq().bursts(),
        sim.eventCount(),
        requests == 0 ? 0 : Time.toNanos(gpcBusy) / requests,
        lock);
  }

  /** The busy time of the node's Linux CPUs: every thread of the cores Linux runs on. */
  private static long linuxBusy(NodeOs os) {
    long busy = 0;
    var chip = os.hardware().chip();
    for (int t = 0; t < chip.threadCount(); t++) {
      var ht = chip.thread(t);
      var role = chip.role(ht.core());
      if (role == org.fusedsim.bgq.chip.CoreRole.GPC
          || role == org.fusedsim.bgq.chip.CoreRole.LINUX) {
        busy += ht.busyTime();
      }
    }
    return busy;
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section(SECTION);
    boolean ninep = !ctx.personality().equals("cnk");
    int max = TorusKinds.params(s).shape().nodeCount();
    List<Integer> counts = IoKinds.integers(SECTION, "node_counts", v.text("node_counts"), max);
    List<Long> msizes =
        ninep ? IoKinds.sizes(SECTION, "msizes", v.text("msizes"), 4096, 16L << 20) : List.of(0L);
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
            "throughput:GB/s",
            "per_io_node:GB/s");
    ImmutableList.Builder<Chart.Series> series = ImmutableList.builder();
    for (long msize : msizes) {
      double[] x = new double[counts.size()];
      double[] y = new double[counts.size()];
      for (int i = 0; i < counts.size(); i++) {
        int n = counts.get(i);
        Point r = write(s, ctx, n, msize);
        events += r.events();
        simulated += r.elapsedPs();
        x[i] = n;
        y[i] = r.gbps() / r.ioNodes();
        t.row(
            n,
            msize,
            r.ioNodes(),
            r.requests(),
            r.bursts(),
            Time.toMicros(r.elapsedPs()),
            r.gbps(),
            r.gbps() / r.ioNodes());
        String key = "nodes_" + n + (ninep ? ".msize_" + msize : "");
        m.put("io.write.throughput." + key, r.gbps(), "GB/s");
        m.put("io.write.throughput_per_io_node." + key, r.gbps() / r.ioNodes(), "GB/s");
      }
      series.add(new Chart.Series(ninep ? "msize " + DataSize.ofBytes(msize) : "sysiod", x, y));
    }
    int nodes = Math.toIntExact(v.integer("nodes"));
    long msize = ninep ? NinePParams.from(s.section(NinePParams.KIND)).msize() : 0;
    Point head = write(s, ctx, nodes, msize);
    events += head.events();
    simulated += head.elapsedPs();
    m.put("io.write.throughput", head.gbps(), "GB/s");
    m.put("io.write.requests", head.requests(), "requests");
    m.put("io.write.io_nodes", head.ioNodes(), "nodes");
    if (ninep) {
      m.put("io.write.linux_cpu_per_request", head.gpcBusyPerRequestNs(), "ns");
    } else {
      m.put("io.write.ship_lock_wait", head.lockWaitNs(), "ns");
    }
    ImmutableList<String> notes =
        ImmutableList.of(
            ctx.personality()
                + ": "
                + IoKinds.path(ctx.personality())
                + "; "
                + nodes
                + " nodes x "
                + v.integer("writes_per_node")
                + " x "
                + DataSize.ofBytes(v.size("write_size").bytes())
                + " -> "
                + Numbers.human(head.gbps(), 4)
                + " GB/s through "
                + head.ioNodes()
                + " IO node(s) ("
                + Numbers.human(head.gbps() / head.ioNodes(), 4)
                + " GB/s each, behind a "
                + NinePParams.from(s.section(NinePParams.KIND)).fsBandwidth()
                + " file system); "
                + (ninep
                    ? "the 9P client and TCP run in the callers' system calls on the Linux CPUs: "
                        + Numbers.human(head.gpcBusyPerRequestNs(), 4)
                        + " ns of Linux CPU time per 9P request, shared with CL"
                    : "each node's calls are serialized by CNK's shipping lock: "
                        + Numbers.human(head.lockWaitNs(), 4)
                        + " ns mean wait on node 0"));
    Chart chart =
        new Chart(
                "io-write-throughput",
                "Write throughput per IO node under " + ctx.personality(),
                "writer nodes",
                "throughput per IO node (GB/s)",
                series.build())
            .withLogX(); // writer counts go 1, 8, 32, 128, 512
    return new RunOutput(
        simulated, events, m, ImmutableList.of(t.build()), notes, ImmutableList.of(chart));
  }
}
