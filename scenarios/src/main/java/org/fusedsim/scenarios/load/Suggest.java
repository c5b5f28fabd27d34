package org.fusedsim.scenarios.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * "Did you mean": the names closest to a mistyped one by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours), within a distance that grows with the name's length.
 */
public final class Suggest {
  private Suggest() {}

  /** Returns {@code " (did you mean 'x'?)"} for the closest names, or an empty string. */
  public static String didYouMean(String typed, Collection<String> names) {
    List<String> c = closest(typed, names);
    if (c.isEmpty()) {
      return "";
    }
    return " (did you mean '" + String.join("' or '", c) + "'?)";
  }

  /** Returns up to three names closest to {@code typed}, best first, in the order given on ties. */
  public static List<String> closest(String typed, Collection<String> names) {
    int limit = Math.max(1, Math.min(3, typed.length() / 3));
    int best = Integer.MAX_VALUE;
    List<String> out = new ArrayList<>();
    for (String n : names) {
      int d = distance(typed, n);
      if (d > limit || d == 0) {
        continue;
      }
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best && out.size() < 3) {
        out.add(n);
      }
    }
    return out;
  }

  /** Optimal string alignment distance. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
