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
 */
public record Chart(
    String name, String title, String xLabel, String yLabel, ImmutableList<Series> series) {
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
}
