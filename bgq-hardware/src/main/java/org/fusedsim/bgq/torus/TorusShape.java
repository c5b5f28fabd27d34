package org.fusedsim.bgq.torus;

import com.google.common.collect.ImmutableMap;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a 5D torus partition, {@code A x B x C x D x E}, with a torus (wrap-around) or mesh
 * flag per dimension.
 *
 * <p>Facts (bgq-facts.md, "Torus network"): E is at most 2; a node board is 2x2x2x2x2, a midplane
 * 4x4x4x4x2 (code, {@code Shape.h}), a rack two midplanes, Mira 8x12x16x16x2 and Sequoia
 * 16x12x16x16x2 (secondary). Sub-block jobs cut a midplane without wrap-around, so the cut
 * dimensions become a mesh.
 *
 * <p>Ranks are numbered with E varying fastest (the BG/Q "ABCDE" order): {@code rank = ((((a*B +
 * b)*C + c)*D + d)*E + e)}.
 */
public final class TorusShape {
  /** The number of torus dimensions. */
  public static final int DIMS = 5;

  /** The dimension letters, in routing order. */
  public static final String LETTERS = "ABCDE";

  /** The largest E extent on the machine. */
  public static final int MAX_E = 2;

  /** The named partition shapes. */
  public static final ImmutableMap<String, String> PRESETS =
      ImmutableMap.of(
          "nodeboard", "2x2x2x2x2",
          "midplane", "4x4x4x4x2",
          "rack", "4x4x4x8x2",
          "mira", "8x12x16x16x2",
          "sequoia", "16x12x16x16x2");

  private static final Pattern FORM =
      Pattern.compile("\\s*(-?\\d+)x(-?\\d+)x(-?\\d+)x(-?\\d+)x(-?\\d+)\\s*");

  private final int[] size;
  private final boolean[] torus;
  private final int nodes;

  private TorusShape(int[] size, boolean[] torus) {
    this.size = size.clone();
    this.torus = torus.clone();
    for (int d = 0; d < DIMS; d++) {
      if (size[d] <= 0) {
        throw new ShapeException(
            "dimension " + LETTERS.charAt(d) + " is " + size[d] + ": expected a size >= 1");
      }
    }
    if (size[4] > MAX_E) {
      throw new ShapeException(
          "dimension E is " + size[4] + ": expected E <= " + MAX_E + " on a Blue Gene/Q");
    }
    long n = 1;
    for (int s : size) {
      n *= s;
      if (n > Integer.MAX_VALUE / 16) {
        throw new ShapeException("shape " + Arrays.toString(size) + " has too many nodes");
      }
    }
    this.nodes = (int) n;
  }

  /** Returns a shape with every dimension a torus. */
  public static TorusShape of(int a, int b, int c, int d, int e) {
    boolean[] t = new boolean[DIMS];
    Arrays.fill(t, true);
    return new TorusShape(new int[] {a, b, c, d, e}, t);
  }

  /**
   * Parses {@code AxBxCxDxE} (e.g. {@code 4x4x4x4x2}) or a preset name ({@code nodeboard}, {@code
   * midplane}, {@code rack}, {@code mira}, {@code sequoia}); every dimension is a torus.
   *
   * @throws ShapeException if the text is neither, a size is not positive, or E > 2
   */
  public static TorusShape parse(String text) {
    if (text == null) {
      throw new ShapeException("expected a shape AxBxCxDxE or a preset name, got nothing");
    }
    String key = text.strip().toLowerCase(Locale.ROOT);
    String dims = PRESETS.getOrDefault(key, key);
    Matcher m = FORM.matcher(dims);
    if (!m.matches()) {
      throw new ShapeException(
          "expected a shape AxBxCxDxE (five sizes, e.g. 4x4x4x4x2) or one of "
              + String.join(", ", PRESETS.keySet())
              + ", got '"
              + text
              + "'");
    }
    int[] s = new int[DIMS];
    for (int d = 0; d < DIMS; d++) {
      try {
        s[d] = Integer.parseInt(m.group(d + 1));
      } catch (NumberFormatException e) {
        throw new ShapeException(
            "dimension " + LETTERS.charAt(d) + " in '" + text + "' is not a small integer");
      }
    }
    boolean[] t = new boolean[DIMS];
    Arrays.fill(t, true);
    return new TorusShape(s, t);
  }

  /**
   * Returns this shape with the named dimensions made a mesh (no wrap-around link).
   *
   * @param meshDims letters among {@code ABCDE} (any case), or {@code none} / empty for none
   * @throws ShapeException on a letter that is not a dimension
   */
  public TorusShape withMesh(String meshDims) {
    boolean[] t = torus.clone();
    String s = meshDims == null ? "" : meshDims.strip().toUpperCase(Locale.ROOT);
    if (!s.isEmpty() && !s.equals("NONE")) {
      for (char ch : s.toCharArray()) {
        int d = LETTERS.indexOf(ch);
        if (d < 0) {
          throw new ShapeException(
              "expected mesh dimensions as letters from ABCDE (or 'none'), got '" + meshDims + "'");
        }
        t[d] = false;
      }
    }
    return new TorusShape(size, t);
  }

  /**
   * Returns a sub-block of this shape, as used by sub-block jobs: each extent must divide this
   * shape's extent; a dimension that is cut (smaller than here) loses its wrap-around and becomes a
   * mesh, as in the BG/Q control system.
   *
   * @throws ShapeException if the text does not parse or an extent does not divide
   */
  public TorusShape subBlock(String text) {
    TorusShape sub = parse(text);
    boolean[] t = new boolean[DIMS];
    for (int d = 0; d < DIMS; d++) {
      if (sub.size[d] > size[d] || size[d] % sub.size[d] != 0) {
        throw new ShapeException(
            "sub-block "
                + sub
                + " does not divide "
                + this
                + ": expected dimension "
                + LETTERS.charAt(d)
                + " to be a divisor of "
                + size[d]
                + ", got "
                + sub.size[d]);
      }
      t[d] = sub.size[d] == size[d] && torus[d];
    }
    return new TorusShape(sub.size, t);
  }

  /** Returns the extent of dimension {@code dim} (0 = A ... 4 = E). */
  public int size(int dim) {
    return size[dim];
  }

  /** Returns whether dimension {@code dim} wraps around. */
  public boolean isTorus(int dim) {
    return torus[dim];
  }

  /** Returns the number of nodes. */
  public int nodeCount() {
    return nodes;
  }

  /**
   * Returns the hop distance between two coordinates in one dimension: the shorter way round in a
   * torus, the difference in a mesh.
   */
  public int distance(int dim, int from, int to) {
    int diff = Math.abs(to - from);
    return torus[dim] ? Math.min(diff, size[dim] - diff) : diff;
  }

  /** Returns the network diameter in hops. */
  public int diameter() {
    int h = 0;
    for (int d = 0; d < DIMS; d++) {
      h += torus[d] ? size[d] / 2 : size[d] - 1;
    }
    return h;
  }

  /** Returns {@code AxBxCxDxE}, followed by the mesh dimensions if any, e.g. {@code :mesh=AB}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    StringBuilder mesh = new StringBuilder();
    for (int d = 0; d < DIMS; d++) {
      if (d > 0) {
        sb.append('x');
      }
      sb.append(size[d]);
      if (!torus[d] && size[d] > 1) {
        mesh.append(LETTERS.charAt(d));
      }
    }
    if (mesh.length() > 0) {
      sb.append(":mesh=").append(mesh);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TorusShape s
        && Arrays.equals(size, s.size)
        && Arrays.equals(torus, s.torus);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(size) + Arrays.hashCode(torus);
  }
}
