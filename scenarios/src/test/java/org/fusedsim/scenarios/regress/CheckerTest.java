package org.fusedsim.scenarios.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.fusedsim.core.Metrics;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.RunRecord;
import org.junit.jupiter.api.Test;

/** Checks on hand-made runs, with intervals computed by hand. */
class CheckerTest {
  private static final Location AT = new Location("t.yaml", 1, 1);

  private static List<RunRecord> runs(double... latenciesNs) {
    ImmutableList.Builder<RunRecord> b = ImmutableList.builder();
    for (int i = 0; i < latenciesNs.length; i++) {
      Metrics m = new Metrics().put("lat", latenciesNs[i], "ns");
      b.add(
          new RunRecord(
              "none", i, new RunOutput(0, 0, m, ImmutableList.of(), ImmutableList.of()), 0));
    }
    return b.build();
  }

  private static Expectation max(String q, boolean interval) {
    StringBuilder why = new StringBuilder();
    Quantity v = Quantity.parse(q, why).orElseThrow();
    return new Expectation("lat", AT, null, AT, v, AT, Double.NaN, null, AT, interval);
  }

  @Test
  void studentIntervalOfThreeReplications() {
    // Values 1, 2, 3 ns: mean 2, sample sd 1, t(0.975, 2 df) = 4.302653, half-width
    // 4.302653 / sqrt(3) = 2.484138.
    Estimate e = Estimate.of(List.of(1.0, 2.0, 3.0));
    assertEquals(2, e.mean(), 1e-12);
    assertEquals(2.484138, e.halfWidth(), 1e-6);
  }

  @Test
  void theIntervalCanFailWhereTheMeanPasses() {
    List<RunRecord> r = runs(1, 2, 3);
    CheckResult mean = Checker.check(List.of(max("0.003us", false)), r).get(0);
    assertTrue(mean.passed(), mean.message());
    assertEquals("lat: mean 2 ns satisfies <= 3 ns", mean.message());
    CheckResult ci = Checker.check(List.of(max("3ns", true)), r).get(0);
    assertFalse(ci.passed(), ci.message());
    assertTrue(
        ci.message().startsWith("lat: 95% CI [-0.484138, 4.48414] ns violates"), ci.message());
    assertTrue(Checker.check(List.of(max("4.5ns", true)), r).get(0).passed());
  }

  @Test
  void withinIsRelativeToTheReference() {
    StringBuilder why = new StringBuilder();
    Quantity of = Quantity.parse("0.1us", why).orElseThrow();
    Expectation e = new Expectation("lat", AT, null, AT, null, AT, 0.05, of, AT, false);
    assertTrue(Checker.check(List.of(e), runs(104.9)).get(0).passed());
    assertFalse(Checker.check(List.of(e), runs(105.1)).get(0).passed());
    assertFalse(Checker.check(List.of(e), runs(94.9)).get(0).passed());
  }

  @Test
  void aMissingMetricFails() {
    Expectation e = max("3ns", false);
    CheckResult c =
        Checker.check(
                List.of(
                    new Expectation(
                        "nope", AT, null, AT, e.max(), AT, Double.NaN, null, AT, false)),
                runs(1))
            .get(0);
    assertFalse(c.passed());
    assertEquals("missing", c.valueText());
    assertEquals("metric nope was not produced", c.message());
  }
}
