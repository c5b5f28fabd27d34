package org.fusedsim.net.roq;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.fifo.SharedFifoTraffic;

/**
 * The machine as RoQ sees it: compute nodes on the torus (endpoints {@code 0..n-1}) and IO nodes
 * behind their bridge nodes' IO links (endpoint {@code n + i} is IO node {@code i}). Moves raw
 * messages over the shared {@link TorusNetwork} and the IO links, and holds the per-endpoint
 * servers: core 16's back end and the CPU that runs TCP/IP.
 *
 * <p>IO link: one FIFO link per direction per IO node, cut-through behind the torus (its
 * serialization overlaps the torus's; it adds its latency and, when busy, its queueing).
 */
public final class RoqFabric {
  private final Simulation sim;
  private final TorusNetwork net;
  private final IoNodes io;
  private final IoParams ioParams;
  private final RoqParams roq;
  private final TcpParams tcp;
  private final int computeNodes;
  private final List<Server> backends = new ArrayList<>();
  private final List<Server> stacks = new ArrayList<>();
  private final long[] upFree;
  private final long[] downFree;
  private long ioLinkBytes;
  private FifoAllocation fifos;
  private SharedFifoTraffic traffic;

  /** Creates the fabric over {@code net}, with IO nodes placed by {@code io}. */
  public RoqFabric(
      Simulation sim,
      TorusNetwork net,
      IoNodes io,
      IoParams ioParams,
      RoqParams roq,
      TcpParams tcp) {
    this.sim = sim;
    this.net = net;
    this.io = io;
    this.ioParams = ioParams;
    this.roq = roq;
    this.tcp = tcp;
    this.computeNodes = net.torus().nodeCount();
    int endpoints = computeNodes + io.ioNodeCount();
    for (int i = 0; i < endpoints; i++) {
      backends.add(new Server(sim));
    }
    for (int i = 0; i < computeNodes; i++) {
      stacks.add(new Server(sim));
    }
    upFree = new long[io.ioNodeCount()];
    downFree = new long[io.ioNodeCount()];
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the torus network (shared with MPI). */
  public TorusNetwork network() {
    return net;
  }

  /** Returns the IO node placement. */
  public IoNodes ioNodes() {
    return io;
  }

  /** Returns RoQ's parameters. */
  public RoqParams roq() {
    return roq;
  }

  /** Returns the TCP/IP costs. */
  public TcpParams tcp() {
    return tcp;
  }

  /** Returns the endpoint of IO node {@code i}. */
  public int ioEndpoint(int i) {
    return computeNodes + i;
  }

  /** Returns the endpoint of the IO node nearest to compute node {@code rank}. */
  public int nearestIoEndpoint(int rank) {
    return ioEndpoint(io.nearestIoNode(rank));
  }

  /** Returns core 16's back end of {@code endpoint}. */
  public Server backend(int endpoint) {
    return backends.get(endpoint);
  }

  /**
   * Returns the CPU that runs TCP/IP on compute node {@code endpoint}: one GPC thread, shared by
   * all of the node's connections (the stack's softirq and the sending task).
   */
  public Server stack(int endpoint) {
    return stacks.get(endpoint);
  }

  /**
   * Returns the CPU a new connection's TCP/IP work runs on at {@code endpoint}: the compute node's
   * shared GPC thread, or on an IO node (16 application cores running Linux) a thread of its own,
   * so connections of different compute nodes proceed in parallel there.
   */
  Server stackFor(int endpoint) {
    return endpoint >= computeNodes ? new Server(sim) : stacks.get(endpoint);
  }

  /** Returns the payload bytes that crossed IO links so far. */
  public long ioLinkBytes() {
    return ioLinkBytes;
  }

  /**
   * Moves {@code payload} bytes from endpoint {@code from} to {@code to} over torus and IO link;
   * {@code arrived} runs when the last byte is there. Two compute nodes or two IO nodes: torus only
   * (IO node to IO node goes via both bridges).
   */
  public void move(int from, int to, long payload, Runnable arrived) {
    if (traffic != null && from < computeNodes) {
      int fifo = injectionFifo(to);
      traffic.inject(from, fifo, FifoAllocation.ROQ, payload);
      route(
          from,
          to,
          payload,
          () -> {
            traffic.complete(from, fifo, FifoAllocation.ROQ);
            arrived.run();
          });
    } else {
      route(from, to, payload, arrived);
    }
  }

  private void route(int from, int to, long payload, Runnable arrived) {
    boolean fromIo = from >= computeNodes;
    boolean toIo = to >= computeNodes;
    if (!fromIo && !toIo) {
      net.send(from, to, payload, id -> arrived.run());
    } else if (!fromIo) {
      int i = to - computeNodes;
      int bridge = io.bridgeNode(i);
      if (bridge == from) {
        up(i, sim.now() + wireTime(payload), payload, arrived);
      } else {
        net.send(from, bridge, payload, id -> up(i, sim.now(), payload, arrived));
      }
    } else {
      int i = from - computeNodes;
      int bridge = io.bridgeNode(i);
      long transfer = wireTime(payload);
      long start = Math.max(sim.now(), downFree[i]);
      downFree[i] = start + transfer;
      ioLinkBytes += payload;
      long head = start + ioParams.linkLatencyPs();
      if (toIo) {
        int j = to - computeNodes;
        sim.schedule(
            head - sim.now(),
            () ->
                net.send(
                    bridge, io.bridgeNode(j), payload, id -> up(j, sim.now(), payload, arrived)));
      } else if (to == bridge) {
        sim.schedule(start + transfer + ioParams.linkLatencyPs() - sim.now(), arrived);
      } else {
        sim.schedule(head - sim.now(), () -> net.send(bridge, to, payload, id -> arrived.run()));
      }
    }
  }

  /**
   * Accounts this fabric's compute-node injections in {@code t}, on the FIFOs of {@code a} (set
   * when PAMI runs beside RoQ, so both report into one {@link SharedFifoTraffic}). Estimate of
   * which FIFO a message uses, as the prototype's spreading is not documented: traffic to IO node
   * {@code i} on RoQ's IO injection FIFO {@code i mod 2}, traffic to compute node {@code d} on
   * RoQ's injection FIFO {@code d mod 36} (connections spread over the FIFOs by destination).
   */
  public void accountFifos(FifoAllocation a, SharedFifoTraffic t) {
    this.fifos = a;
    this.traffic = t;
  }

  private int injectionFifo(int to) {
    if (to >= computeNodes) {
      int[] io = fifos.roqIoInjection();
      return io[(to - computeNodes) % io.length];
    }
    int[] c = fifos.roqInjection();
    return c[to % c.length];
  }

  /** The tail of a message reached bridge node of IO node {@code i} at {@code tailAt}. */
  private void up(int i, long tailAt, long payload, Runnable arrived) {
    long transfer = wireTime(payload);
    long finish = Math.max(tailAt, upFree[i] + transfer);
    upFree[i] = finish;
    ioLinkBytes += payload;
    sim.schedule(finish + ioParams.linkLatencyPs() - sim.now(), arrived);
  }

  private long wireTime(long payload) {
    return ioParams.linkBandwidth().transferTime(net.params().format().wireBytes(payload));
  }

  /** Opens a one-way TCP connection over RoQ from {@code from} to {@code to}. */
  public RoqConnection connect(int from, int to) {
    return new RoqConnection(this, from, to);
  }
}
