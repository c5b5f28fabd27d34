package org.fusedsim.cl.machine;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.chip.ChipParams;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.bgq.node.PartitionHardware;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.cl.node.SharedTables;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.net.MuChannel;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.NinePClient;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.ninep.Sysiod;
import org.fusedsim.net.pami.Collectives;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.net.roq.RoqBackend;
import org.fusedsim.net.roq.RoqFabric;
import org.fusedsim.net.roq.TcpParams;

/**
 * One assembled partition, the only place a machine is put together: the hardware (torus, IO nodes
 * and links, Messaging Units, every node's chip), the OS personality of every node of the job, the
 * IO nodes' Linux with diod and sysiod, and the network software on it (each node's Messaging Unit
 * FIFO allocation, RoQ, PAMI, 9P, function shipping). Every node and service is built on first use,
 * so nodes that do nothing cost nothing.
 *
 * <p>Job: the compute nodes of ranks {@code 0 .. jobNodes - 1} run the job's personality. Each
 * node's components are named by its location ({@code R00-M0-N04-J07/...}), so random streams,
 * traces and metrics tell nodes apart.
 */
public final class Machine {
  /**
   * What a machine is built from.
   *
   * @param hardware every hardware parameter, the torus shape among them
   * @param net the network software's parameters
   * @param config every parameter section, for the personalities
   * @param personality the OS personality of the job's nodes
   * @param jobNodes how many compute nodes (ranks 0 up) the job uses
   * @param mounts path prefixes mounted from the IO node ({@code true}) or local ({@code false})
   * @param streams the run's random streams
   * @param nodeConfig the sections of one node where they differ from {@code config} (a replay's
   *     processes per node), or null
   */
  public record Spec(
      HardwareParams hardware,
      NetParams net,
      Sections config,
      Personality personality,
      int jobNodes,
      ImmutableMap<String, Boolean> mounts,
      RandomStreams streams,
      java.util.function.IntFunction<Sections> nodeConfig) {
    /** A spec whose nodes all read {@code config}. */
    public Spec(
        HardwareParams hardware,
        NetParams net,
        Sections config,
        Personality personality,
        int jobNodes,
        ImmutableMap<String, Boolean> mounts,
        RandomStreams streams) {
      this(hardware, net, config, personality, jobNodes, mounts, streams, null);
    }
  }

  private final Simulation sim;
  private final Spec spec;
  private final PartitionHardware hw;
  private final Map<Integer, NodeOs> nodes = new TreeMap<>();
  private final Map<Integer, IoNodeOs> ioNodes = new TreeMap<>();
  private final Map<Integer, FifoAllocation> fifos = new TreeMap<>();
  private FifoAllocation lastFifos;
  private final Map<Integer, NinePClient> ninep = new TreeMap<>();
  private final Map<Integer, Sysiod> sysiod = new TreeMap<>();
  private final SharedTables shared = new SharedTables();
  private final RoqFabric roq;
  private final MuChannel system;
  private PamiNetwork pami;
  private ClassRoute classRoute;

  /** Assembles the partition; nothing runs until a workload boots its nodes. */
  public Machine(Simulation sim, Spec spec) {
    if (spec.jobNodes() < 1) {
      throw new IllegalArgumentException("a job needs at least one node: " + spec.jobNodes());
    }
    this.sim = sim;
    this.spec = spec;
    this.hw = new PartitionHardware(sim, spec.hardware());
    if (spec.jobNodes() > hw.computeNodes()) {
      throw new IllegalArgumentException(
          "a job of "
              + spec.jobNodes()
              + " nodes does not fit the "
              + hw.computeNodes()
              + " compute nodes of "
              + hw.torus().shape());
    }
    this.roq = new RoqFabric(sim, hw.mu(), spec.net().roq(), spec.net().tcp(), e -> roqEndpoint(e));
    this.system = new MuChannel(hw.mu(), FifoAllocation.SYSTEM);
  }

  /** Returns the hardware parameters of a run's sections. */
  public static HardwareParams hardware(Sections s) {
    return new HardwareParams(
        ChipParams.from(s.section(ChipParams.KIND)),
        MemoryParams.from(s.section(MemoryParams.KIND)),
        InterruptParams.from(s.section(InterruptParams.KIND)),
        MuParams.from(s.section(MuParams.KIND)),
        TorusParams.from(s.section(TorusParams.KIND)),
        s.section(ClassRoute.KIND),
        IoParams.from(s.section(IoParams.KIND)));
  }

  /** Returns the network software's parameters of a run's sections. */
  public static NetParams net(Sections s) {
    return new NetParams(
        PamiParams.from(s.section(PamiParams.KIND), s.section(TorusParams.KIND)),
        RoqParams.from(s.section(RoqParams.KIND)),
        TcpParams.from(s.section(TcpParams.KIND)),
        NinePParams.from(s.section(NinePParams.KIND)));
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns what the machine was built from. */
  public Spec spec() {
    return spec;
  }

  /** Returns the partition's hardware. */
  public PartitionHardware hardware() {
    return hw;
  }

  /** Returns the number of compute nodes of the job. */
  public int jobNodes() {
    return spec.jobNodes();
  }

  /** Returns the OS personality of the job's nodes. */
  public String personality() {
    return spec.personality().name();
  }

  /** Returns the OS of compute node {@code rank}, built on first use (the node is not booted). */
  public NodeOs node(int rank) {
    if (rank < 0 || rank >= spec.jobNodes()) {
      throw new IllegalArgumentException(
          "node " + rank + " is not in the job (nodes 0-" + (spec.jobNodes() - 1) + ")");
    }
    NodeOs os = nodes.get(rank);
    if (os == null) {
      NodeHardware h = hw.node(rank);
      fifos(rank);
      os =
          spec.personality()
              .build(
                  new NodeContext(
                      h,
                      rank,
                      spec.nodeConfig() == null ? spec.config() : spec.nodeConfig().apply(rank),
                      spec.net(),
                      spec.streams(),
                      () -> ninep(rank),
                      () -> sysiod(rank),
                      spec.mounts(),
                      shared));
      nodes.put(rank, os);
    }
    return os;
  }

  /** Returns the job's nodes built so far, by rank. */
  public Map<Integer, NodeOs> builtNodes() {
    return java.util.Collections.unmodifiableMap(nodes);
  }

  /** Returns IO node {@code i}'s OS, built on first use. */
  public IoNodeOs ioNode(int i) {
    IoNodeOs io = ioNodes.get(i);
    if (io == null) {
      fifos(hw.ioEndpoint(i));
      io =
          new IoNodeOs(
              hw.ioNode(i),
              LinuxParams.from(spec.config().section(LinuxParams.KIND)),
              spec.net().ninep());
      ioNodes.put(i, io);
    }
    return io;
  }

  /** Returns the IO nodes built so far, by index. */
  public Map<Integer, IoNodeOs> builtIoNodes() {
    return java.util.Collections.unmodifiableMap(ioNodes);
  }

  /**
   * Returns endpoint {@code e}'s Messaging Unit FIFO allocation, booted on first use: system FIFOs,
   * RoQ's layout, then PAMI's global resources and one context per rank.
   */
  public FifoAllocation fifos(int e) {
    FifoAllocation a = fifos.get(e);
    if (a == null) {
      int contexts = spec.net().pami().ranksPerNode() * spec.net().pami().contextsPerRank();
      a =
          FifoAllocation.boot(
              hw.mu().fifos(e),
              spec.net().roq().layout(),
              contexts,
              spec.net().roq().allowConflicts());
      // every node boots the same ids into its own table: keep one copy of them
      if (lastFifos != null && lastFifos.sameIds(a)) {
        a = lastFifos;
      }
      lastFifos = a;
      fifos.put(e, a);
    }
    return a;
  }

  private RoqFabric.Endpoint roqEndpoint(int e) {
    boolean io = e >= hw.computeNodes();
    FifoAllocation a = fifos(e);
    if (io) {
      IoNodeOs ion = ioNode(e - hw.computeNodes());
      return endpoint(ion.net(), ion.roq(), a);
    }
    NodeOs os = node(e);
    RoqBackend b = os.roq();
    if (b == null) {
      throw new IllegalStateException(
          os.location() + " runs " + os.personality() + ", which has no RoQ to carry TCP/IP");
    }
    return endpoint(os.net(), b, a);
  }

  private static RoqFabric.Endpoint endpoint(
      org.fusedsim.net.NetNode n, RoqBackend b, FifoAllocation a) {
    return new RoqFabric.Endpoint() {
      @Override
      public org.fusedsim.net.NetNode node() {
        return n;
      }

      @Override
      public RoqBackend backend() {
        return b;
      }

      @Override
      public FifoAllocation fifos() {
        return a;
      }
    };
  }

  /** Returns RoQ across the partition. */
  public RoqFabric roq() {
    return roq;
  }

  /** Returns compute node {@code rank}'s 9P client, mounted from its nearest IO node. */
  public NinePClient ninep(int rank) {
    NinePClient c = ninep.get(rank);
    if (c == null) {
      int io = hw.ioNodes().nearestIoNode(rank);
      c = new NinePClient(roq, spec.net().ninep(), ioNode(io).diod(), rank, hw.ioEndpoint(io));
      ninep.put(rank, c);
    }
    return c;
  }

  /** Returns compute node {@code rank}'s function-shipping path to sysiod on its IO node. */
  public Sysiod sysiod(int rank) {
    Sysiod s = sysiod.get(rank);
    if (s == null) {
      int io = hw.ioNodes().nearestIoNode(rank);
      IoNodeOs ion = ioNode(io);
      fifos(rank);
      s = new Sysiod(system, spec.net().ninep(), rank, hw.ioEndpoint(io), ion.net(), ion.fs());
      sysiod.put(rank, s);
    }
    return s;
  }

  /** Returns MPI over PAMI among the job's ranks ({@code ranks_per_node} per node). */
  public PamiNetwork pami() {
    if (pami == null) {
      int ppn = spec.net().pami().ranksPerNode();
      pami =
          new PamiNetwork(
              sim,
              hw.mu(),
              spec.net().pami(),
              this::fifos,
              r -> node(r / ppn).netThread((r % ppn) * threadsPerRank(r / ppn)));
    }
    return pami;
  }

  /** Returns the application threads of each rank on compute node {@code rank}. */
  public int threadsPerRank(int rank) {
    Sections s = spec.nodeConfig() == null ? spec.config() : spec.nodeConfig().apply(rank);
    return (int) s.section(PamiParams.KIND).integer("threads_per_rank");
  }

  /** Returns the collective network's class route over the whole partition. */
  public ClassRoute classRoute() {
    if (classRoute == null) {
      classRoute =
          new ClassRoute(hw.torus(), spec.hardware().torus(), spec.hardware().collective(), 0);
    }
    return classRoute;
  }

  /** Returns the collectives among the job's node leaders. */
  public Collectives collectives() {
    return new Collectives(pami(), classRoute(), spec.hardware().mu(), spec.jobNodes());
  }

  /**
   * Returns what is still on its way when the simulation has run out of events: messages on the
   * torus, descriptors in the Messaging Units, RoQ bursts; empty when everything arrived.
   */
  public String stuck() {
    StringBuilder sb = new StringBuilder();
    int torus = hw.network().messagesSent() - hw.network().messagesDelivered();
    if (torus > 0) {
      sb.append(torus).append(" torus messages undelivered; ");
    }
    long mu = hw.mu().descriptorsInjected() - hw.mu().descriptorsDeposited();
    if (mu > 0) {
      sb.append(mu).append(" MU descriptors not deposited; ");
    }
    if (pami != null) {
      String w = pami.waiting(4);
      if (!w.isEmpty()) {
        sb.append(w).append("; ");
      }
    }
    if (roq.burstsInFlight() > 0) {
      sb.append(roq.burstsInFlight()).append(" RoQ bursts in flight; ");
    }
    return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
  }

  /**
   * Adds the partition's own counters: its size, the Messaging Units, the network, the IO nodes.
   */
  public void report(Metrics m) {
    m.put("partition.compute_nodes", hw.computeNodes(), "nodes");
    m.put("partition.job_nodes", spec.jobNodes(), "nodes");
    m.put("partition.io_nodes", hw.ioNodeCount(), "nodes");
    m.put("partition.nodes_built", hw.nodesBuilt(), "nodes");
    if (hw.mu().descriptorsInjected() > 0) {
      m.put("mu.descriptors", hw.mu().descriptorsInjected(), "descriptors");
      m.put("mu.bytes", hw.mu().bytesMoved(), "B");
    }
    // conflict figures only where conflicts were allowed: elsewhere they are 0 by construction
    if (spec.net().roq().allowConflicts() && !fifos.isEmpty()) {
      m.put("mu.misdelivered_packets", hw.mu().misdelivered(), "packets");
      int first = fifos.keySet().iterator().next();
      m.put("mu.shared_fifos", hw.mu().fifos(first).shared(FifoKind.INJECTION).length, "FIFOs");
    }
    if (hw.network().messagesSent() > 0) {
      m.put("torus.messages", hw.network().messagesSent(), "messages");
      m.put("torus.packet_hops", hw.network().packetHops(), "hops");
    }
    if (hw.ioLinks().bytes() > 0) {
      m.put("io.link_bytes", hw.ioLinks().bytes(), "B");
    }
    if (roq.bursts() > 0) {
      m.put("roq.bursts", roq.bursts(), "bursts");
    }
    for (Map.Entry<Integer, IoNodeOs> e : ioNodes.entrySet()) {
      e.getValue().report(m, "io_node." + e.getKey());
    }
  }
}
