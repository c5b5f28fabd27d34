package org.fusedsim.core;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import umontreal.ssj.stat.Tally;

/**
 * Latency samples in picoseconds: exact count, minimum, maximum and mean, and percentiles with a
 * relative error below 0.1% from an HdrHistogram (three significant digits).
 *
 * <p>The mean and its confidence interval come from an SSJ {@link Tally}, which keeps exact
 * moments; the HdrHistogram answers quantiles.
 *
 * <p>Footprint: one is kept per node and lock, most of them never recorded into; both are made at
 * the first sample, and the HdrHistogram stores its counts packed (the same buckets and answers as
 * a plain one, in bytes proportional to the buckets in use rather than to the value range) until
 * {@value #PACKED_SAMPLES} samples, when it moves them to a plain one, faster to record into.
 */
public final class LatencyHistogram {
  private static final int SIGNIFICANT_DIGITS = 3;
  private static final int PACKED_SAMPLES = 4096;

  private final String name;
  private AbstractHistogram histogram; // null until the first sample
  private Tally tally; // null until the first sample or the first call of tally()
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  /** Creates an empty histogram with a name used in reports. */
  public LatencyHistogram(String name) {
    this.name = name;
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
    if (histogram == null) {
      histogram = new PackedHistogram(SIGNIFICANT_DIGITS);
    }
    histogram.recordValue(ps);
    if (histogram.getTotalCount() == PACKED_SAMPLES && histogram instanceof PackedHistogram) {
      Histogram plain = new Histogram(SIGNIFICANT_DIGITS);
      plain.add(histogram);
      histogram = plain;
    }
    tally().add(ps);
    if (ps < min) {
      min = ps;
    }
    if (ps > max) {
      max = ps;
    }
  }

  /** Returns the number of samples. */
  public long count() {
    return histogram == null ? 0 : histogram.getTotalCount();
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
    if (tally == null) {
      tally = new Tally(name);
    }
    return tally;
  }

  private void requireSamples() {
    if (count() == 0) {
      throw new IllegalStateException("histogram '" + name + "' has no samples");
    }
  }
}
