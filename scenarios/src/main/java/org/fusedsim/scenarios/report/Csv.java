package org.fusedsim.scenarios.report;

import java.util.List;
import org.fusedsim.scenarios.run.Table;

/**
 * Renders a {@link Table} as RFC 4180 CSV. The header names each column with its unit in brackets
 * ({@code latency[ns]}) so that a spreadsheet keeps the unit with the number.
 */
public final class Csv {
  private Csv() {}

  /** Renders the table with a header row, {@code \n} line ends. */
  public static String render(Table t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < t.columns().size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String unit = t.units().get(i);
      sb.append(
          quote(unit.equals("-") ? t.columns().get(i) : t.columns().get(i) + "[" + unit + "]"));
    }
    sb.append('\n');
    for (List<Object> row : t.rows()) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Object v = row.get(i);
        if (v instanceof Double || v instanceof Float) {
          sb.append(Numbers.format(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
          sb.append(n.longValue());
        } else {
          sb.append(quote(String.valueOf(v)));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
