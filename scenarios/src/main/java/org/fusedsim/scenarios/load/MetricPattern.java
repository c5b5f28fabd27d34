package org.fusedsim.scenarios.load;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * A family of metrics a scenario kind reports, with their unit: {@code syscall.*.latency.p50} in
 * {@code ns}. A {@code *} stands for one dotted segment (a call name, a node count, a message size)
 * and {@code **} for one or more (a sweep's setting labels), so the loader can tell a misspelt
 * metric in {@code expect:} from one the run will report, and check the bound's unit, before
 * anything runs.
 *
 * @param pattern dotted segments, each literal, {@code *} or {@code **}
 * @param unit the unit every matching metric is reported in
 */
public record MetricPattern(String pattern, String unit) {
  /** Returns whether {@code metric} belongs to this family. */
  public boolean matches(String metric) {
    return match(pattern.split("\\.", -1), 0, metric.split("\\.", -1), 0);
  }

  private static boolean match(String[] p, int i, String[] m, int j) {
    if (i == p.length) {
      return j == m.length;
    }
    if (j == m.length || m[j].isEmpty()) {
      return false;
    }
    if (p[i].equals("**")) {
      for (int k = j + 1; k <= m.length; k++) {
        if (match(p, i + 1, m, k)) {
          return true;
        }
      }
      return false;
    }
    return (p[i].equals("*") || p[i].equals(m[j])) && match(p, i + 1, m, j + 1);
  }

  /** Returns the first family of {@code families} that {@code metric} belongs to. */
  public static Optional<MetricPattern> find(List<MetricPattern> families, String metric) {
    return families.stream().filter(f -> f.matches(metric)).findFirst();
  }

  /** Builds a list from alternating pattern and unit strings. */
  public static ImmutableList<MetricPattern> of(String... patternsAndUnits) {
    if (patternsAndUnits.length % 2 != 0) {
      throw new IllegalArgumentException("pattern without a unit");
    }
    ImmutableList.Builder<MetricPattern> b = ImmutableList.builder();
    for (int i = 0; i < patternsAndUnits.length; i += 2) {
      b.add(new MetricPattern(patternsAndUnits[i], patternsAndUnits[i + 1]));
    }
    return b.build();
  }

  /** Concatenates lists of families, earlier lists first (a specific family before a wider one). */
  @SafeVarargs
  public static ImmutableList<MetricPattern> concat(List<MetricPattern>... lists) {
    ImmutableList.Builder<MetricPattern> b = ImmutableList.builder();
    for (List<MetricPattern> l : lists) {
      b.addAll(l);
    }
    return b.build();
  }
}
