package org.fusedsim.scenarios.regress;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.load.YamlNode;
import org.fusedsim.scenarios.load.YamlReader;

/**
 * Reads the {@code expect:} block of a scenario strictly: an unknown key, a malformed bound, a unit
 * that does not convert into the metric's unit (when the kind declares it) is an {@link
 * InputException} at the offending value.
 *
 * <pre>
 * expect:
 *   phold.delay.mean: {within: 2%, of: 1001ns}
 *   phold.remote_fraction: {min: 0.99}
 *   syscall.getpid.latency.p50: {max: 6us, interval: true}
 * </pre>
 */
public final class Expectations {
  /** The top-level key of the block. */
  public static final String KEY = "expect";

  private static final List<String> KEYS = List.of("min", "max", "within", "of", "interval");

  private Expectations() {}

  /**
   * Parses an {@code expect:} node.
   *
   * @param node the value of the {@code expect} key
   * @param kind the scenario kind, whose metric families name the metrics a bound may be on
   * @param replications replications the scenario will run
   * @throws InputException for any problem, at its location
   */
  public static ImmutableList<Expectation> parse(
      YamlNode node, ScenarioKind kind, int replications) {
    if (node instanceof YamlNode.Scalar s && s.value() == null) {
      return ImmutableList.of();
    }
    if (!(node instanceof YamlNode.Mapping m)) {
      throw new InputException(
          node.location(),
          "expect: expected a mapping from metric names to bounds, got " + node.kindName());
    }
    List<Expectation> out = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
      out.add(parseOne(e.getKey(), m.keyLocation(e.getKey()), e.getValue(), kind, replications));
    }
    return ImmutableList.copyOf(out);
  }

  /**
   * Reads the expectations of a validated scenario from its text (the loader has already checked
   * them, so this only fails if the text changed).
   */
  public static ImmutableList<Expectation> of(Scenario s) {
    YamlNode root = new YamlReader().read(s.source(), s.text());
    if (root instanceof YamlNode.Mapping m && m.entries().containsKey(KEY)) {
      return parse(m.entries().get(KEY), s.kind(), s.replications());
    }
    return ImmutableList.of();
  }

  private static Expectation parseOne(
      String metric, Location at, YamlNode node, ScenarioKind kind, int replications) {
    String where = "expect." + metric;
    if (!metric.matches("[A-Za-z0-9_][A-Za-z0-9_./-]*")) {
      throw new InputException(at, where + ": expected a metric name such as phold.delay.mean");
    }
    MetricPattern family =
        MetricPattern.find(kind.metrics(), metric)
            .orElseThrow(
                () ->
                    new InputException(
                        at,
                        where
                            + ": kind '"
                            + kind.name()
                            + "' reports no such metric (see `fusedsim describe "
                            + kind.name()
                            + "` for its metrics)"));
    if (!(node instanceof YamlNode.Mapping b)) {
      throw new InputException(
          node.location(),
          where
              + ": expected a bound such as {max: 6us}, {min: 0.9} or {within: 5%, of: 4.2us}, got "
              + node.kindName());
    }
    for (String k : b.entries().keySet()) {
      if (!KEYS.contains(k)) {
        throw new InputException(
            b.keyLocation(k),
            where + ": unknown key '" + k + "' (expected one of: " + String.join(", ", KEYS) + ")");
      }
    }
    Quantity min = quantity(b, "min", where);
    Quantity max = quantity(b, "max", where);
    Quantity of = quantity(b, "of", where);
    double within = Double.NaN;
    if (b.entries().containsKey("within")) {
      within = percent(b.entries().get("within"), where);
    }
    boolean interval = false;
    if (b.entries().containsKey("interval")) {
      YamlNode iv = b.entries().get("interval");
      if (!(iv instanceof YamlNode.Scalar s && s.value() instanceof Boolean bool)) {
        throw new InputException(iv.location(), where + ".interval: expected true or false");
      }
      interval = bool;
      if (interval && replications < 2) {
        throw new InputException(
            iv.location(),
            where
                + ".interval: a confidence interval needs replications >= 2 (got "
                + replications
                + "; set replications: or --replications)");
      }
    }
    boolean relative = !Double.isNaN(within) || of != null;
    if (relative && (Double.isNaN(within) || of == null)) {
      throw new InputException(
          b.location(), where + ": 'within' and 'of' go together, e.g. {within: 5%, of: 4.2us}");
    }
    if (relative && (min != null || max != null)) {
      throw new InputException(b.location(), where + ": use either min/max or within/of, not both");
    }
    if (!relative && min == null && max == null) {
      throw new InputException(
          b.location(), where + ": expected at least one of min, max, or within with of");
    }
    if (min != null && max != null) {
      Unit u = max.unit() != null ? max.unit() : min.unit();
      Optional<Double> lo = u == null ? Optional.of(min.value()) : min.in(u);
      Optional<Double> hi = u == null ? Optional.of(max.value()) : max.in(u);
      if (lo.isEmpty() || hi.isEmpty()) {
        throw new InputException(
            b.location(), where + ": min and max must be in convertible units");
      }
      if (lo.get() > hi.get()) {
        throw new InputException(
            b.keyLocation("min"), where + ": min " + min + " is above max " + max);
      }
    }
    Expectation e =
        new Expectation(
            metric,
            at,
            min,
            valueAt(b, "min"),
            max,
            valueAt(b, "max"),
            within,
            of,
            valueAt(b, "of"),
            interval);
    Unit mu =
        Unit.parse(family.unit())
            .orElseThrow(() -> new IllegalStateException("bad declared unit " + family.unit()));
    checkUnits(e, mu);
    return e;
  }

  /**
   * Checks that every quantity of {@code e} converts into the metric unit {@code mu}.
   *
   * @throws InputException at the first quantity that does not
   */
  static void checkUnits(Expectation e, Unit mu) {
    checkUnit(e, e.min(), e.minAt(), "min", mu);
    checkUnit(e, e.max(), e.maxAt(), "max", mu);
    checkUnit(e, e.of(), e.ofAt(), "of", mu);
  }

  private static void checkUnit(Expectation e, Quantity q, Location at, String key, Unit mu) {
    if (q == null || q.in(mu).isPresent()) {
      return;
    }
    String got = q.unit() == null ? "a bare number" : "'" + q.unit().symbol() + "'";
    throw new InputException(
        at,
        "expect."
            + e.metric()
            + "."
            + key
            + ": metric is in '"
            + mu.symbol()
            + "', "
            + got
            + " does not convert to it"
            + (q.unit() == null ? " (write the unit, e.g. " + q + " " + mu.symbol() + ")" : ""));
  }

  private static Location valueAt(YamlNode.Mapping b, String key) {
    YamlNode v = b.entries().get(key);
    return v == null ? b.location() : v.location();
  }

  private static Quantity quantity(YamlNode.Mapping b, String key, String where) {
    YamlNode v = b.entries().get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof YamlNode.Scalar s)) {
      throw new InputException(
          v.location(), where + "." + key + ": expected a number with a unit, got " + v.kindName());
    }
    StringBuilder why = new StringBuilder();
    return Quantity.parse(s.value(), why)
        .orElseThrow(() -> new InputException(v.location(), where + "." + key + ": " + why));
  }

  private static double percent(YamlNode v, String where) {
    if (v instanceof YamlNode.Scalar s && s.value() instanceof String str) {
      String t = str.strip();
      if (t.endsWith("%")) {
        try {
          double p = Double.parseDouble(t.substring(0, t.length() - 1).strip());
          if (p >= 0 && p < 1e6) {
            return p / 100;
          }
        } catch (NumberFormatException ex) {
          // reported below
        }
      }
    }
    throw new InputException(
        v.location(), where + ".within: expected a percentage such as 5%, got " + show(v));
  }

  static String show(YamlNode v) {
    return v instanceof YamlNode.Scalar s && s.value() != null
        ? "'" + s.value() + "'"
        : v.kindName();
  }
}
