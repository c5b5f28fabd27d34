package org.fusedsim.bgq.node;

import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.io.IoLinks;
import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.mu.MessagingUnits;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;

/**
 * The hardware of one partition: the torus (packet or flow level), the IO nodes at the configured
 * ratio with their IO links, the Messaging Units of every endpoint, and each node's {@link
 * NodeHardware}. Nodes are built on first use, so a partition where few nodes do anything costs
 * only those nodes.
 *
 * <p>Endpoints: compute nodes {@code 0..n-1} (their torus ranks), IO nodes {@code n + i}.
 */
public final class PartitionHardware {
  private final Simulation sim;
  private final HardwareParams params;
  private final TorusNetwork net;
  private final IoNodes io;
  private final IoLinks links;
  private final MessagingUnits mu;
  private final int computeNodes;
  private final Map<Integer, NodeHardware> nodes = new TreeMap<>();

  /** Builds the partition's network; nodes come on first use. */
  public PartitionHardware(Simulation sim, HardwareParams params) {
    this.sim = sim;
    this.params = params;
    this.net = TorusNetwork.create(sim, params.torus());
    this.computeNodes = net.torus().nodeCount();
    net.nameNodes(this::location);
    this.io = new IoNodes(net.torus(), params.io());
    this.links = new IoLinks(sim, net, io, params.io());
    this.mu = new MessagingUnits(sim, links, net, params.mu(), this::location);
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the parameters. */
  public HardwareParams params() {
    return params;
  }

  /** Returns the torus topology. */
  public Torus torus() {
    return net.torus();
  }

  /** Returns the torus network. */
  public TorusNetwork network() {
    return net;
  }

  /** Returns the IO node placement. */
  public IoNodes ioNodes() {
    return io;
  }

  /** Returns the IO links. */
  public IoLinks ioLinks() {
    return links;
  }

  /** Returns the Messaging Units of every endpoint. */
  public MessagingUnits mu() {
    return mu;
  }

  /** Returns the number of compute nodes. */
  public int computeNodes() {
    return computeNodes;
  }

  /** Returns the number of IO nodes. */
  public int ioNodeCount() {
    return io.ioNodeCount();
  }

  /** Returns the endpoint of IO node {@code i}. */
  public int ioEndpoint(int i) {
    return links.ioEndpoint(i);
  }

  /** Returns the endpoint of the IO node nearest to compute node {@code rank}. */
  public int nearestIoEndpoint(int rank) {
    return ioEndpoint(io.nearestIoNode(rank));
  }

  /** Returns the location name of an endpoint. */
  public String location(int endpoint) {
    return endpoint < computeNodes
        ? Location.computeNode(net.torus().shape(), endpoint)
        : Location.ioNode(endpoint - computeNodes);
  }

  /** Returns the hardware of compute node {@code rank}, built on first use. */
  public NodeHardware node(int rank) {
    if (rank < 0 || rank >= computeNodes) {
      throw new IllegalArgumentException(
          "no compute node "
              + rank
              + " in "
              + net.torus().shape()
              + " (0-"
              + (computeNodes - 1)
              + ")");
    }
    return endpoint(rank);
  }

  /** Returns the hardware of IO node {@code i}, built on first use. */
  public NodeHardware ioNode(int i) {
    if (i < 0 || i >= io.ioNodeCount()) {
      throw new IllegalArgumentException("no IO node " + i + " (0-" + (io.ioNodeCount() - 1) + ")");
    }
    return endpoint(ioEndpoint(i));
  }

  private NodeHardware endpoint(int e) {
    NodeHardware n = nodes.get(e);
    if (n == null) {
      n = new NodeHardware(sim, params, e, location(e));
      nodes.put(e, n);
    }
    return n;
  }

  /** Returns how many nodes (compute and IO) have been built. */
  public int nodesBuilt() {
    return nodes.size();
  }
}
