package org.fusedsim.scenarios.regress;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   */
  public record Row(
      String run,
      String metric,
      ResultsFile.Value oldValue,
      ResultsFile.Value newValue,
      double change,
      double tolerance,
      Status status) {}

  /**
   * Compares two results files.
   *
   * @throws InputException if they come from different scenarios or kinds
   */
  public static Comparison compare(ResultsFile oldFile, ResultsFile newFile, Tolerances tol) {
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
