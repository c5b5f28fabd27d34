package org.fusedsim.bgq.io;

import java.util.Arrays;
import org.fusedsim.bgq.torus.PacketFormat;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;

/**
 * The IO nodes of a partition and which compute node each one is attached to.
 *
 * <p>Placement: ranks are cut into consecutive blocks of {@code computePerIo} (in ABCDE order a
 * block is a compact sub-box of the torus); IO node {@code i} hangs off its block's middle rank,
 * the <em>bridge</em> node, by one IO link. A compute node's nearest IO node is the one whose
 * bridge is the fewest torus hops away (lowest IO id on a tie), which is usually but not always its
 * own block's. The real machine puts IO links on fixed nodes of each node board; this placement
 * reproduces the ratio and the locality, not the exact wiring.
 */
public final class IoNodes {
  private final Torus torus;
  private final IoParams params;
  private final int[] bridge;
  private final int[] nearest; // lazily filled, -1 = not yet computed

  /** Places the IO nodes of {@code torus}. */
  public IoNodes(Torus torus, IoParams params) {
    this.torus = torus;
    this.params = params;
    int n = torus.nodeCount();
    int k = (n + params.computePerIo() - 1) / params.computePerIo();
    bridge = new int[k];
    for (int i = 0; i < k; i++) {
      int first = i * params.computePerIo();
      int last = Math.min(n, first + params.computePerIo()) - 1;
      bridge[i] = (first + last + 1) / 2;
    }
    nearest = new int[n];
    Arrays.fill(nearest, -1);
  }

  /** Returns the number of IO nodes. */
  public int ioNodeCount() {
    return bridge.length;
  }

  /** Returns the compute node that IO node {@code io} is attached to. */
  public int bridgeNode(int io) {
    return bridge[io];
  }

  /** Returns the IO node nearest to compute node {@code rank} in torus hops. */
  public int nearestIoNode(int rank) {
    int cached = nearest[rank];
    if (cached >= 0) {
      return cached;
    }
    int best = 0;
    int bestHops = Integer.MAX_VALUE;
    for (int i = 0; i < bridge.length; i++) {
      int h = torus.distance(rank, bridge[i]);
      if (h < bestHops) {
        bestHops = h;
        best = i;
      }
    }
    nearest[rank] = best;
    return best;
  }

  /** Returns the torus hops from {@code rank} to its nearest IO node's bridge. */
  public int hopsToBridge(int rank) {
    return torus.distance(rank, bridge[nearestIoNode(rank)]);
  }

  /**
   * Returns the zero-load latency of a message of {@code payload} bytes from {@code rank} to its IO
   * node: the torus hops to the bridge, then the IO link, cut-through all the way, so the slower of
   * the two link rates sets the serialization term.
   */
  public long latencyToIo(int rank, long payload, TorusParams torusParams) {
    PacketFormat f = torusParams.format();
    long wire = f.wireBytes(payload);
    long torusPart = (long) hopsToBridge(rank) * torusParams.hopLatencyPs();
    long slowest =
        Math.max(
            torusParams.linkBandwidth().transferTime(wire),
            params.linkBandwidth().transferTime(wire));
    return torusPart + params.linkLatencyPs() + slowest;
  }
}
