package org.fusedsim.scenarios.sweep;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.Suggest;
import org.fusedsim.scenarios.load.YamlNode;

/**
 * The {@code sweep:} block of a scenario file, read with the location of every key and value.
 *
 * <pre>
 * sweep:
 *   grid:                       # every combination (the first axis varies slowest)
 *     fusedos.gpc_cores: [1, 2, 3, 4]
 *     os: [fusedos, direct]
 *     seed: [1, 2, 3]           # replications: aggregated into intervals
 *   zip:                        # lists of one length, varied together (crossed with grid)
 *     storm.thread_counts: [15, 60]
 *     storm.calls_per_thread: [400, 100]
 *   plots:
 *     - metric: storm.threads_60.latency.p50
 *       x: fusedos.gpc_cores
 *       lines: [os]             # optional: which axes tell the lines apart
 * </pre>
 *
 * @param axes the axes, grid axes first in file order, then the zipped ones
 * @param plots the figures asked for (none: {@link SweepResults} draws defaults)
 * @param location where the block starts
 */
public record SweepSpec(
    ImmutableList<Axis> axes, ImmutableList<PlotSpec> plots, Location location) {
  /** Most points a sweep may have. */
  public static final int MAX_POINTS = 10_000;

  private static final Set<String> KEYS = Set.of("grid", "zip", "plots");
  private static final Set<String> TOP_AXES = Set.of(Axis.SEED, Axis.OS, "replications");
  private static final Set<String> PLOT_KEYS = Set.of("metric", "x", "lines", "log_x");

  /**
   * Reads a sweep block.
   *
   * @throws InputException at the offending key or value
   */
  public static SweepSpec parse(YamlNode node) {
    YamlNode.Mapping m = mapping(node, "sweep");
    for (String k : m.entries().keySet()) {
      if (!KEYS.contains(k)) {
        throw new InputException(
            m.keyLocation(k),
            "sweep: unknown key '"
                + k
                + "'"
                + Suggest.didYouMean(k, KEYS)
                + " (expected grid, zip or plots)");
      }
    }
    List<Axis> axes = new ArrayList<>();
    if (m.entries().containsKey("grid")) {
      axes.addAll(axes(m.entries().get("grid"), "sweep.grid", false));
    }
    if (m.entries().containsKey("zip")) {
      List<Axis> zipped = axes(m.entries().get("zip"), "sweep.zip", true);
      for (Axis a : zipped) {
        if (a.values().size() != zipped.get(0).values().size()) {
          throw new InputException(
              a.location(),
              "sweep.zip."
                  + a.key()
                  + ": expected "
                  + zipped.get(0).values().size()
                  + " values like "
                  + zipped.get(0).key()
                  + ", got "
                  + a.values().size());
        }
      }
      axes.addAll(zipped);
    }
    if (axes.isEmpty()) {
      throw new InputException(m.location(), "sweep: expected at least one axis under grid or zip");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Axis a : axes) {
      if (!seen.add(a.key())) {
        throw new InputException(a.location(), "sweep: axis '" + a.key() + "' appears twice");
      }
    }
    long points = 1;
    long zip = 1;
    for (Axis a : axes) {
      if (a.zipped()) {
        zip = a.values().size();
      } else {
        points *= a.values().size();
      }
      if (points * zip > MAX_POINTS) {
        throw new InputException(
            m.location(), "sweep: more than " + MAX_POINTS + " points (split the study)");
      }
    }
    ImmutableList<PlotSpec> plots =
        m.entries().containsKey("plots")
            ? plots(m.entries().get("plots"), seen)
            : ImmutableList.of();
    return new SweepSpec(ImmutableList.copyOf(axes), plots, m.location());
  }

  /** Returns the number of points: the grid's product times the zipped lists' length. */
  public int pointCount() {
    int n = 1;
    int zip = 1;
    for (Axis a : axes) {
      if (a.zipped()) {
        zip = a.values().size();
      } else {
        n *= a.values().size();
      }
    }
    return n * zip;
  }

  /**
   * Returns the value index of every axis at each point, in point order: the grid as an odometer
   * whose first axis turns slowest, the zipped axes together as its last wheel.
   */
  public List<int[]> indices() {
    List<Axis> grid = axes.stream().filter(a -> !a.zipped()).toList();
    int zipLength =
        axes.stream().filter(Axis::zipped).findFirst().map(a -> a.values().size()).orElse(1);
    List<int[]> out = new ArrayList<>();
    int[] wheel = new int[grid.size() + 1];
    int total = pointCount();
    for (int p = 0; p < total; p++) {
      int[] idx = new int[axes.size()];
      int g = 0;
      for (int i = 0; i < axes.size(); i++) {
        idx[i] = axes.get(i).zipped() ? wheel[grid.size()] : wheel[g++];
      }
      out.add(idx);
      for (int w = wheel.length - 1; w >= 0; w--) {
        int size = w == grid.size() ? zipLength : grid.get(w).values().size();
        if (++wheel[w] < size) {
          break;
        }
        wheel[w] = 0;
      }
    }
    return out;
  }

  private static List<Axis> axes(YamlNode node, String where, boolean zipped) {
    YamlNode.Mapping m = mapping(node, where);
    List<Axis> out = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
      String key = e.getKey();
      Location at = m.keyLocation(key);
      if (!key.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*") && !TOP_AXES.contains(key)) {
        throw new InputException(
            at,
            where
                + ": expected an axis such as seed, os, replications or section.parameter, got '"
                + key
                + "'");
      }
      List<YamlNode.Scalar> values = new ArrayList<>();
      YamlNode v = e.getValue();
      if (v instanceof YamlNode.Scalar s && s.value() != null) {
        values.add(s); // one value may be written bare
      } else if (v instanceof YamlNode.Sequence q && !q.items().isEmpty()) {
        for (YamlNode item : q.items()) {
          if (!(item instanceof YamlNode.Scalar s) || s.value() == null) {
            throw new InputException(
                item.location(), where + "." + key + ": expected a value, got " + item.kindName());
          }
          values.add(s);
        }
      } else {
        throw new InputException(
            v.location(), where + "." + key + ": expected a list of values, got " + v.kindName());
      }
      Set<String> distinct = new LinkedHashSet<>();
      for (YamlNode.Scalar s : values) {
        if (!distinct.add(Axis.text(s))) {
          throw new InputException(
              s.location(), where + "." + key + ": value '" + Axis.text(s) + "' appears twice");
        }
      }
      out.add(new Axis(key, ImmutableList.copyOf(values), at, zipped));
    }
    return out;
  }

  private static ImmutableList<PlotSpec> plots(YamlNode node, Set<String> axes) {
    if (!(node instanceof YamlNode.Sequence q)) {
      throw new InputException(
          node.location(), "sweep.plots: expected a list of plots, got " + node.kindName());
    }
    ImmutableList.Builder<PlotSpec> out = ImmutableList.builder();
    for (YamlNode item : q.items()) {
      YamlNode.Mapping p = mapping(item, "sweep.plots");
      for (String k : p.entries().keySet()) {
        if (!PLOT_KEYS.contains(k)) {
          throw new InputException(
              p.keyLocation(k),
              "sweep.plots: unknown key '"
                  + k
                  + "'"
                  + Suggest.didYouMean(k, PLOT_KEYS)
                  + " (expected metric, x, lines or log_x)");
        }
      }
      String metric = word(p, "metric");
      String x = word(p, "x");
      checkAxis(x, p.entries().get("x").location(), axes);
      List<String> lines = new ArrayList<>();
      YamlNode l = p.entries().get("lines");
      if (l instanceof YamlNode.Sequence ls) {
        for (YamlNode n : ls.items()) {
          String a = n instanceof YamlNode.Scalar s ? String.valueOf(s.value()) : "";
          checkAxis(a, n.location(), axes);
          lines.add(a);
        }
      } else if (l instanceof YamlNode.Scalar s && s.value() != null) {
        checkAxis(String.valueOf(s.value()), s.location(), axes);
        lines.add(String.valueOf(s.value()));
      } else if (l != null) {
        throw new InputException(
            l.location(), "sweep.plots.lines: expected a list of axes, got " + l.kindName());
      }
      boolean logX = false;
      if (p.entries().get("log_x") instanceof YamlNode.Scalar s) {
        if (!(s.value() instanceof Boolean b)) {
          throw new InputException(s.location(), "sweep.plots.log_x: expected true or false");
        }
        logX = b;
      }
      out.add(new PlotSpec(metric, x, ImmutableList.copyOf(lines), logX, p.location()));
    }
    return out.build();
  }

  private static void checkAxis(String name, Location at, Set<String> axes) {
    if (!axes.contains(name) || name.equals(Axis.SEED)) {
      Set<String> plottable = new LinkedHashSet<>(axes);
      plottable.remove(Axis.SEED);
      throw new InputException(
          at,
          "sweep.plots: expected one of the sweep's axes ("
              + String.join(", ", plottable)
              + "), got '"
              + name
              + "'"
              + Suggest.didYouMean(name, plottable));
    }
  }

  private static String word(YamlNode.Mapping p, String key) {
    YamlNode n = p.entries().get(key);
    if (n == null) {
      throw new InputException(p.location(), "sweep.plots: missing '" + key + "'");
    }
    if (!(n instanceof YamlNode.Scalar s) || !(s.value() instanceof String w)) {
      throw new InputException(n.location(), "sweep.plots." + key + ": expected a name");
    }
    return w;
  }

  private static YamlNode.Mapping mapping(YamlNode node, String where) {
    if (!(node instanceof YamlNode.Mapping m)) {
      throw new InputException(
          node.location(), where + ": expected a mapping, got " + node.kindName());
    }
    return m;
  }
}
