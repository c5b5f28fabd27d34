package org.fusedsim.net.pami;

import java.util.Locale;

/** How a collective is carried out. */
public enum Algorithm {
  /** On the collective network's class routes, combining in the routers. */
  CLASSROUTE("classroute"),
  /** Point-to-point recursive doubling among node leaders (log2 N rounds). */
  RECURSIVE_DOUBLING("recursive-doubling"),
  /** Point-to-point binomial tree: reduce to node 0, then broadcast (2 log2 N rounds). */
  BINOMIAL("binomial"),
  /**
   * The optimized allreduce: the message split over edge-disjoint spanning trees of the torus
   * links, combined and forwarded by communication threads (a closed form).
   */
  OPTIMIZED("optimized");

  private final String label;

  Algorithm(String label) {
    this.label = label;
  }

  /** Returns the name used in scenario files. */
  public String label() {
    return label;
  }

  /** Parses a name used in scenario files. */
  public static Algorithm parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Algorithm a : values()) {
      if (a.label.equals(t)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown algorithm '"
            + t
            + "': expected classroute, recursive-doubling, binomial or optimized");
  }
}
