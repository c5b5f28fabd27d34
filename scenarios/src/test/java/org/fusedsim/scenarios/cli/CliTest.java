package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: exit codes, messages, output files, determinism. */
class CliTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private Path small() throws IOException {
    Path f = tmp.resolve("small.yaml");
    Files.writeString(
        f,
        "name: small\nkind: phold\nseed: 5\nphold:\n  lps: 32\n  events: 20000\n",
        StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void defaultScenarioPrintsASummary() {
    Result r = run("run", "--set", "syscalls.iterations=20", "--set", "fwq.samples=20");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("scenario fusedos-tour (kind node-tour, seed 1, 3 runs)"), r.out());
    assertTrue(r.out().contains("syscall.getpid.latency.p50"), r.out());
    assertTrue(r.out().contains("fwq.noise.cv"), r.out());
    assertTrue(r.out().contains("fusedos/0: getpid mean"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void outWritesResultsAndPerfAtomically() throws IOException {
    Path out = tmp.resolve("o");
    Result r = run("run", small().toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(out.resolve("results.json")));
    assertTrue(Files.exists(out.resolve("perf.json")));
    assertTrue(Files.exists(out.resolve("phold-delay-quantiles.csv")));
    // staging directories, locks and temporaries are hidden names beside or inside --out
    for (Path dir : List.of(out, tmp)) {
      try (var s = Files.list(dir)) {
        List<String> hidden =
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        assertEquals(List.of(), hidden, "nothing hidden left in " + dir);
      }
    }
    String json = Files.readString(out.resolve("results.json"));
    assertTrue(json.contains("\"format\" : \"fusedsim-results/1\""), json);
    assertTrue(
        json.contains(
            "\"phold.events\" : {\n          \"value\" : 20000,\n          \"unit\" : \"events\""),
        json);
    assertFalse(json.contains("wall"), "results.json holds no wall-clock figures");
    assertTrue(Files.readString(out.resolve("perf.json")).contains("events_per_second"));
  }

  @Test
  void sameSeedGivesByteIdenticalResultsAndAnotherSeedDoesNot() throws IOException {
    Path f = small();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    assertEquals(0, run("run", f.toString(), "--out", a.toString()).code());
    assertEquals(0, run("run", f.toString(), "--out", b.toString()).code());
    assertEquals(0, run("run", f.toString(), "--out", c.toString(), "--seed", "6").code());
    byte[] ra = Files.readAllBytes(a.resolve("results.json"));
    assertArrayEquals(ra, Files.readAllBytes(b.resolve("results.json")));
    assertFalse(Arrays.equals(ra, Files.readAllBytes(c.resolve("results.json"))));
  }

  @Test
  void nonEmptyOutNeedsForce() throws IOException {
    Path out = tmp.resolve("o");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "x");
    Result r = run("run", small().toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertEquals(
        "error: "
            + out
            + ":1:1: --out: directory exists and is not empty (add --force to replace it)\n",
        r.err());
    assertFalse(Files.exists(out.resolve("results.json")), "nothing written before the check");
    assertEquals(0, run("run", small().toString(), "--out", out.toString(), "--force").code());
    assertTrue(Files.exists(out.resolve("results.json")));
  }

  @Test
  void brokenScenarioIsExitTwoWithLocationAndNoStackTrace() throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "name: bad\nkind: phold\nphold:\n  lps: -3\n");
    Result r = run("run", f.toString());
    assertEquals(2, r.code());
    assertEquals("error: " + f + ":4:8: phold.lps: -3 is below the minimum 1\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void missingFileAndBadFlags() throws IOException {
    Result r = run("run", "no/such.yaml");
    assertEquals(2, r.code());
    assertEquals("error: no/such.yaml:1:1: cannot read scenario: no such file\n", r.err());
    r = run("run", "--bogus");
    assertEquals(2, r.code());
    // The column is where the bad argument starts in "run --bogus"; the message is one line.
    assertEquals(
        "error: command-line:1:5: Unknown option: '--bogus' (see 'fusedsim run --help')\n",
        r.err());
    r = run("run", "--seed", "abc");
    assertEquals(2, r.code());
    assertEquals("error: --seed:1:1: seed: expected integer, got 'abc'\n", r.err());
    r = run("run", "--os", "windows");
    assertEquals(2, r.code());
    assertTrue(
        r.err()
            .contains(
                "expected one of fusedos, fusedos-released, fusedos-cnkcompat, cnk, linux, direct"),
        r.err());
    r = run("run", small().toString(), "--os", "fusedos");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("runs without an operating system"), r.err());
  }

  @Test
  void replicationsAreIndependentRuns() throws IOException {
    Path out = tmp.resolve("rep");
    Result r = run("run", small().toString(), "--replications", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String json = Files.readString(out.resolve("results.json"));
    assertEquals(3, json.split("\"replication\" : ").length - 1);
    assertTrue(Files.exists(out.resolve("phold-delay-quantiles-none-r2.csv")));
  }

  @Test
  void validateChecksWithoutRunning() throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "name: x\nkind: phold\nextra: 1\n");
    Result r = run("validate", small().toString(), bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.out().contains("ok " + small() + " (kind phold, 1 run)"), r.out());
    assertTrue(r.err().startsWith("error: " + bad + ":3:1: unknown key 'extra'"), r.err());
    assertEquals(0, run("validate", small().toString()).code());
  }

  @Test
  void describeListsComponentsAndParameters() {
    Result r = run("describe");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("phold"), r.out());
    r = run("describe", "phold");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("mean_delay"), r.out());
    assertTrue(r.out().contains("1us"), r.out());
    r = run("describe", "nothing");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: command-line:1:10: describe: expected a scenario kind"),
        r.err());
  }

  @Test
  void listShowsTheCatalog() {
    Result r = run("list", "--catalog", "catalog");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("phold.yaml"), r.out());
    assertTrue(r.out().contains("PHOLD on 1,024 logical processes"), r.out());
  }

  @Test
  void versionAndHelp() {
    Result r = run("--version");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("fusedsim "), r.out());
    assertEquals(0, run("run", "--help").code());
    assertEquals(0, run("bench", "phold", "--help").code());
  }

  @Test
  void benchPholdPrintsTheContractLine() {
    Result r = run("bench", "phold", "--lps", "64", "--events", "20000");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(
        last.matches(
            "phold lps=64 events=20000 fusedsim_eps=[0-9.]+ ssj_eps=[0-9.]+ ratio=[0-9.]+"
                + " hash_match=true"),
        last);
  }

  @Test
  void defaultScenarioWritesPlotsReportAndTrace() throws IOException {
    Path out = tmp.resolve("tour");
    Result r =
        run(
            "run",
            "--set",
            "syscalls.iterations=20",
            "--set",
            "fwq.samples=20",
            "--out",
            out.toString(),
            "--trace");
    assertEquals(0, r.code(), r.err());
    try (var files = Files.list(out)) {
      long pngs = files.filter(p -> p.toString().endsWith(".png")).count();
      assertTrue(pngs >= 3, "at least three plots, got " + pngs);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("data:image/png;base64,"), "plots embedded in the report");
    String trace = Files.readString(out.resolve("trace.json"));
    assertTrue(trace.contains("\"cpu0_handler\""), "offloaded calls in the timeline");
    assertTrue(trace.contains("\"flow_out\" : true"), "IPI arrows in the timeline");
    assertTrue(trace.contains("\"flow_in\" : true"), "IPI arrows in the timeline");
  }

  @Test
  void traceNeedsOutAndIsWrittenWithItsLimit() throws IOException {
    Result r = run("run", small().toString(), "--trace");
    assertEquals(2, r.code());
    assertEquals("error: --trace:1:1: --trace writes trace.json and needs --out DIR\n", r.err());
    Path out = tmp.resolve("t");
    r =
        run(
            "run",
            "catalog/syscall-latency.yaml",
            "--os",
            "fusedos",
            "--set",
            "syscalls.iterations=5",
            "--trace",
            "--trace-limit",
            "10",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    String trace = Files.readString(out.resolve("trace.json"));
    assertTrue(trace.contains("\"events_kept\" : 10"), trace);
    assertTrue(trace.contains("events_dropped_over_limit"), trace);
    // PHOLD's model traces nothing: no empty timeline, and the console says why
    Path none = tmp.resolve("n");
    r = run("run", small().toString(), "--trace", "--out", none.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(none.resolve("trace.json")));
    assertTrue(r.out().contains("no trace.json: kind 'phold' has no timeline"), r.out());
  }

  @Test
  void progressGoesToStderrAndDoesNotChangeResults() throws IOException {
    Path a = tmp.resolve("pa");
    Path b = tmp.resolve("pb");
    Result quiet = run("run", small().toString(), "--out", a.toString());
    Result loud = run("run", small().toString(), "--out", b.toString(), "--progress");
    assertEquals(0, quiet.code());
    assertEquals(0, loud.code());
    assertEquals("", quiet.err(), "quiet when stderr is not a terminal");
    assertArrayEquals(
        Files.readAllBytes(a.resolve("results.json")),
        Files.readAllBytes(b.resolve("results.json")));
  }
}
