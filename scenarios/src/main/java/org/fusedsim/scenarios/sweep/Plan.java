package org.fusedsim.scenarios.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * A sweep's plan read back from {@code plan.json}: what {@code collect} and the SLURM tasks need,
 * without the sweep file (which may have moved or changed since).
 *
 * @param scenario the scenario name
 * @param description its description
 * @param kind the scenario kind
 * @param axes each axis key with its values, in order
 * @param units each axis key with its unit ({@code -} for none)
 * @param plots the figures asked for
 * @param points each point's id and axis values, in order
 */
public record Plan(
    String scenario,
    String description,
    String kind,
    ImmutableMap<String, ImmutableList<String>> axes,
    ImmutableMap<String, String> units,
    ImmutableList<PlotSpec> plots,
    ImmutableList<PlannedPoint> points) {

  /**
   * One planned point.
   *
   * @param id its name and directory
   * @param values each axis key to its value here
   */
  public record PlannedPoint(String id, ImmutableMap<String, String> values) {}

  static Plan of(JsonNode n) {
    ImmutableMap.Builder<String, ImmutableList<String>> axes = ImmutableMap.builder();
    ImmutableMap.Builder<String, String> units = ImmutableMap.builder();
    for (JsonNode a : n.path("axes")) {
      units.put(a.path("key").asText(), a.path("unit").asText("-"));
      ImmutableList.Builder<String> values = ImmutableList.builder();
      a.path("values").forEach(v -> values.add(v.asText()));
      axes.put(a.path("key").asText(), values.build());
    }
    ImmutableList.Builder<PlotSpec> plots = ImmutableList.builder();
    for (JsonNode p : n.path("plots")) {
      ImmutableList.Builder<String> lines = ImmutableList.builder();
      p.path("lines").forEach(v -> lines.add(v.asText()));
      plots.add(
          new PlotSpec(
              p.path("metric").asText(),
              p.path("x").asText(),
              lines.build(),
              p.path("log_x").asBoolean(),
              null));
    }
    ImmutableList.Builder<PlannedPoint> points = ImmutableList.builder();
    for (JsonNode p : n.path("points")) {
      ImmutableMap.Builder<String, String> values = ImmutableMap.builder();
      for (Map.Entry<String, JsonNode> e : p.path("values").properties()) {
        values.put(e.getKey(), e.getValue().asText());
      }
      points.add(new PlannedPoint(p.path("id").asText(), values.build()));
    }
    return new Plan(
        n.path("scenario").asText(),
        n.path("description").asText(),
        n.path("kind").asText(),
        axes.buildOrThrow(),
        units.buildOrThrow(),
        plots.build(),
        points.build());
  }
}
