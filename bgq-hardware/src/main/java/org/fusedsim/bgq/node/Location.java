package org.fusedsim.bgq.node;

import java.util.Locale;
import org.fusedsim.bgq.torus.TorusShape;

/**
 * Location names of the nodes of a partition, in the style of the BG/Q control system: compute node
 * {@code R0F-M1-N04-J07} is compute card J07 on node board N04 of midplane M1 in rack R0F; IO node
 * {@code Q00-I1-J03} is card J03 of IO drawer I1 in IO rack Q00.
 *
 * <p>The mapping follows the packaging facts (bgq-facts.md, "Torus network"): a node board is a
 * 2x2x2x2x2 box of the torus, a midplane a 4x4x4x4x2 box of 16 boards, a rack two midplanes; racks
 * are named by row and column ({@code R} + row + hexadecimal column, 16 to a row). Which box of a
 * large machine is which rack is not published in the reference, so the boxes are numbered in ABCD
 * order; the names tell nodes apart and group them as the hardware does, not the real floor plan.
 * IO nodes: 8 to a drawer, 8 drawers to an IO rack.
 */
public final class Location {
  private Location() {}

  /** Returns the location of compute node {@code rank} of a partition of {@code shape}. */
  public static String computeNode(TorusShape shape, int rank) {
    int[] size = new int[TorusShape.DIMS];
    for (int d = 0; d < TorusShape.DIMS; d++) {
      size[d] = shape.size(d);
    }
    int[] c = new int[TorusShape.DIMS];
    int r = rank;
    for (int d = TorusShape.DIMS - 1; d >= 0; d--) {
      c[d] = r % size[d];
      r /= size[d];
    }
    int midplane = 0;
    int board = 0;
    int card = 0;
    for (int d = 0; d < 4; d++) {
      int perDim = (size[d] + 3) / 4;
      midplane = midplane * perDim + c[d] / 4;
      board = board * 2 + (c[d] % 4) / 2;
      card = card * 2 + c[d] % 2;
    }
    card = card * 2 + c[4] % 2;
    int rack = midplane / 2;
    return String.format(
        Locale.ROOT, "R%d%X-M%d-N%02d-J%02d", rack / 16, rack % 16, midplane % 2, board, card);
  }

  /** Returns the location of IO node {@code io}. */
  public static String ioNode(int io) {
    return String.format(Locale.ROOT, "Q%02d-I%d-J%02d", io / 64, (io / 8) % 8, io % 8);
  }
}
