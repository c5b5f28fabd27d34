package org.fusedsim.scenarios.app;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusShape;

/**
 * Where a job runs: {@code nodes} consecutive compute nodes from {@code first}, a rectangular
 * sub-block of the partition's torus.
 *
 * @param first the first node
 * @param nodes how many
 * @param shape the sub-block's shape (a dimension cut short of the partition's is a mesh)
 */
public record Placement(int first, int nodes, TorusShape shape) {
  /**
   * Places jobs of {@code sizes} nodes one after the other as SLURM's block allocator on a Blue
   * Gene does: a job of {@code n} nodes takes the lowest free range of {@code n} nodes that starts
   * at a multiple of {@code n} and forms a rectangular sub-block of the torus.
   *
   * @throws IllegalArgumentException naming the first job that does not fit, and why
   */
  public static List<Placement> place(Torus torus, List<Integer> sizes) {
    int all = torus.nodeCount();
    boolean[] used = new boolean[all];
    List<Placement> out = new ArrayList<>();
    for (int j = 0; j < sizes.size(); j++) {
      int n = sizes.get(j);
      if (n < 1 || n > all) {
        throw new IllegalArgumentException(
            "job " + (j + 1) + " asks for " + n + " nodes; the partition has " + all);
      }
      Placement p = null;
      boolean anyBlock = false;
      for (int first = 0; first + n <= all && p == null; first += n) {
        TorusShape box = box(torus, first, n);
        if (box == null) {
          continue;
        }
        anyBlock = true;
        if (free(used, first, n)) {
          p = new Placement(first, n, box);
        }
      }
      if (p == null) {
        throw new IllegalArgumentException(
            "job "
                + (j + 1)
                + " of "
                + n
                + " nodes does not fit "
                + torus.shape()
                + (anyBlock
                    ? ": every sub-block of " + n + " nodes is taken by the jobs before it"
                    : ": "
                        + n
                        + " consecutive nodes form no rectangular sub-block (expected a product of"
                        + " extents from E back to A, such as 32, 64, 128, 256 or 512 on a"
                        + " midplane)"));
      }
      for (int k = 0; k < n; k++) {
        used[p.first() + k] = true;
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Returns the first {@code n} nodes of the partition: their sub-block if they form one, else the
   * partition's shape (the class route then spans the partition).
   */
  public static Placement prefix(Torus torus, int n) {
    TorusShape box = box(torus, 0, n);
    return new Placement(0, n, box != null ? box : torus.shape());
  }

  private static boolean free(boolean[] used, int first, int n) {
    for (int k = 0; k < n; k++) {
      if (used[first + k]) {
        return false;
      }
    }
    return true;
  }

  /** The shape of nodes {@code first .. first + n - 1} if they fill a box, else null. */
  private static TorusShape box(Torus torus, int first, int n) {
    int[] lo = new int[TorusShape.DIMS];
    int[] hi = new int[TorusShape.DIMS];
    for (int d = 0; d < TorusShape.DIMS; d++) {
      lo[d] = Math.min(torus.coord(first, d), torus.coord(first + n - 1, d));
      hi[d] = Math.max(torus.coord(first, d), torus.coord(first + n - 1, d));
    }
    long volume = 1;
    StringBuilder text = new StringBuilder();
    for (int d = 0; d < TorusShape.DIMS; d++) {
      volume *= hi[d] - lo[d] + 1;
      text.append(d == 0 ? "" : "x").append(hi[d] - lo[d] + 1);
    }
    if (volume != n) {
      return null;
    }
    try {
      return torus.shape().subBlock(text.toString());
    } catch (org.fusedsim.bgq.torus.ShapeException e) {
      // an extent that does not divide the partition's is no sub-block the control system makes
      return null;
    }
  }
}
