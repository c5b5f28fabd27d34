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
 *
 * <p>Model (closed form, no contention with point-to-point traffic): a reduce climbs the tree, each
 * level adding one hop latency and one combine; packets pipeline, so the serialization of the whole
 * message is paid once. A broadcast descends without combining. An allreduce is a reduce then a
 * broadcast. This is the level of detail the MPI collectives issue needs to start from.
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
    for (int r = 0; r < topology.nodeCount(); r++) {
      d = Math.max(d, topology.distance(root, r));
    }
    this.depth = d;
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

  /** Returns the latency of a combining reduce of {@code bytes} to the root. */
  public long reduceLatency(long bytes) {
    return depth * (torus.hopLatencyPs() + combineLatencyPs) + serialization(bytes);
  }

  /** Returns the latency of a broadcast of {@code bytes} from the root to every node. */
  public long broadcastLatency(long bytes) {
    return depth * torus.hopLatencyPs() + serialization(bytes);
  }

  /** Returns the latency of an allreduce: a reduce then a broadcast. */
  public long allreduceLatency(long bytes) {
    return reduceLatency(bytes) + broadcastLatency(bytes);
  }

  private long serialization(long bytes) {
    return torus.linkBandwidth().transferTime(torus.format().wireBytes(bytes));
  }
}
