package org.fusedsim.scenarios.regress;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * How far each metric may move from its baseline: a default relative tolerance, per-metric
 * overrides ({@code --tolerance-for 'phold.lp_events.*=10%'}; the first matching override wins) and
 * metrics left out of the comparison ({@code --ignore GLOB}). Patterns are metric names in which
 * {@code *} matches any run of characters.
 */
public final class Tolerances {
  private final double defaultFraction;
  private final ImmutableList<Rule> rules;
  private final ImmutableList<Pattern> ignored;

  private record Rule(Pattern pattern, double fraction) {}

  private Tolerances(double defaultFraction, List<Rule> rules, List<Pattern> ignored) {
    this.defaultFraction = defaultFraction;
    this.rules = ImmutableList.copyOf(rules);
    this.ignored = ImmutableList.copyOf(ignored);
  }

  /** Returns tolerances of {@code fraction} for every metric (0.02 for 2%). */
  public static Tolerances uniform(double fraction) {
    return new Tolerances(fraction, List.of(), List.of());
  }

  /**
   * Parses the command-line form.
   *
   * @param tolerance the default, e.g. {@code 2%} ({@code null}: 0%, every change counts)
   * @param perMetric {@code GLOB=PCT} entries
   * @param ignore globs of metrics not to compare
   * @throws InputException for a malformed entry
   */
  public static Tolerances parse(String tolerance, List<String> perMetric, List<String> ignore) {
    double d = tolerance == null ? 0 : percent(tolerance, "--tolerance", 1);
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < perMetric.size(); i++) {
      String s = perMetric.get(i);
      int eq = s.lastIndexOf('=');
      if (eq <= 0) {
        throw new InputException(
            new Location("--tolerance-for", i + 1, 1),
            "expected METRIC=PCT such as phold.delay.max=10%, got '" + s + "'");
      }
      rules.add(
          new Rule(
              glob(s.substring(0, eq).strip()),
              percent(s.substring(eq + 1), "--tolerance-for", i + 1)));
    }
    List<Pattern> ig = new ArrayList<>();
    ignore.forEach(g -> ig.add(glob(g.strip())));
    return new Tolerances(d, rules, ig);
  }

  /** Returns the tolerance of a metric as a fraction. */
  public double of(String metric) {
    for (Rule r : rules) {
      if (r.pattern.matcher(metric).matches()) {
        return r.fraction;
      }
    }
    return defaultFraction;
  }

  /** Returns whether the metric is left out of the comparison. */
  public boolean ignored(String metric) {
    return ignored.stream().anyMatch(p -> p.matcher(metric).matches());
  }

  private static Pattern glob(String g) {
    List<String> parts = new ArrayList<>();
    for (String part : g.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join(".*", parts));
  }

  private static double percent(String s, String flag, int index) {
    String t = s.strip();
    if (t.endsWith("%")) {
      try {
        double p = Double.parseDouble(t.substring(0, t.length() - 1).strip());
        if (p >= 0 && !Double.isInfinite(p)) {
          return p / 100;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new InputException(
        new Location(flag, index, 1), "expected a percentage such as 2%, got '" + s + "'");
  }
}
