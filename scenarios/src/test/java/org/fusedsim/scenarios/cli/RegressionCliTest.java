package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI contract of {@code fusedsim run} with {@code expect:} and {@code --baseline}, and of
 * {@code fusedsim diff}: exit 0 when everything holds, 1 naming what failed, 2 for bad input.
 */
class RegressionCliTest {
  static final String EXAMPLE = "catalog/regression-example.yaml";

  // Two seeds of the same PHOLD scenario must agree on every metric whose sampling error is far
  // below 2%: means and central quantiles over 5e5 exponential samples (relative standard error of
  // the mean 1/sqrt(5e5) = 0.14%). Sample extremes are not such statistics: the maximum of 5e5
  // exponentials has a Gumbel spread of 1.28 us around 13.1 us (about 10%), so it is ignored, and
  // the busiest/idlest of 1024 processes with ~490 events each (sd ~22) moves by a few percent, so
  // it gets 10%.
  static final String[] SEED_TOLERANCE = {
    "--tolerance", "2%", "--ignore", "phold.delay.max", "--tolerance-for", "phold.lp_events.*=10%"
  };

  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private Path results(String name, String... extra) {
    Path dir = tmp.resolve(name);
    List<String> args = new ArrayList<>(List.of("run", EXAMPLE, "--out", dir.toString()));
    args.addAll(List.of(extra));
    Result r = run(args.toArray(new String[0]));
    // A run whose expectations fail (exit 1) still writes its results: they are the evidence.
    assertTrue(r.code() == 0 || r.code() == 1, r.out() + r.err());
    assertTrue(Files.exists(dir.resolve("results.json")));
    return dir.resolve("results.json");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(new String[0]);
  }

  @Test
  void exampleExpectationsPass() {
    Result r = run("run", EXAMPLE);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("all 6 checks passed"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void aHigherCostFailsNamingTheMetrics() {
    // lookahead 100 ns: mean delay 100 ns + 1 us = 1100 ns, 9.9% above 1001 ns; median
    // 100 + 693 = 793 ns above 720 ns; event rate 1024 / 1.1 us = 931 events/us, 9% low.
    Result r = run("run", EXAMPLE, "--set", "phold.lookahead=100ns");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("failed: phold.delay.mean, phold.delay.p50, phold.event_rate"), r.err());
    assertTrue(r.out().contains("3 of 6 checks failed"), r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.startsWith("phold.delay.mean") && l.endsWith("FAIL")),
        r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.startsWith("phold.remote_fraction") && l.endsWith("pass")),
        r.out());
  }

  @Test
  void aMetricTheKindNeverReportsIsBadInputBeforeTheRun() throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(
        f,
        "name: s\nkind: phold\nphold:\n  events: 2000\nexpect:\n  phold.no_such: {max: 1}\n",
        StandardCharsets.UTF_8);
    Path out = tmp.resolve("out-no-such");
    Result r = run("run", f.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals(
        "error: "
            + f
            + ":6:3: expect.phold.no_such: kind 'phold' reports no such metric (see"
            + " `fusedsim describe phold` for its metrics)\n",
        r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aMetricOfADeclaredFamilyTheRunDoesNotProduceFailsItsCheck() throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(
        f,
        "name: s\nkind: phold\nphold:\n  events: 2000\nexpect:\n"
            + "  phold.lp_events.median: {max: 1events}\n",
        StandardCharsets.UTF_8);
    Result r = run("run", f.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("phold.lp_events.median"), r.out());
    assertTrue(r.out().contains("missing"), r.out());
    assertTrue(r.err().contains("failed: phold.lp_events.median"), r.err());
  }

  @Test
  void unitMismatchIsBadInputAtItsLocation() throws IOException {
    Path f = tmp.resolve("u.yaml");
    Files.writeString(
        f,
        "name: u\nkind: phold\nexpect:\n  phold.delay.mean: {max: 2 GB/s}\n",
        StandardCharsets.UTF_8);
    Result r = run("run", f.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(
        r.err()
            .startsWith(
                "error: "
                    + f
                    + ":4:27: expect.phold.delay.mean.max: metric is in 'ns', 'GB/s' does not"
                    + " convert to it"),
        r.err());
    assertEquals("", r.out(), "nothing runs");
    assertEquals(2, run("validate", f.toString()).code());
  }

  @Test
  void diffOfTwoSeedsIsWithinTolerance() {
    Path a = results("a");
    Path b = results("b", "--seed", "2");
    Result r = run(concat(new String[] {"diff", a.toString(), b.toString()}, SEED_TOLERANCE));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("13 of 13 metric values within tolerance, 1 ignored"), r.out());
    assertTrue(r.out().contains("(seed 1) vs"), r.out());
    assertTrue(r.out().contains("(seed 2)"), r.out());
  }

  @Test
  void diffOfAChangedCostListsTheMovedMetrics() {
    Path a = results("a");
    Path c = results("c", "--set", "phold.lookahead=100ns");
    Result r = run(concat(new String[] {"diff", a.toString(), c.toString()}, SEED_TOLERANCE));
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("parameters changed: phold.lookahead 1ns -> 100ns"), r.out());
    // Every time-like metric grows by about 99 ns out of ~1 us; counts stay put.
    for (String moved :
        List.of(
            "phold.delay.mean", "phold.delay.p50", "phold.event_rate", "phold.simulated_time")) {
      assertTrue(
          r.out().lines().anyMatch(l -> l.startsWith(moved + " ") && l.endsWith("MOVED")),
          moved + " in\n" + r.out());
    }
    assertFalse(r.out().contains("phold.events "), "unchanged metrics are not listed");
    assertTrue(r.err().startsWith("moved: phold.delay.mean"), r.err());
  }

  @Test
  void runAgainstABaseline() {
    Path a = results("a");
    Result same =
        run(
            concat(
                new String[] {"run", EXAMPLE, "--seed", "3", "--baseline", a.toString()},
                SEED_TOLERANCE));
    assertEquals(0, same.code(), same.out() + same.err());
    assertTrue(same.out().contains("no regression"), same.out());
    Result slower =
        run(
            concat(
                new String[] {
                  "run", "--set", "phold.mean_delay=1.1us", EXAMPLE, "--baseline", a.toString()
                },
                SEED_TOLERANCE));
    assertEquals(1, slower.code(), slower.out() + slower.err());
    assertTrue(slower.err().contains("phold.delay.mean"), slower.err());
  }

  @Test
  void diffRefusesAnotherScenarioAndAnotherFormat() throws IOException {
    Path a = results("a");
    Path other = tmp.resolve("other");
    assertEquals(
        0,
        run("run", "catalog/phold.yaml", "--set", "phold.events=2000", "--out", other.toString())
            .code());
    Result r = run("diff", a.toString(), other.resolve("results.json").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("refusing to compare different scenarios"), r.err());
    assertTrue(r.err().contains("'regression-example'") && r.err().contains("'phold'"), r.err());

    Path v2 = tmp.resolve("v2.json");
    Files.writeString(
        v2,
        Files.readString(a).replace("fusedsim-results/1", "fusedsim-results/2"),
        StandardCharsets.UTF_8);
    Result f = run("diff", a.toString(), v2.toString());
    assertEquals(2, f.code());
    assertTrue(
        f.err()
            .startsWith(
                "error: " + v2 + ":1:1: results format 'fusedsim-results/2' is not supported"),
        f.err());
    Result base = run("run", EXAMPLE, "--baseline", v2.toString());
    assertEquals(2, base.code());
    assertEquals("", base.out(), "a bad baseline is refused before anything runs");
    assertEquals(2, run("diff", a.toString(), tmp.resolve("none.json").toString()).code());
    assertEquals(2, run("diff", a.toString(), a.toString(), "--tolerance", "2").code());
  }

  @Test
  void junitReportIsValidXmlWithOneTestCasePerCheckAndMetric() throws Exception {
    Path a = results("a");
    Path junit = tmp.resolve("reports/junit.xml");
    Path md = tmp.resolve("reports/summary.md");
    Result r =
        run(
            concat(
                new String[] {
                  "run",
                  EXAMPLE,
                  "--set",
                  "phold.lookahead=100ns",
                  "--baseline",
                  a.toString(),
                  "--junit",
                  junit.toString(),
                  "--markdown",
                  md.toString()
                },
                SEED_TOLERANCE));
    assertEquals(1, r.code(), r.out() + r.err());

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(junit.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(2, suites.getLength());
    Element expect = (Element) suites.item(0);
    Element baseline = (Element) suites.item(1);
    assertEquals("fusedsim.regression-example.expect", expect.getAttribute("name"));
    assertEquals(6, expect.getElementsByTagName("testcase").getLength());
    assertEquals("3", expect.getAttribute("failures"));
    assertEquals(3, expect.getElementsByTagName("failure").getLength());
    // 14 metrics, one ignored.
    assertEquals(13, baseline.getElementsByTagName("testcase").getLength());
    int failures = baseline.getElementsByTagName("failure").getLength();
    assertEquals(String.valueOf(failures), baseline.getAttribute("failures"));
    assertTrue(failures > 0);
    assertEquals(String.valueOf(6 + 13), root.getAttribute("tests"));
    Element firstFailure = (Element) expect.getElementsByTagName("failure").item(0);
    assertTrue(
        firstFailure.getAttribute("message").startsWith("phold.delay.mean: 1"),
        firstFailure.getAttribute("message"));

    String markdown = Files.readString(md, StandardCharsets.UTF_8);
    assertTrue(markdown.startsWith("### fusedsim: `regression-example` **FAILED**"), markdown);
    assertTrue(markdown.contains("| **FAIL** | `phold.delay.mean` |"), markdown);
    assertTrue(markdown.contains("Parameters changed: phold.lookahead 1ns -> 100ns"), markdown);
  }

  @Test
  void replicationsReportIntervalsAndExpectationsCanRequireThem() throws IOException {
    Path f = tmp.resolve("rep.yaml");
    // 4 replications of 20000 events: mean delay 1001 ns with a standard error of about
    // 1001 / sqrt(20000) = 7 ns per replication; the 95% interval of the mean of 4 is then
    // about 3.18 x 7 / 2 = 11 ns wide each way, well inside 5% (50 ns) of 1001 ns.
    Files.writeString(
        f,
        "name: rep\nkind: phold\nreplications: 4\nphold:\n  events: 20000\nexpect:\n"
            + "  phold.delay.mean: {within: 5%, of: 1001ns, interval: true}\n",
        StandardCharsets.UTF_8);
    Path out = tmp.resolve("rep");
    Result r = run("run", f.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("mean across replications with 95% Student confidence"), r.out());
    assertTrue(r.out().contains("(95% CI)"), r.out());
    String json = Files.readString(out.resolve("results.json"));
    assertTrue(json.contains("\"summary\" : {"), json);
    assertTrue(json.contains("\"ci_low\""), json);

    Result one = run("run", f.toString(), "--replications", "1");
    assertEquals(2, one.code(), one.err());
    assertTrue(
        one.err().contains(":7:56: expect.phold.delay.mean.interval: a confidence"), one.err());
  }
}
