package org.fusedsim.scenarios.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the location it was read from, so that every validation error can name a line
 * and column. Built from Jackson's YAML token stream by {@link YamlReader}.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
  /** Returns where the value starts. */
  Location location();

  /** Returns a short description of the node's kind for error messages. */
  String kindName();

  /**
   * A scalar: {@link String}, {@link Long}, {@link Double}, {@link Boolean} or {@code null}.
   *
   * @param value the scalar as Jackson typed it
   * @param location where it starts
   */
  record Scalar(Object value, Location location) implements YamlNode {
    @Override
    public String kindName() {
      return value == null ? "an empty value" : "a scalar";
    }
  }

  /**
   * A mapping in file order.
   *
   * @param entries keys to values, in the order written
   * @param keyLocations where each key was written
   * @param location where the mapping starts
   */
  record Mapping(
      Map<String, YamlNode> entries, Map<String, Location> keyLocations, Location location)
      implements YamlNode {
    /** Creates an empty mapping. */
    public static Mapping empty(Location location) {
      return new Mapping(new LinkedHashMap<>(), new LinkedHashMap<>(), location);
    }

    /** Returns the entries, read-only. */
    public Map<String, YamlNode> view() {
      return Collections.unmodifiableMap(entries);
    }

    /** Returns where key {@code k} was written, or where the mapping starts. */
    public Location keyLocation(String k) {
      return keyLocations.getOrDefault(k, location);
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  /**
   * A sequence.
   *
   * @param items the items in order
   * @param location where the sequence starts
   */
  record Sequence(List<YamlNode> items, Location location) implements YamlNode {
    @Override
    public String kindName() {
      return "a list";
    }
  }
}
