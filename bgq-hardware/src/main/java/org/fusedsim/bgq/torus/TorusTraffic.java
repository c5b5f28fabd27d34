package org.fusedsim.bgq.torus;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;

/**
 * Standard traffic on a partition's torus, for the scenario kinds and the benchmark: ping-pong
 * latency and bandwidth against message size and hops, and the all-to-antipode contention workload.
 * Each drives the network it is given, in that network's simulation (the partition a run
 * assembled); the messages are what the Messaging Units inject, timed from the first packet to the
 * last byte, without the MU's own descriptor and deposit costs.
 */
public final class TorusTraffic {
  private TorusTraffic() {}

  /** The message sizes of the ping-pong sweep: 0 B, then powers of two from 8 B to 4 MiB. */
  public static ImmutableList<Long> defaultPingPongSizes() {
    ImmutableList.Builder<Long> b = ImmutableList.builder();
    b.add(0L);
    for (long s = 8; s <= 4L << 20; s <<= 1) {
      b.add(s);
    }
    return b.build();
  }

  /**
   * One ping-pong measurement.
   *
   * @param sizeBytes payload of each message
   * @param hops route length
   * @param latencyPs half the round-trip time
   * @param expectedPs the closed-form one-way latency ({@link TorusParams#closedFormLatency})
   * @param bandwidthGBps payload per one-way latency, GB/s (10^9 B/s) per direction
   */
  public record PingPongRow(
      long sizeBytes, int hops, long latencyPs, long expectedPs, double bandwidthGBps) {
    /** Returns the CSV header matching {@link #csv()}. */
    public static String csvHeader() {
      return "size_bytes,hops,latency_ns,bandwidth_GBps,expected_ns";
    }

    /** Returns this row as CSV (fixed decimals, locale independent). */
    public String csv() {
      return String.format(
          Locale.ROOT,
          "%d,%d,%.3f,%.6f,%.3f",
          sizeBytes,
          hops,
          Time.toNanos(latencyPs),
          bandwidthGBps,
          Time.toNanos(expectedPs));
    }

    /** Returns the relative difference between simulated and closed-form latency. */
    public double relativeError() {
      return Math.abs(latencyPs - expectedPs) / (double) expectedPs;
    }
  }

  /**
   * The ping-pong results.
   *
   * @param shape the partition
   * @param fidelity the level of detail used
   * @param rows one row per size and route, neighbour rows first
   * @param metrics {@code latency.<size>.<h>hop} and {@code expected_latency.<size>.<h>hop} (ns),
   *     {@code bandwidth.neighbor.<size>} and {@code bandwidth.diameter.<size>} (GB/s)
   * @param simulatedPs simulated time summed over the independent round trips
   * @param events kernel events summed over the round trips
   */
  public record PingPongResult(
      TorusShape shape,
      Fidelity fidelity,
      ImmutableList<PingPongRow> rows,
      Metrics metrics,
      long simulatedPs,
      long events) {}

  /**
   * Runs ping-pong between node 0 and its first neighbour (1 hop) and between node 0 and its
   * antipode (the diameter: 9 hops on a midplane), for each size: node 0 sends, the partner answers
   * with the same size when the whole message has arrived; latency is half the round trip.
   *
   * @param params the torus; its fidelity decides packet or flow level
   * @param sizes payload sizes in bytes
   */
  public static PingPongResult pingPong(Simulation sim, TorusNetwork net, List<Long> sizes) {
    Torus torus = net.torus();
    TorusParams params = net.params();
    int neighbor = firstNeighbor(torus, 0);
    int far = torus.antipode(0);
    List<PingPongRow> rows = new ArrayList<>();
    Fidelity fid = net.fidelity();
    long[] totals = new long[2];
    for (int[] pair : new int[][] {{0, neighbor}, {0, far}}) {
      for (long size : sizes) {
        rows.add(pingPongOnce(sim, net, pair[0], pair[1], size, totals));
      }
    }
    Metrics m = new Metrics();
    int nHops = torus.distance(0, neighbor);
    for (PingPongRow r : rows) {
      String s = DataSize.ofBytes(r.sizeBytes()).toString();
      String key = s + "." + r.hops() + "hop";
      if (m.get("latency." + key).isPresent()) {
        continue;
      }
      m.put("latency." + key, Time.toNanos(r.latencyPs()), "ns");
      m.put("expected_latency." + key, Time.toNanos(r.expectedPs()), "ns");
      String route = r.hops() == nHops ? "neighbor" : "diameter";
      m.put("bandwidth." + route + "." + s, r.bandwidthGBps(), "GB/s");
    }
    return new PingPongResult(
        params.shape(), fid, ImmutableList.copyOf(rows), m, totals[0], totals[1]);
  }

  private static int firstNeighbor(Torus torus, int node) {
    for (int port = 0; port < Torus.PORTS; port++) {
      int n = torus.neighbor(node, port);
      if (n >= 0 && n != node) {
        return n;
      }
    }
    throw new IllegalArgumentException("partition " + torus.shape() + " has a single node");
  }

  /** One round trip on an idle network, started now; runs the simulation until it is over. */
  private static PingPongRow pingPongOnce(
      Simulation sim, TorusNetwork net, int a, int b, long size, long[] totals) {
    long start = sim.now();
    long events = sim.eventCount();
    long[] end = {Time.NEVER};
    net.send(a, b, size, id -> net.send(b, a, size, id2 -> end[0] = sim.now()));
    sim.run();
    if (end[0] == Time.NEVER) {
      throw new IllegalStateException("ping-pong " + a + " <-> " + b + " did not complete");
    }
    totals[0] += end[0] - start;
    totals[1] += sim.eventCount() - events;
    long oneWay = (end[0] - start) / 2;
    int hops = net.torus().distance(a, b);
    double gbps = oneWay == 0 ? 0 : size / (double) oneWay * 1000.0;
    return new PingPongRow(size, hops, oneWay, net.params().closedFormLatency(size, hops), gbps);
  }

  /**
   * Results of the all-to-antipode contention workload.
   *
   * @param shape the partition
   * @param fidelity the level of detail used
   * @param payloadBytes bytes each node sends
   * @param makespanPs time until the last message arrived
   * @param loneLatencyPs one such message alone on the network (simulated)
   * @param meanLatencyPs mean message latency under contention
   * @param aggregateGBps all payload delivered per makespan, GB/s
   * @param busiestLink the name of the link with the highest utilization
   * @param busiestLinkUtilization its busy time over the makespan
   * @param maxFlowsPerLink the largest number of routes that share one link (from the routes)
   * @param slowdown makespan over the lone latency
   * @param packetHops packet hops simulated (at flow level, the packets the flows represent)
   * @param events events run by the kernel
   * @param metrics the figures above under {@code contention.*}
   * @param directionUtilization mean busy fraction of the existing links of each of the 10
   *     directions (A+, A-, B+, ... E-) over the makespan
   * @param utilizationHistogram how many existing links fall in each tenth of utilization (index 9
   *     includes 100%)
   */
  public record ContentionResult(
      TorusShape shape,
      Fidelity fidelity,
      long payloadBytes,
      long makespanPs,
      long loneLatencyPs,
      long meanLatencyPs,
      double aggregateGBps,
      String busiestLink,
      double busiestLinkUtilization,
      int maxFlowsPerLink,
      double slowdown,
      long packetHops,
      long events,
      Metrics metrics,
      double[] directionUtilization,
      int[] utilizationHistogram) {}

  /**
   * Every node sends {@code payloadBytes} to its antipode at time 0 (the torus-contention
   * workload).
   */
  public static ContentionResult contention(Simulation sim, TorusNetwork net, long payloadBytes) {
    Torus torus = net.torus();
    TorusParams params = net.params();
    int n = torus.nodeCount();
    // the lone message first, on the idle network
    long t0 = sim.now();
    net.send(0, torus.antipode(0), payloadBytes, null);
    sim.run();
    checkDelivered(net);
    long loneLatency = sim.now() - t0;
    long events0 = sim.eventCount();
    long[] busy0 = new long[torus.linkSlots()];
    for (int l = 0; l < busy0.length; l++) {
      busy0[l] = torus.linkExists(l) ? net.linkBusyTime(l) : 0;
    }
    long hops0 = net.packetHops();
    int first = net.messagesSent();
    long start = sim.now();
    for (int r = 0; r < n; r++) {
      net.send(r, torus.antipode(r), payloadBytes, null);
    }
    sim.run();
    checkDelivered(net);
    long makespan = sim.now() - start;
    long sum = 0;
    for (int i = first; i < net.messagesSent(); i++) {
      sum += net.deliveryTime(i) - net.sendTime(i);
    }
    long mean = sum / (net.messagesSent() - first);

    int busiest = -1;
    long busiestTime = -1;
    for (int l = 0; l < torus.linkSlots(); l++) {
      if (torus.linkExists(l) && net.linkBusyTime(l) - busy0[l] > busiestTime) {
        busiestTime = net.linkBusyTime(l) - busy0[l];
        busiest = l;
      }
    }
    int[] flows = new int[torus.linkSlots()];
    int maxFlows = 0;
    for (int r = 0; r < n; r++) {
      for (int l : torus.route(r, torus.antipode(r), params.tieBreak())) {
        maxFlows = Math.max(maxFlows, ++flows[l]);
      }
    }
    double[] dirBusy = new double[Torus.PORTS];
    int[] dirLinks = new int[Torus.PORTS];
    int[] histogram = new int[10];
    for (int l = 0; l < torus.linkSlots(); l++) {
      if (torus.linkExists(l)) {
        double u = (net.linkBusyTime(l) - busy0[l]) / (double) makespan;
        dirBusy[l % Torus.PORTS] += u;
        dirLinks[l % Torus.PORTS]++;
        histogram[Math.min(9, (int) (u * 10))]++;
      }
    }
    for (int d = 0; d < Torus.PORTS; d++) {
      dirBusy[d] = dirLinks[d] == 0 ? 0 : dirBusy[d] / dirLinks[d];
    }
    double util = busiestTime / (double) makespan;
    double aggregate = (double) payloadBytes * n / makespan * 1000.0;
    double slowdown = makespan / (double) loneLatency;
    Metrics m = new Metrics();
    m.put("contention.nodes", n, "nodes");
    m.put("contention.payload_per_node", payloadBytes, "B");
    m.put("contention.makespan", Time.toMicros(makespan), "us");
    m.put("contention.lone_latency", Time.toMicros(loneLatency), "us");
    m.put("contention.mean_latency", Time.toMicros(mean), "us");
    m.put("contention.aggregate_throughput", aggregate, "GB/s");
    m.put("contention.busiest_link_utilization", util, "1");
    m.put("contention.max_flows_per_link", maxFlows, "flows");
    m.put("contention.slowdown", slowdown, "1");
    m.put("contention.packet_hops", net.packetHops() - hops0, "packets");
    return new ContentionResult(
        params.shape(),
        net.fidelity(),
        payloadBytes,
        makespan,
        loneLatency,
        mean,
        aggregate,
        torus.linkName(busiest),
        util,
        maxFlows,
        slowdown,
        net.packetHops() - hops0,
        sim.eventCount() - events0,
        m,
        dirBusy,
        histogram);
  }

  private static void checkDelivered(TorusNetwork net) {
    net.checkDelivered();
  }

  /**
   * What {@code fusedsim bench torus} reports; wall time is measured by the caller.
   *
   * @param packetHops packet hops simulated
   * @param simulatedPs simulated time at the end
   * @param events events run
   * @param messages messages delivered
   */
  public record BenchResult(long packetHops, long simulatedPs, long events, int messages) {}

  /**
   * Every node of {@code net}'s partition sends {@code payloadBytes} to its antipode now; runs the
   * simulation and returns the counts for a throughput figure.
   */
  public static BenchResult allToAntipode(Simulation sim, TorusNetwork net, long payloadBytes) {
    Torus torus = net.torus();
    for (int r = 0; r < torus.nodeCount(); r++) {
      net.send(r, torus.antipode(r), payloadBytes, null);
    }
    sim.run();
    checkDelivered(net);
    return new BenchResult(net.packetHops(), sim.now(), sim.eventCount(), net.messagesDelivered());
  }
}
