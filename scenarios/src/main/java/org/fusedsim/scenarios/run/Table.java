package org.fusedsim.scenarios.run;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of results that becomes a CSV file: named columns with their units, and rows.
 *
 * @param name file stem, e.g. {@code latency-vs-size}
 * @param columns the column names
 * @param units the unit of each column ({@code -} for none)
 * @param rows the rows; each has one value per column ({@link Number} or {@link String})
 */
public record Table(
    String name,
    ImmutableList<String> columns,
    ImmutableList<String> units,
    ImmutableList<ImmutableList<Object>> rows) {

  /** Checks that every row has one value per column. */
  public Table {
    if (columns.size() != units.size()) {
      throw new IllegalArgumentException("table " + name + ": one unit per column");
    }
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException("table " + name + ": row width " + r.size());
      }
    }
  }

  /** Starts a table with columns given as {@code name:unit} pairs. */
  public static Builder builder(String name, String... columnsWithUnits) {
    return new Builder(name, columnsWithUnits);
  }

  /** Collects rows. */
  public static final class Builder {
    private final String name;
    private final ImmutableList<String> columns;
    private final ImmutableList<String> units;
    private final List<ImmutableList<Object>> rows = new ArrayList<>();

    private Builder(String name, String... cu) {
      this.name = name;
      ImmutableList.Builder<String> c = ImmutableList.builder();
      ImmutableList.Builder<String> u = ImmutableList.builder();
      for (String s : cu) {
        int i = s.indexOf(':');
        c.add(i < 0 ? s : s.substring(0, i));
        u.add(i < 0 ? "-" : s.substring(i + 1));
      }
      this.columns = c.build();
      this.units = u.build();
    }

    /** Adds a row. */
    public Builder row(Object... values) {
      rows.add(ImmutableList.copyOf(values));
      return this;
    }

    /** Returns the table. */
    public Table build() {
      return new Table(name, columns, units, ImmutableList.copyOf(rows));
    }
  }
}
