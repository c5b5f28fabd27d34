package org.fusedsim.scenarios.regress;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * Compares every metric of two results files run by run, matching runs by (personality,
 * replication). A metric moved when its relative change exceeds its tolerance; a metric or run
 * missing from the new file fails; one that only the new file has is reported and passes.
 *
 * @param oldFile the baseline
 * @param newFile the candidate
 * @param rows one row per compared metric and run, in run order then metric name
 * @param ignored how many metric values were left out by {@code --ignore}
 */
public record Comparison(
    ResultsFile oldFile, ResultsFile newFile, ImmutableList<Row> rows, int ignored) {

  /** What happened to one metric of one run. */
  public enum Status {
    /** Within tolerance. */
    SAME,
    /** Moved beyond tolerance. */
    MOVED,
    /** In the baseline, missing from the new results. */
    MISSING,
    /** Only in the new results. */
    ADDED,
    /** The unit changed, so the values cannot be compared. */
    UNIT_CHANGED;

    /** Returns whether this status fails the comparison. */
    public boolean fails() {
      return this == MOVED || this == MISSING || this == UNIT_CHANGED;
    }
  }

  /**
   * One compared value.
   *
   * @param run the run key ({@code personality/replication})
   * @param metric the metric name
   * @param oldValue the baseline value, or {@code null}
   * @param newValue the new value, or {@code null}
   * @param change the relative change as a fraction ({@code NaN} if not defined)
   * @param tolerance the tolerance as a fraction
   * @param status the verdict
   * @param newHalfWidth half-width of the new 95% interval when comparing means, else {@code NaN}
   */
  public record Row(
      String run,
      String metric,
      ResultsFile.Value oldValue,
      ResultsFile.Value newValue,
      double change,
      double tolerance,
      Status status,
      double newHalfWidth) {
    Row(
        String run,
        String metric,
        ResultsFile.Value oldValue,
        ResultsFile.Value newValue,
        double change,
        double tolerance,
        Status status) {
      this(run, metric, oldValue, newValue, change, tolerance, status, Double.NaN);
    }
  }

  /**
   * Compares two results files.
   *
   * @throws InputException if they come from different scenarios or kinds
   */
  public static Comparison compare(ResultsFile oldFile, ResultsFile newFile, Tolerances tol) {
    sameScenario(oldFile, newFile);
    return compareRuns(oldFile, newFile, tol);
  }

  /**
   * Compares per personality the mean of each metric across replications. A metric moved unless the
   * new 95% Student confidence interval lies within the tolerance around the old mean, so a noisy
   * new measurement fails rather than passing by luck.
   *
   * @throws InputException for different scenarios, or fewer than two new replications
   */
  public static Comparison compareMeans(ResultsFile oldFile, ResultsFile newFile, Tolerances tol) {
    sameScenario(oldFile, newFile);
    ResultsFile o = means(oldFile, false);
    ResultsFile n = means(newFile, true);
    Comparison c = compareRuns(o, n, tol);
    Map<String, Map<String, Estimate>> est = estimates(newFile);
    List<Row> rows = new ArrayList<>();
    for (Row r : c.rows()) {
      if (r.status() != Status.SAME && r.status() != Status.MOVED) {
        rows.add(r);
        continue;
      }
      String personality = r.run().substring(0, r.run().lastIndexOf('/'));
      Estimate e = est.get(personality).get(r.metric());
      double ref = r.oldValue().value();
      double slack = Math.abs(ref) * r.tolerance();
      boolean fits = e.lower() >= ref - slack && e.upper() <= ref + slack;
      rows.add(
          new Row(
              r.run(),
              r.metric(),
              r.oldValue(),
              r.newValue(),
              r.change(),
              r.tolerance(),
              fits ? Status.SAME : Status.MOVED,
              e.halfWidth()));
    }
    return new Comparison(oldFile, newFile, ImmutableList.copyOf(rows), c.ignored());
  }

  private static Map<String, Map<String, Estimate>> estimates(ResultsFile f) {
    Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    for (ResultsFile.Run r : f.runs()) {
      Map<String, List<Double>> m = values.computeIfAbsent(r.personality(), k -> new TreeMap<>());
      r.metrics().forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).add(v.value()));
    }
    Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
    values.forEach(
        (p, m) -> {
          Map<String, Estimate> e = new TreeMap<>();
          m.forEach((k, v) -> e.put(k, Estimate.of(v)));
          out.put(p, e);
        });
    return out;
  }

  /** Returns a file with one run per personality, {@code personality/mean}, holding the means. */
  private static ResultsFile means(ResultsFile f, boolean needInterval) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    f.runs().forEach(r -> counts.merge(r.personality(), 1, Integer::sum));
    if (needInterval && counts.values().stream().anyMatch(c -> c < 2)) {
      throw new InputException(
          new Location(f.source(), 1, 1),
          "--interval needs two or more replications per personality (run with --replications N)");
    }
    Map<String, String> units = new TreeMap<>();
    f.runs().forEach(r -> r.metrics().forEach((k, v) -> units.putIfAbsent(k, v.unit())));
    List<ResultsFile.Run> runs = new ArrayList<>();
    for (Map.Entry<String, Map<String, Estimate>> p : estimates(f).entrySet()) {
      Map<String, ResultsFile.Value> m = new TreeMap<>();
      p.getValue().forEach((k, e) -> m.put(k, new ResultsFile.Value(e.mean(), units.get(k))));
      runs.add(new ResultsFile.Run(p.getKey(), -1, ImmutableMap.copyOf(m)));
    }
    return new ResultsFile(
        f.source(),
        f.format(),
        f.scenario(),
        f.kind(),
        f.seed(),
        f.parameters(),
        ImmutableList.copyOf(runs));
  }

  private static void sameScenario(ResultsFile oldFile, ResultsFile newFile) {
    if (!oldFile.scenario().equals(newFile.scenario()) || !oldFile.kind().equals(newFile.kind())) {
      throw new InputException(
          new Location(newFile.source(), 1, 1),
          "refusing to compare different scenarios: "
              + oldFile.source()
              + " is '"
              + oldFile.scenario()
              + "' (kind "
              + oldFile.kind()
              + "), "
              + newFile.source()
              + " is '"
              + newFile.scenario()
              + "' (kind "
              + newFile.kind()
              + ")");
    }
  }

  private static Comparison compareRuns(ResultsFile oldFile, ResultsFile newFile, Tolerances tol) {
    Map<String, ResultsFile.Run> olds = byKey(oldFile);
    Map<String, ResultsFile.Run> news = byKey(newFile);
    List<String> keys = new ArrayList<>(olds.keySet());
    news.keySet().stream().filter(k -> !olds.containsKey(k)).forEach(keys::add);
    List<Row> rows = new ArrayList<>();
    int ignored = 0;
    for (String k : keys) {
      ResultsFile.Run o = olds.get(k);
      ResultsFile.Run n = news.get(k);
      TreeSet<String> names = new TreeSet<>();
      if (o != null) {
        names.addAll(o.metrics().keySet());
      }
      if (n != null) {
        names.addAll(n.metrics().keySet());
      }
      for (String name : names) {
        if (tol.ignored(name)) {
          ignored++;
          continue;
        }
        ResultsFile.Value ov = o == null ? null : o.metrics().get(name);
        ResultsFile.Value nv = n == null ? null : n.metrics().get(name);
        rows.add(row(k, name, ov, nv, tol.of(name)));
      }
    }
    return new Comparison(oldFile, newFile, ImmutableList.copyOf(rows), ignored);
  }

  private static Row row(
      String run, String name, ResultsFile.Value ov, ResultsFile.Value nv, double t) {
    if (nv == null) {
      return new Row(run, name, ov, null, Double.NaN, t, Status.MISSING);
    }
    if (ov == null) {
      return new Row(run, name, null, nv, Double.NaN, t, Status.ADDED);
    }
    if (!ov.unit().equals(nv.unit())) {
      return new Row(run, name, ov, nv, Double.NaN, t, Status.UNIT_CHANGED);
    }
    double change;
    if (ov.value() == nv.value()) {
      change = 0;
    } else if (ov.value() == 0) {
      change = nv.value() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    } else {
      change = (nv.value() - ov.value()) / Math.abs(ov.value());
    }
    return new Row(run, name, ov, nv, change, t, Math.abs(change) > t ? Status.MOVED : Status.SAME);
  }

  private static Map<String, ResultsFile.Run> byKey(ResultsFile f) {
    Map<String, ResultsFile.Run> m = new LinkedHashMap<>();
    f.runs().forEach(r -> m.put(r.key(), r));
    return m;
  }

  /** Returns whether anything failed (moved, went missing or changed unit). */
  public boolean failed() {
    return rows.stream().anyMatch(r -> r.status().fails());
  }

  /** Returns the rows that did not stay the same. */
  public ImmutableList<Row> changed() {
    return rows.stream()
        .filter(r -> r.status() != Status.SAME)
        .collect(ImmutableList.toImmutableList());
  }

  /** Returns the names of the metrics that failed, without duplicates, in row order. */
  public ImmutableList<String> failedMetrics() {
    return rows.stream()
        .filter(r -> r.status().fails())
        .map(Row::metric)
        .distinct()
        .collect(ImmutableList.toImmutableList());
  }
}
