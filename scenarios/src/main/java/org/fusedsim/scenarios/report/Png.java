package org.fusedsim.scenarios.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.fusedsim.scenarios.run.Chart;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Renders a {@link Chart} as a PNG with JFreeChart (off-screen, no display needed). */
public final class Png {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private static final java.awt.Color[] PALETTE = {
    new java.awt.Color(0x0072B2),
    new java.awt.Color(0xD55E00),
    new java.awt.Color(0x009E73),
    new java.awt.Color(0xCC79A7),
    new java.awt.Color(0xE69F00),
    new java.awt.Color(0x56B4E9),
    new java.awt.Color(0x000000),
    new java.awt.Color(0xF0E442),
  };

  private Png() {}

  /**
   * Labels an axis's ticks in {@link java.util.Locale#ROOT}, whatever the JVM's locale: JFreeChart
   * makes its number formats in the default locale.
   */
  private static void rootLocale(org.jfree.chart.axis.ValueAxis axis) {
    axis.setStandardTickUnits(new RootTickUnits());
    if (axis instanceof org.jfree.chart.axis.LogAxis log) {
      log.setBaseFormatter(RootTickUnits.format("0"));
      log.setTickUnit(
          new org.jfree.chart.axis.NumberTickUnit(1.0, RootTickUnits.format("0.#"), 10),
          false,
          false);
    } else if (axis instanceof org.jfree.chart.axis.NumberAxis n) {
      n.setTickUnit(
          new org.jfree.chart.axis.NumberTickUnit(1.0, RootTickUnits.format("0")), false, false);
    }
  }

  /** Returns the PNG bytes of {@code c}, the same in every locale. */
  public static byte[] render(Chart c) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    for (Chart.Series s : c.series()) {
      XYSeries xy = new XYSeries(s.label(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if (!c.logLog() || (s.x()[i] > 0 && s.y()[i] > 0)) {
          xy.add(s.x()[i], s.y()[i]);
        }
      }
      data.addSeries(xy);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            c.title(), c.xLabel(), c.yLabel(), data, PlotOrientation.VERTICAL, true, false, false);
    org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
    if (c.logLog()) {
      plot.setDomainAxis(new org.jfree.chart.axis.LogAxis(c.xLabel()));
      plot.setRangeAxis(new org.jfree.chart.axis.LogAxis(c.yLabel()));
    }
    rootLocale(plot.getDomainAxis());
    rootLocale(plot.getRangeAxis());
    // white ground, light grid, and colours that stay apart on screen, in print and for
    // colour-blind readers (Okabe and Ito's palette), lines thick enough to follow
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setDomainGridlinePaint(new java.awt.Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
    org.jfree.chart.renderer.xy.XYItemRenderer r = plot.getRenderer();
    for (int i = 0; i < c.series().size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new java.awt.BasicStroke(2.0f));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    return out.toByteArray();
  }
}
