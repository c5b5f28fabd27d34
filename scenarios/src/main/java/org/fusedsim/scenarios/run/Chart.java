package org.fusedsim.scenarios.run;

import com.google.common.collect.ImmutableList;

/**
 * A figure that becomes a PNG and an SVG file: named series of points with axis labels, drawn as
 * lines over a numeric axis, or as grouped or stacked bars over categories.
 *
 * @param name file stem, e.g. {@code storm-latency}
 * @param title the chart title
 * @param xLabel the x axis label with its unit
 * @param yLabel the y axis label with its unit
 * @param series the series, drawn in order; for bars, x values are 1-based category indices
 * @param logLog whether both axes are logarithmic (points at or below zero are left out)
 * @param style lines, grouped bars or stacked bars
 * @param categories the bars' categories, in order (empty for lines)
 * @param logX whether the x axis alone is logarithmic (a distribution with a long tail)
 */
public record Chart(
    String name,
    String title,
    String xLabel,
    String yLabel,
    ImmutableList<Series> series,
    boolean logLog,
    Style style,
    ImmutableList<String> categories,
    boolean logX) {

  /** How the series are drawn. */
  public enum Style {
    /** Lines over a numeric x axis (markers on short series). */
    LINES,
    /** One bar per series in each category, side by side. */
    BARS,
    /** The series stacked into one bar per category: parts of a whole. */
    STACKED
  }

  /** Checks that bars have categories and lines have none. */
  public Chart {
    if ((style == Style.LINES) != categories.isEmpty()) {
      throw new IllegalArgumentException("chart " + name + ": categories go with bars only");
    }
  }

  /** A chart with linear axes. */
  public Chart(
      String name, String title, String xLabel, String yLabel, ImmutableList<Series> series) {
    this(name, title, xLabel, yLabel, series, false, Style.LINES, ImmutableList.of(), false);
  }

  /**
   * A bar chart: {@code series} give one value per category (x = 1 for the first category).
   *
   * @param stacked whether the series stack into one bar per category
   */
  public static Chart bars(
      String name,
      String title,
      String xLabel,
      String yLabel,
      ImmutableList<String> categories,
      ImmutableList<Series> series,
      boolean stacked) {
    return new Chart(
        name,
        title,
        xLabel,
        yLabel,
        series,
        false,
        stacked ? Style.STACKED : Style.BARS,
        categories,
        false);
  }

  /** Returns this chart with logarithmic axes, for sweeps over orders of magnitude. */
  public Chart withLogAxes() {
    return new Chart(name, title, xLabel, yLabel, series, true, style, categories, false);
  }

  /** Returns this chart with a logarithmic x axis, for distributions with long tails. */
  public Chart withLogX() {
    return new Chart(name, title, xLabel, yLabel, series, false, style, categories, true);
  }

  /**
   * One series.
   *
   * @param label the legend label
   * @param x the x values
   * @param y the y values, one per x
   * @param low the lower edge of a band around y (a confidence interval), one per x, or empty
   * @param high the upper edge of the band, or empty
   */
  public record Series(String label, double[] x, double[] y, double[] low, double[] high) {
    /** Checks the lengths match. */
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + label + ": x and y differ in length");
      }
      if (low.length != high.length || (low.length != 0 && low.length != y.length)) {
        throw new IllegalArgumentException("series " + label + ": a band needs one edge per y");
      }
      x = x.clone();
      y = y.clone();
      low = low.clone();
      high = high.clone();
    }

    /** A series without a band. */
    public Series(String label, double[] x, double[] y) {
      this(label, x, y, new double[0], new double[0]);
    }

    /** Returns whether the series carries a band. */
    public boolean banded() {
      return low.length > 0;
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
