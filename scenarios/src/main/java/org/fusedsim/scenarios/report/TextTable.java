package org.fusedsim.scenarios.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: a header row, a unit row under it, then data rows. The first
 * column is left-aligned, the others right-aligned.
 */
public final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int width;

  /** Creates a table with a header row and a unit row. */
  public TextTable(List<String> header, List<String> units) {
    if (header.size() != units.size()) {
      throw new IllegalArgumentException("one unit per column");
    }
    width = header.size();
    rows.add(header.toArray(new String[0]));
    rows.add(units.toArray(new String[0]));
  }

  /** Adds a data row. */
  public TextTable row(List<String> cells) {
    if (cells.size() != width) {
      throw new IllegalArgumentException("row width " + cells.size() + " != " + width);
    }
    rows.add(cells.toArray(new String[0]));
    return this;
  }

  /** Renders the table with {@code \n} line ends. */
  public String render() {
    int[] w = new int[width];
    for (String[] r : rows) {
      for (int i = 0; i < width; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    // Numbers line up on the right; words read better from the left.
    boolean[] numeric = new boolean[width];
    for (int i = 1; i < width; i++) {
      numeric[i] = true;
      for (int ri = 2; ri < rows.size(); ri++) {
        String cell = rows.get(ri)[i];
        if (!cell.isEmpty() && !cell.equals("-") && !cell.matches("[-+]?[0-9][0-9.,eE+-]*")) {
          numeric[i] = false;
          break;
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    boolean noUnits = java.util.Arrays.stream(rows.get(1)).allMatch(String::isEmpty);
    for (int ri = 0; ri < rows.size(); ri++) {
      if (ri == 1 && noUnits) {
        continue;
      }
      String[] r = rows.get(ri);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width; i++) {
        if (i > 0) {
          line.append("  ");
        }
        String cell = r[i];
        if (!numeric[i]) {
          line.append(cell).append(" ".repeat(w[i] - cell.length()));
        } else {
          line.append(" ".repeat(w[i] - cell.length())).append(cell);
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
