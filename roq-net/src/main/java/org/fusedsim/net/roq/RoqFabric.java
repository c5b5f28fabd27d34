package org.fusedsim.net.roq;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.fusedsim.bgq.mu.Descriptor;
import org.fusedsim.bgq.mu.MessagingUnits;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.RoqParams;

/**
 * RoQ across a partition: every burst is a Messaging Unit descriptor injected into one of RoQ's
 * injection FIFOs (its compute FIFOs in subgroups 59-63, or the IO FIFOs of subgroup 58 towards an
 * IO node) and deposited into RoQ's reception FIFO of the destination, over the torus and, to and
 * from IO nodes, the IO links. The node's own parts (core 16's microcode, interrupt-context work,
 * threads) come from the partition's {@link Endpoint}s.
 *
 * <p>Which of RoQ's 36 compute injection FIFOs a burst uses is an estimate (the prototype's
 * spreading is not documented): the destination's rank modulo 36, so the connections of one node
 * spread over the FIFOs by destination; towards IO node {@code i}, IO FIFO {@code i mod 2}.
 */
public final class RoqFabric {
  /** What RoQ needs of one node of the partition. */
  public interface Endpoint {
    /** The node's OS services (receive processing, threads). */
    NetNode node();

    /** The RoQ microcode on core 16. */
    RoqBackend backend();

    /** The node's Messaging Unit FIFO allocation (RoQ's and PAMI's FIFOs). */
    FifoAllocation fifos();
  }

  private final Simulation sim;
  private final MessagingUnits mu;
  private final RoqParams roq;
  private final TcpParams tcp;
  private final IntFunction<Endpoint> endpoints;
  private final int computeNodes;
  private final Map<Long, Runnable> inFlight = new LinkedHashMap<>();
  private final Map<Integer, Boolean> listening = new LinkedHashMap<>();
  private long nextTag = 1;
  private long bursts;

  /**
   * Creates RoQ over {@code mu}.
   *
   * @param endpoints the node at each endpoint, booted on first use
   */
  public RoqFabric(
      Simulation sim,
      MessagingUnits mu,
      RoqParams roq,
      TcpParams tcp,
      IntFunction<Endpoint> endpoints) {
    this.sim = sim;
    this.mu = mu;
    this.roq = roq;
    this.tcp = tcp;
    this.endpoints = endpoints;
    this.computeNodes = mu.network().torus().nodeCount();
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the Messaging Units. */
  public MessagingUnits mu() {
    return mu;
  }

  /** Returns RoQ's parameters. */
  public RoqParams roq() {
    return roq;
  }

  /** Returns the TCP/IP costs. */
  public TcpParams tcp() {
    return tcp;
  }

  /** Returns the node at an endpoint. */
  public Endpoint endpoint(int e) {
    return endpoints.apply(e);
  }

  /** Returns the bursts moved so far. */
  public long bursts() {
    return bursts;
  }

  /**
   * Moves one burst of {@code payload} bytes from endpoint {@code from} to {@code to} through the
   * Messaging Units; {@code deposited} runs when it is in the destination's reception FIFO.
   */
  public void move(int from, int to, long payload, Runnable deposited) {
    Endpoint src = endpoints.apply(from);
    Endpoint dst = endpoints.apply(to);
    listen(to, dst);
    boolean toIo = to >= computeNodes;
    boolean fromIo = from >= computeNodes;
    int[] inj = toIo || fromIo ? src.fifos().roqIoInjection() : src.fifos().roqInjection();
    int fifo = toIo ? inj[(to - computeNodes) % inj.length] : inj[to % inj.length];
    int rec = (toIo || fromIo ? dst.fifos().roqIoReception() : dst.fifos().roqReception())[0];
    long tag = nextTag++;
    inFlight.put(tag, deposited);
    bursts++;
    mu.inject(from, fifo, Descriptor.memoryFifo(to, payload, rec).by(FifoAllocation.ROQ, tag));
  }

  private void listen(int e, Endpoint dst) {
    if (listening.putIfAbsent(e, Boolean.TRUE) != null) {
      return;
    }
    MessagingUnits.ReceptionHandler h =
        (source, d) -> {
          Runnable r = inFlight.remove(d.flow());
          if (r == null) {
            throw new IllegalStateException(
                "RoQ at endpoint " + e + ": burst " + d.flow() + " from " + source + " unknown");
          }
          r.run();
        };
    for (int f : dst.fifos().roqReception()) {
      mu.onReception(e, f, h);
    }
    for (int f : dst.fifos().roqIoReception()) {
      mu.onReception(e, f, h);
    }
  }

  /** Returns the bursts injected and not yet deposited. */
  public int burstsInFlight() {
    return inFlight.size();
  }

  /** Opens a one-way TCP connection over RoQ from {@code from} to {@code to}. */
  public RoqConnection connect(int from, int to) {
    return new RoqConnection(this, from, to);
  }
}
