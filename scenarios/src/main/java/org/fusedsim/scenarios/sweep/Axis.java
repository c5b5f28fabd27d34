package org.fusedsim.scenarios.sweep;

import com.google.common.collect.ImmutableList;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.YamlNode;

/**
 * One axis of a sweep: a scenario key and the values it takes.
 *
 * @param key {@code seed}, {@code os}, {@code replications} or {@code section.parameter}
 * @param values the values, each with where it was written
 * @param location where the key was written
 * @param zipped whether the axis is varied together with the other zipped axes rather than crossed
 */
public record Axis(
    String key, ImmutableList<YamlNode.Scalar> values, Location location, boolean zipped) {
  /** The axis whose points are replications of each other: aggregated, never plotted along. */
  public static final String SEED = "seed";

  /** The personality axis. */
  public static final String OS = "os";

  /** Returns the text of value {@code i}, as written in point names and tables. */
  public String text(int i) {
    return text(values.get(i));
  }

  /** The text of a scalar value: numbers as written, strings as they are. */
  static String text(YamlNode.Scalar s) {
    return String.valueOf(s.value());
  }
}
