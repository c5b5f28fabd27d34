package org.fusedsim.scenarios.mpi;

import org.fusedsim.bgq.torus.TieBreak;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.Time;

/**
 * The network time of a uniform all-to-all on a full torus under the flow level's max-min sharing,
 * folded by translation: for partitions whose every pair as its own flow is too many to share out
 * at each start and end (a midplane's 261,632 flows, 4,096 nodes' 16.8 million).
 *
 * <p>Model: every node sends {@code pairBytes} to every other node, all flows started at once; a
 * flow follows the routing's minimal route, split in halves round tied rings under {@link
 * TieBreak#SPLIT}. On a torus (no mesh dimension) with a tie rule that does not look at the source
 * ({@code plus}, {@code split}), translating every flow by one node maps the flow set and the links
 * onto themselves, so the max-min fair rates are the same for all translates of a flow (the
 * allocation is unique). One class per displacement then stands for its N flows, and one resource
 * per link direction for its N links: class {@code δ} loads each link of direction {@code p} with
 * {@code h_p(δ)}, its hops in that direction (N translates of h hops over N links). Dimension order
 * and the adaptive spread give the same counts, so this holds for both routings.
 *
 * <p>Invariants against the full flow level ({@code AlltoallClassesTest}): same progressive
 * filling, same completion rule, same pipeline term {@code hops * hopLatency} after a flow's last
 * byte. Left out: cable latency (not translation invariant; 63 ns a cable against milliseconds),
 * the MPI protocol steps before the data moves (the simulated mode has them).
 */
final class AlltoallClasses {
  private static final double EPS_BYTES = 1e-3;

  private AlltoallClasses() {}

  /** Returns whether the fold applies: a torus in every dimension and a source-blind tie rule. */
  static boolean applies(TorusShape shape, TieBreak tie) {
    for (int d = 0; d < TorusShape.DIMS; d++) {
      if (shape.size(d) > 1 && !shape.isTorus(d)) {
        return false;
      }
    }
    return tie != TieBreak.SOURCE_PARITY;
  }

  /** Returns the time in ps until the last flow of the all-to-all has delivered its last byte. */
  static long networkTime(TorusParams p, long pairBytes) {
    Torus torus = new Torus(p.shape());
    if (!applies(p.shape(), p.tieBreak())) {
      throw new IllegalArgumentException(
          "the translation fold needs a full torus and a source-blind tie rule");
    }
    int n = torus.nodeCount();
    int classes = n - 1;
    double[][] h = new double[classes][Torus.PORTS];
    int[] hops = new int[classes];
    for (int c = 0; c < classes; c++) {
      int dst = c + 1;
      int mask = torus.directionMask(0, dst, p.tieBreak());
      int ties = p.tieBreak() == TieBreak.SPLIT ? torus.tieMask(0, dst) : 0;
      for (int d = 0; d < TorusShape.DIMS; d++) {
        int dist = p.shape().distance(d, 0, torus.coord(dst, d));
        if (dist == 0) {
          continue;
        }
        int port = 2 * d + ((mask >>> d) & 1);
        if ((ties >>> d & 1) != 0) {
          h[c][port] += dist / 2.0;
          h[c][port ^ 1] += dist / 2.0;
        } else {
          h[c][port] += dist;
        }
      }
      hops[c] = torus.distance(0, dst);
    }
    double capacity = p.linkBandwidth().bytesPerSecond() / (double) Time.S;
    double[] remaining = new double[classes];
    double[] rate = new double[classes];
    java.util.Arrays.fill(remaining, p.format().wireBytes(pairBytes));
    int[] active = new int[classes];
    for (int c = 0; c < classes; c++) {
      active[c] = c;
    }
    int count = classes;
    double now = 0;
    double last = 0;
    long hop = p.hopLatencyPs();
    while (count > 0) {
      share(h, active, count, capacity, rate);
      double dt = Double.POSITIVE_INFINITY;
      for (int i = 0; i < count; i++) {
        int c = active[i];
        dt = Math.min(dt, remaining[active[i]] / rate[c]);
      }
      now += dt;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        int c = active[i];
        remaining[c] -= rate[c] * dt;
        if (remaining[c] <= EPS_BYTES) {
          last = Math.max(last, now + (double) hop * hops[c]);
        } else {
          active[kept++] = c;
        }
      }
      count = kept;
    }
    return (long) StrictMath.ceil(last - 1e-6);
  }

  /** Max-min rates of the active classes by progressive filling over the ten link directions. */
  private static void share(double[][] h, int[] active, int count, double capacity, double[] rate) {
    double[] residual = new double[Torus.PORTS];
    double[] load = new double[Torus.PORTS];
    java.util.Arrays.fill(residual, capacity);
    for (int i = 0; i < count; i++) {
      for (int q = 0; q < Torus.PORTS; q++) {
        load[q] += h[active[i]][q];
      }
    }
    int[] unfrozen = java.util.Arrays.copyOf(active, count);
    int left = count;
    while (left > 0) {
      double best = Double.POSITIVE_INFINITY;
      for (int q = 0; q < Torus.PORTS; q++) {
        if (load[q] >= 1e-9) {
          best = Math.min(best, residual[q] / load[q]);
        }
      }
      boolean[] bottleneck = new boolean[Torus.PORTS];
      for (int q = 0; q < Torus.PORTS; q++) {
        bottleneck[q] = load[q] >= 1e-9 && residual[q] <= best * load[q] * (1 + 1e-12);
      }
      int kept = 0;
      int frozen = 0;
      for (int i = 0; i < left; i++) {
        int c = unfrozen[i];
        boolean stop = false;
        for (int q = 0; q < Torus.PORTS; q++) {
          stop |= h[c][q] > 0 && bottleneck[q];
        }
        if (stop) {
          rate[c] = Math.max(best, 0);
          for (int q = 0; q < Torus.PORTS; q++) {
            residual[q] -= rate[c] * h[c][q];
            load[q] -= h[c][q];
          }
          frozen++;
        } else {
          unfrozen[kept++] = c;
        }
      }
      if (frozen == 0) {
        throw new IllegalStateException("max-min sharing made no progress");
      }
      left = kept;
    }
  }
}
