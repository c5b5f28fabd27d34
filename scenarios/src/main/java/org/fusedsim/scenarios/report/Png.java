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

/**
 * Renders a {@link Chart} with JFreeChart (off-screen, no display needed): as a PNG for screens and
 * report.html, and as an SVG (through JFreeSVG) for papers and slides, from the same figure.
 */
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, figure(c), WIDTH, HEIGHT);
    return out.toByteArray();
  }

  /** Returns the SVG text of {@code c}, the same in every locale and on every call. */
  public static String svg(Chart c) {
    org.jfree.svg.SVGGraphics2D g2 = new org.jfree.svg.SVGGraphics2D(WIDTH, HEIGHT);
    // the default prefix of clip-path ids is a clock reading; a fixed one keeps the file the same
    g2.setDefsKeyPrefix("f");
    figure(c).draw(g2, new java.awt.Rectangle(0, 0, WIDTH, HEIGHT));
    return g2.getSVGDocument() + "\n";
  }

  private static JFreeChart figure(Chart c) {
    System.setProperty("java.awt.headless", "true");
    JFreeChart chart = c.style() == Chart.Style.LINES ? lines(c) : bars(c);
    // white ground, light grid, and colours that stay apart on screen, in print and for
    // colour-blind readers (Okabe and Ito's palette)
    chart.setBackgroundPaint(java.awt.Color.WHITE);
    chart.getPlot().setBackgroundPaint(java.awt.Color.WHITE);
    return chart;
  }

  private static JFreeChart lines(Chart c) {
    if (c.series().stream().anyMatch(Chart.Series::banded)) {
      return bands(c);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (Chart.Series s : c.series()) {
      XYSeries xy = new XYSeries(s.label(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if ((!c.logLog() && !c.logX()) || (s.x()[i] > 0 && (c.logX() || s.y()[i] > 0))) {
          xy.add(s.x()[i], s.y()[i]);
        }
      }
      data.addSeries(xy);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            c.title(), c.xLabel(), c.yLabel(), data, PlotOrientation.VERTICAL, true, false, false);
    org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
    axes(c, chart);
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r =
        (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer();
    for (int i = 0; i < c.series().size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new java.awt.BasicStroke(2.0f));
      // a sweep's few points are measurements: mark them; a distribution's many are a curve
      r.setSeriesShapesVisible(i, c.series().get(i).x().length <= 40);
    }
    return chart;
  }

  /**
   * Lines of means with their confidence intervals as shaded bands of the line's colour, for
   * replicated runs.
   */
  private static JFreeChart bands(Chart c) {
    org.jfree.data.xy.YIntervalSeriesCollection data =
        new org.jfree.data.xy.YIntervalSeriesCollection();
    for (Chart.Series s : c.series()) {
      org.jfree.data.xy.YIntervalSeries xy = new org.jfree.data.xy.YIntervalSeries(s.label());
      for (int i = 0; i < s.x().length; i++) {
        double lo = s.banded() ? s.low()[i] : s.y()[i];
        double hi = s.banded() ? s.high()[i] : s.y()[i];
        if (!(c.logLog() || c.logX()) || s.x()[i] > 0 && (c.logX() || lo > 0)) {
          xy.add(s.x()[i], s.y()[i], lo, hi);
        }
      }
      data.addSeries(xy);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            c.title(), c.xLabel(), c.yLabel(), data, PlotOrientation.VERTICAL, true, false, false);
    org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
    org.jfree.chart.renderer.xy.DeviationRenderer r =
        new org.jfree.chart.renderer.xy.DeviationRenderer(true, false);
    plot.setRenderer(r);
    axes(c, chart);
    for (int i = 0; i < c.series().size(); i++) {
      java.awt.Color colour = PALETTE[i % PALETTE.length];
      r.setSeriesPaint(i, colour);
      r.setSeriesFillPaint(i, colour);
      r.setSeriesStroke(i, new java.awt.BasicStroke(2.0f));
      r.setSeriesShapesVisible(i, c.series().get(i).x().length <= 40);
    }
    r.setAlpha(0.2f);
    return chart;
  }

  /** Whether every x value is a whole number (cores, nodes, threads): no ticks between them. */
  private static boolean wholeX(Chart c) {
    for (Chart.Series s : c.series()) {
      for (double x : s.x()) {
        if (x != StrictMath.rint(x)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Log or linear axes as the chart asks, ranges a reader can read, the theme's fonts, a grid. */
  private static void axes(Chart c, JFreeChart chart) {
    org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
    if (c.logLog()) {
      plot.setDomainAxis(decades(c.xLabel()));
      plot.setRangeAxis(decades(c.yLabel()));
    } else if (c.logX()) {
      plot.setDomainAxis(decades(c.xLabel()));
      rootLocale(plot.getRangeAxis());
    } else {
      rootLocale(plot.getDomainAxis());
      rootLocale(plot.getRangeAxis());
      if (c.style() == Chart.Style.LINES && wholeX(c)) {
        plot.getDomainAxis().setStandardTickUnits(RootTickUnits.wholeNumbers());
      }
    }
    readableRanges(plot);
    // a replaced axis has not had the theme's fonts: give it them, like its neighbour
    ChartFactory.getChartTheme().apply(chart);
    plot.setDomainGridlinePaint(new java.awt.Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
  }

  /**
   * Gives a one-point figure (a sweep of one size) axes a reader can read: a log axis around a
   * single value spans a decade either side; a linear value axis of samples need not start at 0.
   */
  private static void readableRanges(org.jfree.chart.plot.XYPlot plot) {
    org.jfree.data.xy.XYDataset data = plot.getDataset();
    double xmin = Double.POSITIVE_INFINITY;
    double xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY;
    double ymax = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < data.getSeriesCount(); s++) {
      for (int i = 0; i < data.getItemCount(s); i++) {
        xmin = Math.min(xmin, data.getXValue(s, i));
        xmax = Math.max(xmax, data.getXValue(s, i));
        ymin = Math.min(ymin, data.getYValue(s, i));
        ymax = Math.max(ymax, data.getYValue(s, i));
      }
    }
    // a log axis is made without auto range (see decades); one not widened here gets it now
    if (!widen(plot.getDomainAxis(), xmin, xmax)) {
      plot.getDomainAxis().setAutoRange(true);
    }
    if (!widen(plot.getRangeAxis(), ymin, ymax)) {
      plot.getRangeAxis().setAutoRange(true);
    }
    if (plot.getRangeAxis() instanceof org.jfree.chart.axis.NumberAxis n) {
      n.setAutoRangeIncludesZero(false);
    }
  }

  /** Sets the range of an axis around a single value; returns whether it did. */
  private static boolean widen(org.jfree.chart.axis.ValueAxis axis, double min, double max) {
    if (!(min <= max) || min != max) {
      return false;
    }
    if (axis instanceof org.jfree.chart.axis.LogAxis && min > 0) {
      axis.setRange(min / 10, min * 10);
    } else if (min != 0) {
      axis.setRange(min - Math.abs(min) / 2, min + Math.abs(min) / 2);
    } else {
      axis.setRange(-1, 1);
    }
    return true;
  }

  /**
   * A logarithmic axis ticked at whole decades and labelled with plain numbers (10, 100, 1000), not
   * powers with fractional exponents. Made without auto range: attached to a plot of one large
   * value, the auto range would be empty (its minimum size is below the value's rounding) and
   * throw; {@link #readableRanges} sets the range.
   */
  private static org.jfree.chart.axis.LogAxis decades(String label) {
    org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis(label);
    axis.setAutoRange(false);
    axis.setAutoTickUnitSelection(false);
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0, RootTickUnits.format("0"), 9));
    axis.setNumberFormatOverride(RootTickUnits.format("#,##0.###"));
    axis.setMinorTickMarksVisible(true);
    return axis;
  }

  private static JFreeChart bars(Chart c) {
    org.jfree.data.category.DefaultCategoryDataset data =
        new org.jfree.data.category.DefaultCategoryDataset();
    for (Chart.Series s : c.series()) {
      for (int i = 0; i < s.x().length; i++) {
        data.addValue(s.y()[i], s.label(), c.categories().get((int) s.x()[i] - 1));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            c.title(), c.xLabel(), c.yLabel(), data, PlotOrientation.VERTICAL, true, false, false);
    if (c.style() == Chart.Style.STACKED) {
      chart
          .getCategoryPlot()
          .setRenderer(new org.jfree.chart.renderer.category.StackedBarRenderer());
    }
    org.jfree.chart.plot.CategoryPlot plot = chart.getCategoryPlot();
    rootLocale(plot.getRangeAxis());
    if (c.categories().size() > 8) {
      // many categories (one per personality and setting): slanted, so their names stay whole
      plot.getDomainAxis()
          .setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
    }
    plot.setRangeGridlinePaint(new java.awt.Color(0xDDDDDD));
    org.jfree.chart.renderer.category.BarRenderer r =
        (org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer();
    r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    for (int i = 0; i < c.series().size(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    return chart;
  }
}
