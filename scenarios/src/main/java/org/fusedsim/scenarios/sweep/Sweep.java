package org.fusedsim.scenarios.sweep;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.load.SetOverride;
import org.fusedsim.scenarios.load.YamlNode;
import org.fusedsim.scenarios.load.YamlWriter;

/**
 * A scenario with a {@code sweep:} block, expanded into its points. Every point is validated when
 * the sweep is loaded, so a bad axis value is refused at its line and column before anything runs.
 *
 * @param source the scenario file
 * @param name the scenario's name
 * @param description its description
 * @param kind the kind every point runs
 * @param spec the sweep block
 * @param points every point, in sweep order
 * @param units the unit of each axis ({@code -} for none), from its parameter
 */
public record Sweep(
    String source,
    String name,
    String description,
    ScenarioKind kind,
    SweepSpec spec,
    ImmutableList<Point> points,
    ImmutableMap<String, String> units) {

  /** Returns whether scenario text has a sweep block (without validating anything else). */
  public static boolean isSweep(ScenarioLoader loader, String source, String text) {
    return loader.readTree(source, text).entries().containsKey(ScenarioLoader.SWEEP_KEY);
  }

  /**
   * Reads and expands a sweep file, with {@code --set} overrides applied to every point.
   *
   * @throws InputException for any problem in the file, the block, or any point
   */
  public static Sweep load(ScenarioLoader loader, Path file, List<SetOverride> overrides) {
    String text = ScenarioLoader.readText(file);
    return load(loader, file.toString(), text, overrides);
  }

  /** As {@link #load(ScenarioLoader, Path, List)}, from text. */
  public static Sweep load(
      ScenarioLoader loader, String source, String text, List<SetOverride> overrides) {
    YamlNode.Mapping base = loader.readTree(source, text);
    YamlNode block = base.entries().remove(ScenarioLoader.SWEEP_KEY);
    if (block == null) {
      throw new InputException(
          base.location(),
          "expected a sweep: block (a single run is `fusedsim run " + source + "`)");
    }
    base.keyLocations().remove(ScenarioLoader.SWEEP_KEY);
    SweepSpec spec = SweepSpec.parse(block);
    for (SetOverride o : overrides) {
      for (Axis a : spec.axes()) {
        if (a.key().equals(o.key())) {
          throw new InputException(
              o.valueLocation(),
              o.key() + " is an axis of this sweep (" + a.location() + "); change it there");
        }
      }
      loader.apply(base, o);
    }
    // the base alone must be a valid scenario: a fault outside the axes is reported once
    Scenario first = null;
    ImmutableList.Builder<Point> points = ImmutableList.builder();
    List<int[]> indices = spec.indices();
    int width = String.valueOf(indices.size() - 1).length();
    for (int p = 0; p < indices.size(); p++) {
      YamlNode.Mapping tree = YamlWriter.copy(base);
      ImmutableMap.Builder<String, String> values = ImmutableMap.builder();
      StringBuilder id = new StringBuilder(String.format(Locale.ROOT, "%0" + width + "d", p));
      for (int i = 0; i < spec.axes().size(); i++) {
        Axis a = spec.axes().get(i);
        YamlNode.Scalar v = a.values().get(indices.get(p)[i]);
        ScenarioLoader.set(tree, a.key(), v, a.location());
        values.put(a.key(), a.text(indices.get(p)[i]));
        id.append(i == 0 ? '-' : ',')
            .append(a.key().substring(a.key().indexOf('.') + 1))
            .append('=')
            .append(slug(a.text(indices.get(p)[i])));
      }
      // validated with the axis values' own locations, so a bad value is reported where written
      Scenario located;
      try {
        located = loader.validate(source, text, tree);
      } catch (InputException e) {
        // name the point: the value at fault may be the base's, broken by an axis value
        throw new InputException(
            e.location(), "point " + p + " (" + describe(values.build()) + "): " + e.getMessage());
      }
      if (first == null) {
        first = located;
        checkPlots(spec, located.kind());
      }
      String pointId = id.length() > 120 ? id.substring(0, 120) : id.toString();
      String pointText =
          "# point "
              + p
              + " of sweep "
              + located.name()
              + " ("
              + Path.of(source).getFileName()
              + "): "
              + values.build()
              + "\n# rerun it alone with: fusedsim run "
              + pointId
              + ".yaml\n"
              + YamlWriter.write(tree);
      Scenario scenario = loader.load(pointId + ".yaml", pointText, List.of());
      points.add(new Point(p, pointId, values.build(), pointText, scenario));
    }
    return new Sweep(
        source,
        first.name(),
        first.description(),
        first.kind(),
        spec,
        points.build(),
        units(spec, first.kind()));
  }

  private static ImmutableMap<String, String> units(SweepSpec spec, ScenarioKind kind) {
    ImmutableMap.Builder<String, String> out = ImmutableMap.builder();
    for (Axis a : spec.axes()) {
      int dot = a.key().indexOf('.');
      String unit = a.key().equals("replications") ? "runs" : "-";
      if (dot > 0) {
        String section = a.key().substring(0, dot);
        String param = a.key().substring(dot + 1);
        unit =
            kind.sections().stream()
                .filter(c -> c.kind().equals(section))
                .flatMap(c -> c.parameter(param).stream())
                .map(org.fusedsim.core.param.Parameter::unit)
                .filter(u -> !u.isEmpty())
                .findFirst()
                .orElse("-");
      }
      out.put(a.key(), unit);
    }
    return out.buildOrThrow();
  }

  private static void checkPlots(SweepSpec spec, ScenarioKind kind) {
    for (PlotSpec plot : spec.plots()) {
      if (MetricPattern.find(kind.metrics(), plot.metric()).isEmpty()) {
        throw new InputException(
            plot.location(),
            "sweep.plots: kind '"
                + kind.name()
                + "' reports no metric '"
                + plot.metric()
                + "' (fusedsim describe "
                + kind.name()
                + " lists its metrics)");
      }
    }
  }

  private static String describe(ImmutableMap<String, String> values) {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return b.toString();
  }

  /** A value as part of a directory name: letters, digits, dot, minus and underscore. */
  static String slug(String value) {
    return slug(value, 24);
  }

  /** A value as part of a file name, at most {@code max} characters. */
  static String slug(String value, int max) {
    String s = value.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.length() > max ? s.substring(0, max) : s;
  }
}
