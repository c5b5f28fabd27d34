package org.fusedsim.scenarios.run;

import com.google.common.collect.ImmutableList;

/**
 * A line chart that becomes a PNG file: named series of (x, y) points with axis labels.
 *
 * @param name file stem, e.g. {@code storm-latency}
 * @param title the chart title
 * @param xLabel the x axis label with its unit
 * @param yLabel the y axis label with its unit
 * @param series the series, drawn in order
 * @param logLog whether both axes are logarithmic (points at or below zero are left out)
 */
public record Chart(
    String name,
    String title,
    String xLabel,
    String yLabel,
    ImmutableList<Series> series,
    boolean logLog) {

  /** A chart with linear axes. */
  public Chart(
      String name, String title, String xLabel, String yLabel, ImmutableList<Series> series) {
    this(name, title, xLabel, yLabel, series, false);
  }

  /** Returns this chart with logarithmic axes, for sweeps over orders of magnitude. */
  public Chart withLogAxes() {
    return new Chart(name, title, xLabel, yLabel, series, true);
  }

  /**
   * One series.
   *
   * @param label the legend label
   * @param x the x values
   * @param y the y values, one per x
   */
  public record Series(String label, double[] x, double[] y) {
    /** Checks the lengths match. */
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + label + ": x and y differ in length");
      }
      x = x.clone();
      y = y.clone();
    }
  }

  /**
   * Plots two numeric columns of a table, one series per distinct value of the series columns (in
   * order of first appearance). Axis labels carry the columns' units.
   *
   * @param name file stem of the PNG
   * @param title chart title
   * @param table the table to plot
   * @param x the column on the x axis
   * @param y the column on the y axis
   * @param seriesBy the columns whose values name a series (none: a single series)
   */
  public static Chart fromTable(
      String name, String title, Table table, String x, String y, String... seriesBy) {
    int xi = column(table, x);
    int yi = column(table, y);
    int[] si = new int[seriesBy.length];
    for (int i = 0; i < si.length; i++) {
      si[i] = column(table, seriesBy[i]);
    }
    java.util.Map<String, java.util.List<double[]>> points = new java.util.LinkedHashMap<>();
    for (java.util.List<Object> row : table.rows()) {
      StringBuilder key = new StringBuilder();
      for (int i : si) {
        key.append(key.length() == 0 ? "" : " ").append(row.get(i));
      }
      points
          .computeIfAbsent(key.length() == 0 ? y : key.toString(), k -> new java.util.ArrayList<>())
          .add(
              new double[] {
                ((Number) row.get(xi)).doubleValue(), ((Number) row.get(yi)).doubleValue()
              });
    }
    ImmutableList.Builder<Series> series = ImmutableList.builder();
    for (java.util.Map.Entry<String, java.util.List<double[]>> e : points.entrySet()) {
      double[] xs = new double[e.getValue().size()];
      double[] ys = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = e.getValue().get(i)[0];
        ys[i] = e.getValue().get(i)[1];
      }
      series.add(new Series(e.getKey(), xs, ys));
    }
    return new Chart(name, title, label(table, xi), label(table, yi), series.build());
  }

  private static int column(Table t, String c) {
    int i = t.columns().indexOf(c);
    if (i < 0) {
      throw new IllegalArgumentException("table " + t.name() + " has no column " + c);
    }
    return i;
  }

  private static String label(Table t, int i) {
    String u = t.units().get(i);
    return t.columns().get(i) + (u.equals("-") ? "" : " (" + u + ")");
  }
}
