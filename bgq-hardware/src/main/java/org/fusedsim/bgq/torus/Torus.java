package org.fusedsim.bgq.torus;

/**
 * The topology of one partition: node coordinates, the links between neighbours and minimal routes.
 * All per-node and per-link state is held in primitive arrays indexed by rank and link id, so a
 * full Sequoia (98,304 nodes, 983,040 link slots) costs a few megabytes.
 *
 * <p>A link id is {@code rank * 10 + port} where {@code port = 2 * dim + (minus ? 1 : 0)}: the link
 * leaving that node in that direction. A port without a neighbour (the edge of a mesh dimension, or
 * a dimension of extent 1) has no link. In a torus dimension of extent 2 both ports reach the same
 * neighbour, as on the machine's E dimension.
 */
public final class Torus {
  /** Torus ports per node: plus and minus in each of the five dimensions. */
  public static final int PORTS = 2 * TorusShape.DIMS;

  private final TorusShape shape;
  private final int nodes;
  private final int[] size = new int[TorusShape.DIMS];
  private final int[] stride = new int[TorusShape.DIMS];
  private final byte[] coord; // coord[rank * 5 + dim]
  private final int[] neighbor; // neighbor[link], -1 if absent

  /** Builds the topology of {@code shape}. */
  public Torus(TorusShape shape) {
    this.shape = shape;
    this.nodes = shape.nodeCount();
    int s = 1;
    for (int d = TorusShape.DIMS - 1; d >= 0; d--) {
      size[d] = shape.size(d);
      stride[d] = s;
      s *= size[d];
    }
    coord = new byte[nodes * TorusShape.DIMS];
    neighbor = new int[nodes * PORTS];
    for (int r = 0; r < nodes; r++) {
      int rest = r;
      for (int d = 0; d < TorusShape.DIMS; d++) {
        coord[r * TorusShape.DIMS + d] = (byte) (rest / stride[d]);
        rest %= stride[d];
      }
    }
    for (int r = 0; r < nodes; r++) {
      for (int d = 0; d < TorusShape.DIMS; d++) {
        int c = coord[r * TorusShape.DIMS + d];
        neighbor[r * PORTS + 2 * d] = step(r, d, c, +1);
        neighbor[r * PORTS + 2 * d + 1] = step(r, d, c, -1);
      }
    }
  }

  private int step(int r, int d, int c, int delta) {
    int n = size[d];
    if (n == 1) {
      return -1;
    }
    int nc = c + delta;
    if (nc < 0 || nc >= n) {
      if (!shape.isTorus(d)) {
        return -1;
      }
      nc = (nc + n) % n;
    }
    return r + (nc - c) * stride[d];
  }

  /**
   * Nodes of a midplane along each of A to D (Shape.h: 4x4x4x4x2). A link between two nodes of
   * different midplanes is an optical cable; inside a midplane (its own wrap-around included,
   * closed by the link chips) links are board and midplane wiring. E never leaves a midplane.
   */
  public static final int MIDPLANE_EXTENT = 4;

  /** Returns whether a link runs over an optical cable between midplanes. */
  public boolean isCable(int link) {
    int target = neighbor[link];
    if (target < 0) {
      return false;
    }
    int d = (link % PORTS) / 2;
    return d < TorusShape.DIMS - 1
        && size[d] > MIDPLANE_EXTENT
        && coord(link / PORTS, d) / MIDPLANE_EXTENT != coord(target, d) / MIDPLANE_EXTENT;
  }

  /**
   * Returns how many hops of a minimal route from {@code src} to {@code dst} run over cables: per
   * dimension, the midplane boundaries crossed going the short way round (the plus way when both
   * are equal). Every minimal route crosses the same boundaries whatever the order of dimensions.
   */
  public int cableHops(int src, int dst) {
    int h = 0;
    for (int d = 0; d < TorusShape.DIMS - 1; d++) {
      int n = size[d];
      if (n <= MIDPLANE_EXTENT) {
        continue;
      }
      int from = coord(src, d);
      int to = coord(dst, d);
      int plus = Math.floorMod(to - from, n);
      int minus = n - plus;
      boolean goPlus = !shape.isTorus(d) ? to >= from : plus <= minus;
      int steps = !shape.isTorus(d) ? Math.abs(to - from) : goPlus ? plus : minus;
      int c = from;
      for (int i = 0; i < steps; i++) {
        int next = Math.floorMod(c + (goPlus ? 1 : -1), n);
        if (c / MIDPLANE_EXTENT != next / MIDPLANE_EXTENT) {
          h++;
        }
        c = next;
      }
    }
    return h;
  }

  /** Returns the shape. */
  public TorusShape shape() {
    return shape;
  }

  /** Returns the number of nodes. */
  public int nodeCount() {
    return nodes;
  }

  /** Returns the number of link slots ({@code nodes * 10}); some may not exist. */
  public int linkSlots() {
    return neighbor.length;
  }

  /** Returns the rank of the node at the given coordinates. */
  public int rank(int a, int b, int c, int d, int e) {
    int[] x = {a, b, c, d, e};
    int r = 0;
    for (int k = 0; k < TorusShape.DIMS; k++) {
      if (x[k] < 0 || x[k] >= size[k]) {
        throw new IllegalArgumentException(
            "coordinate " + TorusShape.LETTERS.charAt(k) + "=" + x[k] + " outside " + shape);
      }
      r += x[k] * stride[k];
    }
    return r;
  }

  /** Returns one coordinate of a node. */
  public int coord(int rank, int dim) {
    return coord[rank * TorusShape.DIMS + dim];
  }

  /** Returns the node's name, its coordinates {@code (a,b,c,d,e)}. */
  public String name(int rank) {
    StringBuilder sb = new StringBuilder("(");
    for (int d = 0; d < TorusShape.DIMS; d++) {
      if (d > 0) {
        sb.append(',');
      }
      sb.append(coord(rank, d));
    }
    return sb.append(')').toString();
  }

  /** Returns a link's name, e.g. {@code (0,1,0,0,0)A+}. */
  public String linkName(int link) {
    int port = link % PORTS;
    return name(link / PORTS) + TorusShape.LETTERS.charAt(port / 2) + ((port & 1) == 0 ? "+" : "-");
  }

  /** Returns whether the link slot holds a link. */
  public boolean linkExists(int link) {
    return neighbor[link] >= 0;
  }

  /** Returns the node a link leads to, or -1 if the link does not exist. */
  public int linkTarget(int link) {
    return neighbor[link];
  }

  /** Returns the neighbour of {@code rank} through {@code port}, or -1. */
  public int neighbor(int rank, int port) {
    return neighbor[rank * PORTS + port];
  }

  /** Returns the number of links that exist. */
  public int linkCount() {
    int n = 0;
    for (int t : neighbor) {
      if (t >= 0) {
        n++;
      }
    }
    return n;
  }

  /** Returns the minimal hop distance between two nodes. */
  public int distance(int src, int dst) {
    int h = 0;
    for (int d = 0; d < TorusShape.DIMS; d++) {
      h += shape.distance(d, coord(src, d), coord(dst, d));
    }
    return h;
  }

  /** Returns the node whose every coordinate is half-way round from {@code rank}'s. */
  public int antipode(int rank) {
    int r = 0;
    for (int d = 0; d < TorusShape.DIMS; d++) {
      int c = coord(rank, d);
      int o = shape.isTorus(d) ? (c + size[d] / 2) % size[d] : size[d] - 1 - c;
      r += o * stride[d];
    }
    return r;
  }

  /**
   * Returns the direction bits of a minimal route: bit {@code d} set means the minus direction in
   * dimension {@code d}. Fixed at injection so that every packet of a message, and every routing
   * option, goes the same way round in each dimension. Under {@link TieBreak#SPLIT} this is the
   * half that goes plus in every tied dimension; the other half takes {@code mask ^ tieMask}.
   */
  public int directionMask(int src, int dst, TieBreak tie) {
    int mask = 0;
    for (int d = 0; d < TorusShape.DIMS; d++) {
      int s = coord(src, d);
      int t = coord(dst, d);
      if (s == t) {
        continue;
      }
      boolean minus;
      if (!shape.isTorus(d)) {
        minus = t < s;
      } else {
        int fwd = Math.floorMod(t - s, size[d]);
        int back = size[d] - fwd;
        if (fwd != back) {
          minus = back < fwd;
        } else {
          minus = tie == TieBreak.SOURCE_PARITY && (s & 1) == 1;
        }
      }
      if (minus) {
        mask |= 1 << d;
      }
    }
    return mask;
  }

  /**
   * Returns the dimensions in which {@code dst} is exactly half-way round a ring from {@code src}
   * (bit {@code d} for dimension {@code d}): the ties a {@link TieBreak} decides.
   */
  public int tieMask(int src, int dst) {
    int mask = 0;
    for (int d = 0; d < TorusShape.DIMS; d++) {
      int s = coord(src, d);
      int t = coord(dst, d);
      if (s != t && shape.isTorus(d) && 2 * Math.floorMod(t - s, size[d]) == size[d]) {
        mask |= 1 << d;
      }
    }
    return mask;
  }

  /**
   * Returns the port of the next hop in dimension order from {@code cur} towards {@code dst}, or -1
   * if {@code cur == dst}.
   */
  public int nextPortDimensionOrder(int cur, int dst, int dirMask) {
    int cb = cur * TorusShape.DIMS;
    int db = dst * TorusShape.DIMS;
    for (int d = 0; d < TorusShape.DIMS; d++) {
      if (coord[cb + d] != coord[db + d]) {
        return 2 * d + ((dirMask >>> d) & 1);
      }
    }
    return -1;
  }

  /** Returns whether {@code cur} and {@code dst} differ in dimension {@code d}. */
  public boolean differs(int cur, int dst, int d) {
    return coord[cur * TorusShape.DIMS + d] != coord[dst * TorusShape.DIMS + d];
  }

  /** Returns the links of the dimension-order route from {@code src} to {@code dst}. */
  public int[] route(int src, int dst, TieBreak tie) {
    int mask = directionMask(src, dst, tie);
    int[] out = new int[distance(src, dst)];
    int cur = src;
    int i = 0;
    int port;
    while ((port = nextPortDimensionOrder(cur, dst, mask)) >= 0) {
      int link = cur * PORTS + port;
      out[i++] = link;
      cur = neighbor[link];
    }
    return out;
  }
}
