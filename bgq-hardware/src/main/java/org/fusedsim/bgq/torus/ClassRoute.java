package org.fusedsim.bgq.torus;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * A collective class route over a partition: the spanning tree that the BG/Q network uses for
 * combining reduce and broadcast inside the torus routers (bgq-facts.md, "Torus network"; the
 * collective FIFOs are in {@code MU_Descriptor.h}). The tree is the dimension-order tree rooted at
 * one node, so its depth is the root's eccentricity: at most the diameter, 9 hops on a midplane.
 * Levels between midplanes add the cable's latency ({@link TorusParams#cableLatencyPs}).
 *
 * <p>Model (closed form, no contention with point-to-point traffic):
 *
 * <ul>
 *   <li>A reduce climbs the tree. A router's combine unit can add a packet only when the matching
 *       packet of every child is in it, so at each level the packet is stored whole (its wire time
 *       at the link rate), combined ({@code combine_latency}) and sent on (one hop). Later packets
 *       follow at the link rate, so the rest of the message is serialized once.
 *   <li>A broadcast descends without combining: a router forwards by virtual cut-through, one hop
 *       per level.
 *   <li>An allreduce is a reduce whose result the root turns round into a broadcast packet by
 *       packet: the two fills add up, the serialization is paid once (the links are full duplex, so
 *       the way up and the way down do not share a direction).
 * </ul>
 */
public final class ClassRoute {
  /** The component kind. */
  public static final String KIND = "collective";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "bgq-hardware",
          "collective class routes: combining reduce and broadcast in the torus routers",
          Parameter.builder("combine_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("10ns")
              .range("0ns", "1us")
              .source(
                  "estimate: the router's ALU combines a 32 B chunk in a few network cycles;"
                      + " no published per-hop figure, taken as a quarter of a hop")
              .description("extra delay per tree level for combining in a reduce")
              .build());

  private final TorusParams torus;
  private final long combineLatencyPs;
  private final int depth;
  private final int cables;
  private final int root;

  /**
   * Creates the class route of a partition rooted at {@code root}.
   *
   * @param values the {@link #SPEC} values
   */
  public ClassRoute(Torus topology, TorusParams torus, ParamValues values, int root) {
    this.torus = torus;
    this.combineLatencyPs = values.time("combine_latency");
    this.root = root;
    int d = 0;
    int c = 0;
    for (int r = 0; r < topology.nodeCount(); r++) {
      d = Math.max(d, topology.distance(root, r));
      c = torus.cableLatencyPs() > 0 ? Math.max(c, topology.cableHops(root, r)) : 0;
    }
    this.depth = d;
    this.cables = c;
  }

  /** Returns the default collective parameters. */
  public static ParamValues defaults() {
    return ParamValues.builder(SPEC).build();
  }

  /** Returns the root rank. */
  public int root() {
    return root;
  }

  /** Returns the tree depth in hops. */
  public int depth() {
    return depth;
  }

  /**
   * Returns the time one tree level adds to a combining reduce whose first packet carries {@code
   * bytes} or the largest payload: the packet stored whole, combined and sent one hop on.
   */
  public long reduceLevelPs(long bytes) {
    return firstPacket(bytes) + combineLatencyPs + torus.hopLatencyPs();
  }

  /** Returns the most levels of the tree that run over cables between midplanes. */
  public int cableLevels() {
    return cables;
  }

  /** Returns the latency of a combining reduce of {@code bytes} to the root. */
  public long reduceLatency(long bytes) {
    return depth * reduceLevelPs(bytes)
        + cables * torus.cableLatencyPs()
        + serialization(bytes)
        - firstPacket(bytes);
  }

  /** Returns the latency of a broadcast of {@code bytes} from the root to every node. */
  public long broadcastLatency(long bytes) {
    return depth * torus.hopLatencyPs() + cables * torus.cableLatencyPs() + serialization(bytes);
  }

  /**
   * Returns the latency of an allreduce: the reduce's fill, the broadcast's fill and one
   * serialization, the root turning each combined packet round into the broadcast.
   */
  public long allreduceLatency(long bytes) {
    return reduceLatency(bytes) + depth * torus.hopLatencyPs() + cables * torus.cableLatencyPs();
  }

  private long firstPacket(long bytes) {
    long payload = Math.min(bytes, torus.format().maxPayloadBytes());
    return torus.linkBandwidth().transferTime(torus.format().wireBytes(payload));
  }

  /** Returns what a level over a cable between midplanes adds. */
  public long cableLatencyPs() {
    return torus.cableLatencyPs();
  }

  /** Returns the hop latency of the torus the route is on. */
  public long hopLatencyPs() {
    return torus.hopLatencyPs();
  }

  /** Returns the time {@code bytes} of payload take on one link, headers and trailers included. */
  public long serializationPs(long bytes) {
    return serialization(bytes);
  }

  private long serialization(long bytes) {
    return torus.linkBandwidth().transferTime(torus.format().wireBytes(bytes));
  }
}
