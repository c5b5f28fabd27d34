package org.fusedsim.scenarios.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** The {@code expect:} block is validated strictly, at load time, with locations. */
class ExpectationsTest {
  private static Scenario load(String expect) {
    return new ScenarioLoader(new Components().kinds())
        .load("t.yaml", "name: t\nkind: phold\nexpect:\n" + expect, List.of());
  }

  private static void rejects(String expect, String where, String message) {
    InputException e = assertThrows(InputException.class, () -> load(expect));
    assertEquals(where, e.location().toString(), e.userMessage());
    assertTrue(e.getMessage().contains(message), e.userMessage());
  }

  @Test
  void readsEveryForm() {
    Scenario s =
        load(
            "  phold.delay.mean: {max: 1.2us}\n"
                + "  phold.delay.p50: {min: 600ns, max: 0.8us}\n"
                + "  phold.remote_fraction: {min: 99%}\n"
                + "  phold.events: {min: 1000}\n"
                + "  phold.event_rate: {within: 5%, of: 1 events/ns}\n");
    List<Expectation> e = Expectations.of(s);
    assertEquals(5, e.size());
    assertEquals("phold.delay.mean", e.get(0).metric());
    assertEquals("<= 1.2 us", e.get(0).boundText());
    assertEquals("600 ns .. 0.8 us", e.get(1).boundText());
    assertEquals(0.05, e.get(4).within(), 1e-15);
    assertEquals("t.yaml:4:3", e.get(0).at().toString());
    // 99% of the dimensionless unit is 0.99; 1 event/ns is 1000 events/us.
    assertEquals(0.99, e.get(2).min().in(Unit.ONE).orElseThrow(), 1e-15);
    assertEquals(1000, e.get(4).of().in(Unit.parse("events/us").orElseThrow()).orElseThrow(), 1e-9);
  }

  @Test
  void rejectsUnknownKeys() {
    rejects(
        "  phold.delay.mean: {maxx: 1us}\n",
        "t.yaml:4:22",
        "unknown key 'maxx' (expected one of: min, max, within, of, interval)");
  }

  @Test
  void rejectsMalformedBounds() {
    rejects("  phold.delay.mean: 1us\n", "t.yaml:4:21", "expected a bound such as {max: 6us}");
    rejects("  phold.delay.mean: {within: 5%}\n", "t.yaml:4:21", "'within' and 'of' go together");
    rejects(
        "  phold.delay.mean: {within: 5, of: 1us}\n",
        "t.yaml:4:30",
        "expected a percentage such as 5%, got '5'");
    rejects(
        "  phold.delay.mean: {min: 1us, within: 5%, of: 1us}\n",
        "t.yaml:4:21", "either min/max or within/of");
    rejects("  phold.delay.mean: {}\n", "t.yaml:4:21", "at least one of min, max");
    rejects("  phold.delay.mean: {max: fast}\n", "t.yaml:4:27", "expected a number with a unit");
    rejects("  phold.delay.mean: {max: 5 parsecs/us/s}\n", "t.yaml:4:27", "unknown unit");
    rejects("  phold.delay.mean: {min: 2us, max: 1us}\n", "t.yaml:4:22", "is above max");
    rejects(
        "  phold.delay.mean: {max: 1us, interval: yes please}\n", "t.yaml:4:42", "true or false");
    rejects("  - phold.delay.mean\n", "t.yaml:4:3", "expected a mapping from metric names");
  }

  @Test
  void rejectsUnitsThatDoNotConvertToTheDeclaredMetricUnit() {
    rejects(
        "  phold.delay.mean: {max: 6 KiB}\n",
        "t.yaml:4:27",
        "metric is in 'ns', 'KiB' does not convert to it");
    // A bare number for a time is ambiguous (ns? us?), so it needs its unit.
    rejects("  phold.delay.mean: {max: 6}\n", "t.yaml:4:27", "write the unit, e.g. 6 ns");
    rejects(
        "  phold.event_rate: {within: 1%, of: 3 GB/s}\n",
        "t.yaml:4:38", "metric is in 'events/us', 'GB/s' does not convert");
  }

  @Test
  void intervalNeedsReplications() {
    rejects(
        "  phold.delay.mean: {max: 2us, interval: true}\n",
        "t.yaml:4:42",
        "needs replications >= 2 (got 1");
  }
}
