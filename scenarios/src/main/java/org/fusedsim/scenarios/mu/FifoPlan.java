package org.fusedsim.scenarios.mu;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;

/**
 * A Messaging Unit FIFO allocation plan written as text: claims separated by {@code ;}, each {@code
 * OWNER KIND IDS}, where KIND is {@code injection} or {@code reception} and IDS is a comma list of
 * FIFO ids ({@code 7}), id ranges ({@code 0-9}), subgroups ({@code sg64}) or subgroup ranges
 * ({@code sg59-63}). Example: {@code roq injection sg59-63; pami reception sg64-65}.
 *
 * @param claims the claims in the order written
 */
record FifoPlan(ImmutableList<Claim> claims) {
  /**
   * One claim.
   *
   * @param owner who claims
   * @param kind injection or reception
   * @param ids the FIFO ids claimed
   * @param text the claim as written, for messages
   */
  record Claim(String owner, FifoKind kind, int[] ids, String text) {}

  static final String FORM =
      "claims as 'OWNER KIND IDS; ...' with KIND injection or reception and IDS like 0-9, 12,"
          + " sg59-63";

  /**
   * Parses a plan.
   *
   * @throws IllegalArgumentException with a message saying what was expected
   */
  static FifoPlan parse(String text) {
    List<Claim> out = new ArrayList<>();
    for (String part : text.split(";")) {
      String c = part.strip();
      if (c.isEmpty()) {
        continue;
      }
      String[] w = c.split("\\s+", 3);
      if (w.length != 3) {
        throw new IllegalArgumentException("expected " + FORM + ", got '" + c + "'");
      }
      FifoKind kind =
          switch (w[1].toLowerCase(Locale.ROOT)) {
            case "injection" -> FifoKind.INJECTION;
            case "reception" -> FifoKind.RECEPTION;
            default ->
                throw new IllegalArgumentException(
                    "expected injection or reception after '" + w[0] + "', got '" + w[1] + "'");
          };
      out.add(new Claim(w[0], kind, ids(kind, w[2].replace(" ", "")), c));
    }
    return new FifoPlan(ImmutableList.copyOf(out));
  }

  private static int[] ids(FifoKind kind, String list) {
    List<Integer> ids = new ArrayList<>();
    int subgroups = kind.count() / kind.perSubgroup();
    for (String item : list.split(",")) {
      boolean sg = item.startsWith("sg");
      String range = sg ? item.substring(2) : item;
      int lo;
      int hi;
      try {
        int dash = range.indexOf('-');
        lo = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        hi = dash < 0 ? lo : Integer.parseInt(range.substring(dash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected " + FORM + ", got '" + item + "'");
      }
      int limit = sg ? subgroups : kind.count();
      if (lo < 0 || hi < lo || hi >= limit) {
        throw new IllegalArgumentException(
            (sg ? "subgroups" : kind.label() + " FIFO ids")
                + " must lie in 0-"
                + (limit - 1)
                + " in ascending ranges, got '"
                + item
                + "'");
      }
      for (int v = lo; v <= hi; v++) {
        if (sg) {
          for (int i = 0; i < kind.perSubgroup(); i++) {
            ids.add(v * kind.perSubgroup() + i);
          }
        } else {
          ids.add(v);
        }
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Applies every claim to a node's ownership table.
   *
   * @throws org.fusedsim.bgq.mu.FifoConflictException at the first FIFO claimed twice
   */
  void applyTo(FifoOwnershipTable table) {
    for (Claim c : claims) {
      table.claim(c.kind(), c.ids(), c.owner());
    }
  }
}
