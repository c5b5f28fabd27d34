package org.fusedsim.scenarios.regress;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fusedsim.core.Metric;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * Checks expectations against finished runs. Each expectation is checked once per personality: on
 * the value with one replication, on the mean across replications with several, and on the whole
 * Student confidence interval when the expectation asks for {@code interval: true}. A metric the
 * runs did not produce fails its check.
 */
public final class Checker {
  private Checker() {}

  /**
   * Checks every expectation.
   *
   * @throws InputException if a bound's unit does not convert into the unit the metric came in
   */
  public static ImmutableList<CheckResult> check(
      List<Expectation> expectations, List<RunRecord> runs) {
    Map<String, List<RunRecord>> byPersonality = new LinkedHashMap<>();
    for (RunRecord r : runs) {
      byPersonality.computeIfAbsent(r.personality(), k -> new ArrayList<>()).add(r);
    }
    List<CheckResult> out = new ArrayList<>();
    for (Expectation e : expectations) {
      for (Map.Entry<String, List<RunRecord>> p : byPersonality.entrySet()) {
        out.add(checkOne(e, p.getKey(), p.getValue()));
      }
    }
    return ImmutableList.copyOf(out);
  }

  private static CheckResult checkOne(Expectation e, String personality, List<RunRecord> runs) {
    List<Double> values = new ArrayList<>();
    String unit = null;
    int missing = 0;
    for (RunRecord r : runs) {
      Optional<Metric> m = r.output().metrics().get(e.metric());
      if (m.isEmpty()) {
        missing++;
        continue;
      }
      values.add(m.get().value());
      unit = m.get().unit();
    }
    if (missing > 0) {
      String msg =
          "metric "
              + e.metric()
              + " was not produced"
              + (runs.size() > 1 ? " by " + missing + " of " + runs.size() + " runs" : "")
              + (personality.equals("none") ? "" : " under " + personality);
      return new CheckResult(e, personality, null, "", false, msg);
    }
    Unit mu = Unit.parse(unit).orElse(new Unit(unit, unit, 1));
    Expectations.checkUnits(e, mu);
    Estimate est = Estimate.of(values);
    double lo = e.interval() ? est.lower() : est.mean();
    double hi = e.interval() ? est.upper() : est.mean();
    boolean ok = true;
    String bound;
    if (e.of() != null) {
      double ref = e.of().in(mu).orElseThrow();
      double tol = Math.abs(ref) * e.within();
      ok = lo >= ref - tol && hi <= ref + tol;
      bound = "[" + num(ref - tol) + ", " + num(ref + tol) + "]" + suffix(unit);
    } else {
      double min = e.min() == null ? Double.NEGATIVE_INFINITY : e.min().in(mu).orElseThrow();
      double max = e.max() == null ? Double.POSITIVE_INFINITY : e.max().in(mu).orElseThrow();
      ok = lo >= min && hi <= max;
      bound =
          e.min() != null && e.max() != null
              ? "[" + num(min) + ", " + num(max) + "]" + suffix(unit)
              : e.min() != null ? ">= " + num(min) + suffix(unit) : "<= " + num(max) + suffix(unit);
    }
    String what =
        e.interval()
            ? "95% CI [" + num(lo) + ", " + num(hi) + "]" + suffix(unit)
            : (est.n() > 1 ? "mean " : "") + num(est.mean()) + suffix(unit);
    String msg =
        e.metric()
            + (personality.equals("none") ? "" : " (" + personality + ")")
            + ": "
            + what
            + (ok ? " satisfies " : " violates ")
            + bound;
    return new CheckResult(e, personality, est, unit, ok, msg);
  }

  /** Returns {@code " unit"}, or nothing for the dimensionless unit. */
  static String suffix(String unit) {
    return unit.isEmpty() || unit.equals("1") ? "" : " " + unit;
  }

  static String num(double v) {
    return Numbers.human(v, 6);
  }
}
