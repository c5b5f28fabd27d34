package org.fusedsim.net.pami;

import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;

/** MPI benchmarks as library calls: ping-pong and alltoall, each on a fresh simulation. */
public final class MpiExperiments {
  private MpiExperiments() {}

  /**
   * One ping-pong measurement.
   *
   * @param latencyPs half the round trip
   * @param eager whether the message went eagerly
   * @param events kernel events of the round trip
   * @param misdeliveredPackets packets misdelivered on FIFOs shared with RoQ (only PAMI injects
   *     here, so a shared FIFO never sees the other owner's descriptors)
   */
  public record PingPong(long latencyPs, boolean eager, long events, long misdeliveredPackets) {}

  /** Measures one round trip of {@code bytes} between ranks {@code a} and {@code b}. */
  public static PingPong pingPong(MpiSetup setup, int a, int b, long bytes) {
    Simulation sim = new Simulation();
    TorusNetwork net = TorusNetwork.create(sim, setup.torus());
    PamiNetwork pami =
        new PamiNetwork(sim, net, setup.mu(), setup.pami(), setup.layout(), setup.allowConflicts());
    if (a == b || a < 0 || b < 0 || a >= pami.ranks() || b >= pami.ranks()) {
      throw new IllegalArgumentException(
          "ping-pong needs two distinct ranks of 0-"
              + (pami.ranks() - 1)
              + ", got "
              + a
              + ", "
              + b);
    }
    long[] back = {-1};
    pami.send(a, b, bytes, () -> pami.send(b, a, bytes, () -> back[0] = sim.now()));
    sim.run();
    if (back[0] < 0) {
      throw new IllegalStateException("ping-pong did not complete");
    }
    return new PingPong(
        back[0] / 2,
        setup.pami().eager(bytes),
        sim.eventCount(),
        pami.fifoTraffic().misdelivered());
  }

  /**
   * The outcome of an alltoall.
   *
   * @param latencyPs from the call to the last rank's completion
   * @param networkPs from the call to the last byte deposited at any node
   * @param softwarePs the longest per-rank software time (issuing plus receiving)
   * @param bytesOnNetwork payload bytes that crossed the torus
   * @param events kernel events
   */
  public record Alltoall(
      long latencyPs, long networkPs, long softwarePs, long bytesOnNetwork, long events) {}

  /**
   * Runs an alltoall of {@code bytes} per rank pair.
   *
   * <p>Node-level model: the {@code ranks_per_node^2} messages between two nodes travel as one
   * aggregate flow, since they share a route; node {@code n} issues its aggregate to node {@code (n
   * + i) mod N} at {@code (i - 1) x ranks_per_node x send_overhead}, its ranks issuing in parallel.
   * Each rank also spends {@code recv_overhead} per incoming message (plus the copy when eager,
   * plus {@code recv_overhead + rendezvous_overhead} more when rendezvous) and {@code
   * ranks_per_node - 1} shared-memory messages; the call ends when both the network and every
   * rank's software are done. Rendezvous handshakes overlap the data stream and are not simulated
   * per message.
   */
  public static Alltoall alltoall(MpiSetup setup, long bytes) {
    Simulation sim = new Simulation();
    TorusNetwork net = TorusNetwork.create(sim, setup.torus());
    PamiParams p = setup.pami();
    int n = net.torus().nodeCount();
    int ppn = p.ranksPerNode();
    long aggregate = (long) ppn * ppn * bytes;
    long fetch = setup.mu().descriptorFetchPs();
    long deposit = setup.mu().receptionDepositPs();
    long[] last = {0};
    for (int src = 0; src < n; src++) {
      for (int i = 1; i < n; i++) {
        int s = src;
        int d = (src + i) % n;
        sim.schedule(
            p.sendOverheadPs() + (long) (i - 1) * ppn * p.sendOverheadPs() + fetch,
            () ->
                net.send(s, d, aggregate, id -> last[0] = Math.max(last[0], sim.now() + deposit)));
      }
    }
    sim.run();
    int remote = (n - 1) * ppn;
    long perMessage =
        p.eager(bytes)
            ? p.recvOverheadPs() + p.copyBandwidth().transferTime(bytes)
            : 2 * p.recvOverheadPs() + p.rendezvousOverheadPs();
    long software =
        (long) remote * (p.sendOverheadPs() + perMessage) + (long) (ppn - 1) * p.shmCost(bytes);
    long latency = p.collectiveOverheadPs() + Math.max(last[0], software);
    return new Alltoall(
        latency, last[0], software, aggregate * n * (long) (n - 1), sim.eventCount());
  }
}
