package org.fusedsim.core;

import org.HdrHistogram.Histogram;
import umontreal.ssj.stat.Tally;

/**
 * Latency samples in picoseconds: exact count, minimum, maximum and mean, and percentiles with a
 * relative error below 0.1% from an HdrHistogram (three significant digits).
 *
 * <p>The mean and its confidence interval come from an SSJ {@link Tally}, which keeps exact
 * moments; the HdrHistogram answers quantiles.
 */
public final class LatencyHistogram {
  private static final int SIGNIFICANT_DIGITS = 3;

  private final String name;
  private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
  private final Tally tally;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  /** Creates an empty histogram with a name used in reports. */
  public LatencyHistogram(String name) {
    this.name = name;
    this.tally = new Tally(name);
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Records one sample in picoseconds ({@code >= 0}). */
  public void record(long ps) {
    if (ps < 0) {
      throw new IllegalArgumentException("latency must be >= 0: " + ps);
    }
    histogram.recordValue(ps);
    tally.add(ps);
    if (ps < min) {
      min = ps;
    }
    if (ps > max) {
      max = ps;
    }
  }

  /** Returns the number of samples. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** Returns the exact smallest sample. */
  public long min() {
    requireSamples();
    return min;
  }

  /** Returns the exact largest sample. */
  public long max() {
    requireSamples();
    return max;
  }

  /** Returns the mean in picoseconds. */
  public double mean() {
    requireSamples();
    return tally.average();
  }

  /**
   * Returns the value at {@code percentile} (0 to 100) within 0.1% relative error; the 0th and
   * 100th percentiles are the exact minimum and maximum.
   */
  public long percentile(double percentile) {
    requireSamples();
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100]: " + percentile);
    }
    if (percentile == 0) {
      return min;
    }
    if (percentile == 100) {
      return max;
    }
    long v = histogram.getValueAtPercentile(percentile);
    // HdrHistogram reports the highest value equivalent to the bucket; never exceed the truth.
    return Math.max(min, Math.min(max, v));
  }

  /** Returns the sample standard deviation in picoseconds (0 with fewer than two samples). */
  public double standardDeviation() {
    return count() < 2 ? 0.0 : tally.standardDeviation();
  }

  /** Returns the underlying SSJ tally, for confidence intervals. */
  public Tally tally() {
    return tally;
  }

  private void requireSamples() {
    if (count() == 0) {
      throw new IllegalStateException("histogram '" + name + "' has no samples");
    }
  }
}
