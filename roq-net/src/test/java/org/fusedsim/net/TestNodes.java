package org.fusedsim.net;

import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.chip.CoreRole;
import org.fusedsim.bgq.mu.MessagingUnits;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.bgq.node.PartitionHardware;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.Diod;
import org.fusedsim.net.ninep.FileServer;
import org.fusedsim.net.ninep.NinePClient;
import org.fusedsim.net.ninep.Sysiod;
import org.fusedsim.net.pami.Collectives;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.net.roq.RoqBackend;
import org.fusedsim.net.roq.RoqFabric;

/**
 * Test doubles of the OS a node offers the network stacks, and a partition wired with them. The
 * doubles cost nothing of their own: a thread's CPU time and a softirq are plain delays, so every
 * time a test measures is the network software's parameters plus the hardware's (Messaging Units,
 * torus, IO links, core 16's RoQ microcode), and closed forms can be written from them.
 */
public final class TestNodes {
  private TestNodes() {}

  /**
   * The default software with {@code ppn} ranks per node and RoQ's FIFOs in {@code layout}; with
   * {@code allowConflicts}, a layout that collides with PAMI boots with shared FIFOs.
   */
  public static NetParams net(int ppn, FifoLayout layout, boolean allowConflicts) {
    NetParams n = NetParams.defaults();
    RoqParams r = n.roq();
    return new NetParams(
        n.pami().withRanksPerNode(ppn),
        new RoqParams(
            layout,
            r.burstBytes(),
            r.maxInFlight(),
            r.descriptorPs(),
            r.pollPs(),
            r.mtu(),
            allowConflicts),
        n.tcp(),
        n.ninep());
  }

  /**
   * A thread whose {@link #compute} is a plain delay and that enforces the {@link NetThread}
   * protocol: computing while asleep or in a compute, sleeping twice, or two wakes before a sleep
   * throw, so a stack that breaks the protocol fails its test.
   */
  public static final class DelayThread implements NetThread {
    private final Simulation sim;
    private final String name;
    private boolean sleeping;
    private boolean computing;
    private Runnable early;
    private long busyPs;

    /** Creates the thread, asleep (a daemon's worker waiting for work) or running. */
    public DelayThread(Simulation sim, String name, boolean asleep) {
      this.sim = sim;
      this.name = name;
      this.sleeping = asleep;
    }

    @Override
    public void compute(long ps, Runnable then) {
      if (sleeping || computing) {
        throw new IllegalStateException(
            name + " asked to compute while " + (sleeping ? "asleep" : "computing"));
      }
      computing = true;
      busyPs += ps;
      sim.schedule(
          ps,
          () -> {
            computing = false;
            then.run();
          });
    }

    @Override
    public void sleep() {
      if (sleeping || computing) {
        throw new IllegalStateException(
            name + " asked to sleep while " + (sleeping ? "asleep" : "computing"));
      }
      if (early != null) {
        Runnable r = early;
        early = null;
        r.run();
        return;
      }
      sleeping = true;
    }

    @Override
    public void wake(Runnable then) {
      if (!sleeping) {
        if (early != null) {
          throw new IllegalStateException(name + " woken twice before it slept");
        }
        early = then;
        return;
      }
      sleeping = false;
      then.run();
    }

    /** Returns whether the thread waits for a wake. */
    public boolean asleep() {
      return sleeping;
    }

    /** Returns the CPU time the thread has been asked for. */
    public long busyTime() {
      return busyPs;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A node whose softirq is a plain delay and whose new threads are {@link DelayThread}s. */
  public static final class DelayNode implements NetNode {
    private final Simulation sim;
    private final int endpoint;
    private long softirqPs;

    /** Creates the node at {@code endpoint}. */
    public DelayNode(Simulation sim, int endpoint) {
      this.sim = sim;
      this.endpoint = endpoint;
    }

    @Override
    public int endpoint() {
      return endpoint;
    }

    @Override
    public void softirq(long ps, Runnable then) {
      softirqPs += ps;
      sim.schedule(ps, then);
    }

    @Override
    public NetThread newThread(String name) {
      return new DelayThread(sim, "endpoint " + endpoint + " " + name, true);
    }

    /** Returns the interrupt-context time asked for so far. */
    public long softirqTime() {
      return softirqPs;
    }
  }

  /**
   * A partition's hardware with the network software on it, wired as the assembled machine wires
   * it: each endpoint's FIFO allocation booted on first use (system, RoQ, then PAMI with one
   * context per rank), RoQ's microcode on thread 0 of core 16, one system {@link MuChannel} for
   * function shipping, diod and a file system per IO node, and the 9P client and sysiod path of a
   * compute node towards its nearest IO node. Nodes run {@link DelayNode}; rank {@code r} runs a
   * {@link DelayThread}, running when created (an application thread that calls into MPI).
   */
  public static final class Partition {
    private final Simulation sim;
    private final NetParams net;
    private final PartitionHardware hw;
    private final Map<Integer, FifoAllocation> fifos = new TreeMap<>();
    private final Map<Integer, DelayNode> nodes = new TreeMap<>();
    private final Map<Integer, RoqFabric.Endpoint> endpoints = new TreeMap<>();
    private final Map<Integer, DelayThread> ranks = new TreeMap<>();
    private final Map<Integer, FileServer> fileSystems = new TreeMap<>();
    private final Map<Integer, Diod> diods = new TreeMap<>();
    private final Map<Integer, NinePClient> clients = new TreeMap<>();
    private final Map<Integer, Sysiod> sysiods = new TreeMap<>();
    private final RoqFabric roq;
    private final MuChannel system;
    private PamiNetwork pami;

    /** Builds the partition of {@code hardware} with the software of {@code net}. */
    public Partition(HardwareParams hardware, NetParams net) {
      this.sim = new Simulation();
      this.net = net;
      this.hw = new PartitionHardware(sim, hardware);
      this.roq = new RoqFabric(sim, hw.mu(), net.roq(), net.tcp(), this::endpoint);
      this.system = new MuChannel(hw.mu(), FifoAllocation.SYSTEM);
    }

    /** The default hardware and software on {@code torus}. */
    public Partition(TorusParams torus, NetParams net) {
      this(HardwareParams.defaults(torus), net);
    }

    /** Returns the simulation. */
    public Simulation sim() {
      return sim;
    }

    /** Returns the network software's parameters. */
    public NetParams net() {
      return net;
    }

    /** Returns the hardware. */
    public PartitionHardware hardware() {
      return hw;
    }

    /** Returns the Messaging Units. */
    public MessagingUnits mu() {
      return hw.mu();
    }

    /** Returns endpoint {@code e}'s FIFO allocation, booted on first use. */
    public FifoAllocation fifos(int e) {
      FifoAllocation a = fifos.get(e);
      if (a == null) {
        int contexts = net.pami().ranksPerNode() * net.pami().contextsPerRank();
        a =
            FifoAllocation.boot(
                hw.mu().fifos(e), net.roq().layout(), contexts, net.roq().allowConflicts());
        fifos.put(e, a);
      }
      return a;
    }

    /** Returns endpoint {@code e}'s OS double. */
    public DelayNode node(int e) {
      return nodes.computeIfAbsent(e, k -> new DelayNode(sim, k));
    }

    /** Returns what RoQ sees of endpoint {@code e}; its microcode starts on first use. */
    public RoqFabric.Endpoint endpoint(int e) {
      RoqFabric.Endpoint ep = endpoints.get(e);
      if (ep == null) {
        NodeHardware h = e < hw.computeNodes() ? hw.node(e) : hw.ioNode(e - hw.computeNodes());
        h.chip().assignRole(16, CoreRole.ROQ);
        RoqBackend backend = new RoqBackend(h.chip().thread(16, 0));
        FifoAllocation a = fifos(e);
        DelayNode n = node(e);
        ep =
            new RoqFabric.Endpoint() {
              @Override
              public NetNode node() {
                return n;
              }

              @Override
              public RoqBackend backend() {
                return backend;
              }

              @Override
              public FifoAllocation fifos() {
                return a;
              }
            };
        endpoints.put(e, ep);
      }
      return ep;
    }

    /** Returns RoQ across the partition. */
    public RoqFabric roq() {
      return roq;
    }

    /** Returns the thread of rank {@code r}. */
    public DelayThread rank(int r) {
      return ranks.computeIfAbsent(r, k -> new DelayThread(sim, "rank " + k, false));
    }

    /** Returns MPI over PAMI, {@code ranks_per_node} ranks per compute node. */
    public PamiNetwork pami() {
      if (pami == null) {
        pami = new PamiNetwork(sim, hw.mu(), net.pami(), this::fifos, this::rank);
      }
      return pami;
    }

    /** Returns the collectives among the leaders of all compute nodes. */
    public Collectives collectives() {
      return new Collectives(pami(), classRoute(), hw.params().mu(), hw.computeNodes());
    }

    /** Returns the class route over the whole partition. */
    public ClassRoute classRoute() {
      return new ClassRoute(hw.torus(), hw.params().torus(), hw.params().collective(), 0);
    }

    /** Returns IO node {@code i}'s external file system. */
    public FileServer fs(int i) {
      return fileSystems.computeIfAbsent(i, k -> new FileServer(sim, net.ninep()));
    }

    /** Returns diod on IO node {@code i}, started on first use. */
    public Diod diod(int i) {
      return diods.computeIfAbsent(i, k -> new Diod(node(hw.ioEndpoint(k)), net.ninep(), fs(k)));
    }

    /** Returns compute node {@code rank}'s 9P client, mounted from its nearest IO node. */
    public NinePClient ninep(int rank) {
      NinePClient c = clients.get(rank);
      if (c == null) {
        int io = hw.ioNodes().nearestIoNode(rank);
        c = new NinePClient(roq, net.ninep(), diod(io), rank, hw.ioEndpoint(io));
        clients.put(rank, c);
      }
      return c;
    }

    /** Returns compute node {@code rank}'s function shipping to sysiod on its nearest IO node. */
    public Sysiod sysiod(int rank) {
      Sysiod s = sysiods.get(rank);
      if (s == null) {
        int io = hw.ioNodes().nearestIoNode(rank);
        int ioEndpoint = hw.ioEndpoint(io);
        fifos(rank);
        fifos(ioEndpoint);
        s = new Sysiod(system, net.ninep(), rank, ioEndpoint, node(ioEndpoint), fs(io));
        sysiods.put(rank, s);
      }
      return s;
    }

    /** Runs the simulation until no event is left and checks that nothing was left on its way. */
    public void run() {
      sim.run();
      long mu = hw.mu().descriptorsInjected() - hw.mu().descriptorsDeposited();
      if (mu != 0 || roq.burstsInFlight() != 0) {
        throw new AssertionError(
            mu
                + " MU descriptors not deposited, "
                + roq.burstsInFlight()
                + " RoQ bursts in flight");
      }
    }
  }
}
