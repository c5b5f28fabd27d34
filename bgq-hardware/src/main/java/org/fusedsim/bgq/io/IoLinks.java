package org.fusedsim.bgq.io;

import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;

/**
 * The IO links of a partition: one link per IO node to its bridge compute node, one FIFO per
 * direction. Network endpoints {@code 0..n-1} are the compute nodes of the torus and {@code n + i}
 * is IO node {@code i}. A transfer between a compute node and an IO node crosses the torus to the
 * bridge and the IO link, cut-through (the link's serialization overlaps the torus's; it adds its
 * latency and, when busy, its queueing). IO node to IO node goes via both bridges.
 */
public final class IoLinks {
  private final Simulation sim;
  private final TorusNetwork net;
  private final IoNodes io;
  private final IoParams params;
  private final int computeNodes;
  private final long[] upFree;
  private final long[] downFree;
  private long bytes;

  /** Creates the links of the IO nodes {@code io} places on {@code net}'s torus. */
  public IoLinks(Simulation sim, TorusNetwork net, IoNodes io, IoParams params) {
    this.sim = sim;
    this.net = net;
    this.io = io;
    this.params = params;
    this.computeNodes = net.torus().nodeCount();
    this.upFree = new long[io.ioNodeCount()];
    this.downFree = new long[io.ioNodeCount()];
  }

  /** Returns the IO node placement. */
  public IoNodes ioNodes() {
    return io;
  }

  /** Returns the number of endpoints: compute nodes, then IO nodes. */
  public int endpoints() {
    return computeNodes + io.ioNodeCount();
  }

  /** Returns whether {@code endpoint} is an IO node. */
  public boolean isIoNode(int endpoint) {
    return endpoint >= computeNodes;
  }

  /** Returns the endpoint of IO node {@code i}. */
  public int ioEndpoint(int i) {
    return computeNodes + i;
  }

  /** Returns the payload bytes that crossed IO links so far. */
  public long bytes() {
    return bytes;
  }

  /**
   * Moves {@code payload} bytes from endpoint {@code from} to {@code to}; {@code arrived} runs when
   * the last byte is there. Two compute nodes: the torus only.
   */
  public void move(int from, int to, long payload, Runnable arrived) {
    move(from, to, payload, null, arrived);
  }

  /**
   * Moves {@code payload} bytes from endpoint {@code from} to {@code to}; {@code injected} (if not
   * {@code null}) runs when the last byte has left {@code from}: onto the torus as {@link
   * TorusNetwork#send} reports it, or onto {@code from}'s IO link when that is the first link.
   */
  public void move(int from, int to, long payload, Runnable injected, Runnable arrived) {
    boolean fromIo = isIoNode(from);
    boolean toIo = isIoNode(to);
    TorusNetwork.Delivery left = injected == null ? null : id -> injected.run();
    if (!fromIo && !toIo) {
      net.send(from, to, payload, left, id -> arrived.run());
    } else if (!fromIo) {
      int i = to - computeNodes;
      int bridge = io.bridgeNode(i);
      if (bridge == from) {
        long tail = up(i, sim.now() + wireTime(payload), payload, arrived);
        if (injected != null) {
          sim.schedule(tail - sim.now(), injected);
        }
      } else {
        net.send(from, bridge, payload, left, id -> up(i, sim.now(), payload, arrived));
      }
    } else {
      int i = from - computeNodes;
      int bridge = io.bridgeNode(i);
      long transfer = wireTime(payload);
      long start = Math.max(sim.now(), downFree[i]);
      downFree[i] = start + transfer;
      bytes += payload;
      if (injected != null) {
        sim.schedule(start + transfer - sim.now(), injected);
      }
      long head = start + params.linkLatencyPs();
      if (toIo) {
        int j = to - computeNodes;
        sim.schedule(
            head - sim.now(),
            () ->
                net.send(
                    bridge, io.bridgeNode(j), payload, id -> up(j, sim.now(), payload, arrived)));
      } else if (to == bridge) {
        sim.schedule(start + transfer + params.linkLatencyPs() - sim.now(), arrived);
      } else {
        sim.schedule(head - sim.now(), () -> net.send(bridge, to, payload, id -> arrived.run()));
      }
    }
  }

  /**
   * The tail of a message reached the bridge of IO node {@code i} at {@code tailAt}; returns when
   * its tail has gone onto the IO link.
   */
  private long up(int i, long tailAt, long payload, Runnable arrived) {
    long transfer = wireTime(payload);
    long finish = Math.max(tailAt, upFree[i] + transfer);
    upFree[i] = finish;
    bytes += payload;
    sim.schedule(finish + params.linkLatencyPs() - sim.now(), arrived);
    return finish;
  }

  private long wireTime(long payload) {
    return params.linkBandwidth().transferTime(net.params().format().wireBytes(payload));
  }
}
