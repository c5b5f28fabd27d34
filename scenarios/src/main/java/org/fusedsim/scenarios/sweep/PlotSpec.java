package org.fusedsim.scenarios.sweep;

import com.google.common.collect.ImmutableList;
import org.fusedsim.scenarios.load.Location;

/**
 * One figure of a sweep: a metric against one axis, one line per combination of the other axes
 * (every non-seed axis but {@code x}, unless {@code lines} names them), intervals as bands.
 *
 * @param metric the metric drawn
 * @param x the axis along the horizontal
 * @param lines the axes that tell the lines apart
 * @param logX whether the horizontal axis is logarithmic
 * @param location where the plot was written
 */
public record PlotSpec(
    String metric, String x, ImmutableList<String> lines, boolean logX, Location location) {}
