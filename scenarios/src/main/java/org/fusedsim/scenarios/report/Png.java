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

  private Png() {}

  /** Returns the PNG bytes of {@code c}. */
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
    if (c.logLog()) {
      org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
      plot.setDomainAxis(new org.jfree.chart.axis.LogAxis(c.xLabel()));
      plot.setRangeAxis(new org.jfree.chart.axis.LogAxis(c.yLabel()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    return out.toByteArray();
  }
}
