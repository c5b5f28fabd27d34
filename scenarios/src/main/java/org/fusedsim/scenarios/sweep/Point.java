package org.fusedsim.scenarios.sweep;

import com.google.common.collect.ImmutableMap;
import org.fusedsim.scenarios.load.Scenario;

/**
 * One point of a sweep: an ordinary scenario, with the axis values that make it.
 *
 * @param index position in the sweep, from 0
 * @param id the point's name: its index and axis values, also its directory name
 * @param values each axis key to the text of its value here, in axis order
 * @param text the point's scenario file: the base scenario with these values set, no sweep block
 * @param scenario the point's scenario, validated
 */
public record Point(
    int index, String id, ImmutableMap<String, String> values, String text, Scenario scenario) {}
