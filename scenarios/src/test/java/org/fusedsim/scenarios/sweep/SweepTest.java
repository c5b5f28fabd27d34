package org.fusedsim.scenarios.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fusedsim.scenarios.TestFiles;
import org.fusedsim.scenarios.cli.CliRun;
import org.fusedsim.scenarios.cli.CliRun.Result;
import org.fusedsim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps: the block's errors, the order of points, parallel against serial, resuming, collect. */
class SweepTest {
  @TempDir Path tmp;

  static Result run(String... args) {
    return CliRun.run(args);
  }

  /** Eight short points: two GPC settings, two personalities, two seeds. */
  static final String SMALL =
      """
      name: small-sweep
      description: a small sweep for tests
      kind: syscall-storm
      storm:
        thread_counts: 4
        calls_per_thread: 20
      sweep:
        grid:
          fusedos.gpc_cores: [1, 2]
          os: [fusedos, direct]
          seed: [1, 2]
        plots:
          - metric: storm.threads_4.latency.p50
            x: fusedos.gpc_cores
      """;

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void aValueOutOfRangeIsRefusedAtItsLineAndColumnBeforeAnythingRuns() throws IOException {
    Path f = write("bad.yaml", SMALL.replace("[1, 2]", "[1, 9]"));
    Path out = tmp.resolve("out");
    Result r = run("sweep", f.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("error: " + f + ":9:28: point 4 (fusedos.gpc_cores=9"), r.err());
    assertTrue(r.err().contains("9 is above the maximum 4"), r.err());
    assertFalse(Files.exists(out), "nothing is written for a refused sweep");
  }

  @Test
  void anUnknownParameterIsRefusedAtTheAxis() throws IOException {
    Path f =
        write(
            "bad.yaml",
            SMALL
                .replace("fusedos.gpc_cores: [1, 2]", "fusedos.gpc_corez: [1]")
                .replace("x: fusedos.gpc_cores", "x: fusedos.gpc_corez"));
    Result r = run("validate", f.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("error: " + f + ":9:5:"), r.err());
    assertTrue(r.err().contains("unknown key 'fusedos.gpc_corez'"), r.err());
    assertTrue(r.err().contains("did you mean 'gpc_cores'"), r.err());
  }

  @Test
  void zippedListsMustHaveOneLength() throws IOException {
    Path f =
        write(
            "bad.yaml",
            SMALL.replace(
                "  plots:",
                "  zip:\n    storm.calls_per_thread: [10, 20]\n    storm.call: [getpid]\n"
                    + "  plots:"));
    Result r = run("validate", f.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("sweep.zip.storm.call: expected 2 values"), r.err());
  }

  @Test
  void aPlotOfAMetricTheKindNeverReportsIsRefused() throws IOException {
    Path f = write("bad.yaml", SMALL.replace("threads_4.latency.p50", "latency.p50x.y"));
    Result r = run("validate", f.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("reports no metric 'storm.latency.p50x.y'"), r.err());
  }

  @Test
  void theTimedSweepOfThePerformancePageHasFortyPoints() {
    Result r = run("validate", "bench/sweep-40.yaml");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("a sweep of 40 points"), r.out());
  }

  @Test
  void runRefusesASweepAndNamesTheCommand() throws IOException {
    Result r = run("run", write("s.yaml", SMALL).toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("run it with `fusedsim sweep"), r.err());
  }

  @Test
  void pointsAreAGridWhoseFirstAxisTurnsSlowest() throws IOException {
    Result r =
        run("sweep", write("s.yaml", SMALL).toString(), "--out", tmp.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    List<String> ids;
    try (Stream<Path> s = Files.list(tmp.resolve("o/points"))) {
      ids = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(8, ids.size());
    assertEquals("0-gpc_cores=1,os=fusedos,seed=1", ids.get(0));
    assertEquals("1-gpc_cores=1,os=fusedos,seed=2", ids.get(1));
    assertEquals("2-gpc_cores=1,os=direct,seed=1", ids.get(2));
    assertEquals("7-gpc_cores=2,os=direct,seed=2", ids.get(7));
    // each point's scenario reruns alone to the same results
    Path point = tmp.resolve("o/points").resolve(ids.get(5));
    Result alone =
        run(
            "run",
            point.resolve("scenario.yaml").toString(),
            "--out",
            tmp.resolve("alone").toString());
    assertEquals(0, alone.code(), alone.err());
    assertEquals(
        Files.readString(point.resolve("results.json")),
        Files.readString(tmp.resolve("alone/results.json")));
    // four settings (seed aggregated), each with two samples and an interval
    List<String> csv = Files.readAllLines(tmp.resolve("o/sweep.csv"));
    assertEquals(5, csv.size());
    assertTrue(csv.get(0).startsWith("fusedos.gpc_cores[cores],os,samples,"), csv.get(0));
    assertTrue(csv.get(1).startsWith("1,fusedos,2,"), csv.get(1));
    assertTrue(csv.get(0).contains("storm.threads_4.latency.p50.low[ns]"), csv.get(0));
    assertTrue(Files.exists(tmp.resolve("o/storm.threads_4.latency.p50-vs-fusedos.gpc_cores.png")));
    String html = Files.readString(tmp.resolve("o/report.html"));
    assertTrue(html.indexOf("<h2>Figures</h2>") < html.indexOf("sweep.csv"), "figures lead");
  }

  @Test
  void replicationsWithinAPointAreTheSamplesOfItsRow() throws IOException {
    Path f =
        write(
            "r.yaml",
            SMALL
                .replace("kind: syscall-storm\n", "kind: syscall-storm\nreplications: 3\n")
                .replace("    seed: [1, 2]\n", ""));
    Result r = run("sweep", f.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    List<String> csv = Files.readAllLines(tmp.resolve("o/sweep.csv"));
    assertEquals(5, csv.size(), "four points, one row each");
    assertTrue(csv.get(1).startsWith("1,fusedos,3,"), csv.get(1));
    assertTrue(csv.get(0).contains("storm.threads_4.latency.p50.high[ns]"), csv.get(0));
  }

  @Test
  void twoJobsGiveTheBytesOfOne() throws IOException {
    Path f = write("s.yaml", SMALL);
    assertEquals(0, run("sweep", f.toString(), "--out", tmp.resolve("a").toString()).code());
    Result two = run("sweep", f.toString(), "--out", tmp.resolve("b").toString(), "--jobs", "2");
    assertEquals(0, two.code(), two.err());
    for (String name : List.of("sweep.csv", "sweep.json", "plan.json")) {
      assertEquals(
          Files.readString(tmp.resolve("a").resolve(name)),
          Files.readString(tmp.resolve("b").resolve(name)),
          name);
    }
    try (Stream<Path> s = Files.list(tmp.resolve("a/points"))) {
      for (Path p : s.toList()) {
        Path other = tmp.resolve("b/points").resolve(p.getFileName());
        assertEquals(
            Files.readString(p.resolve("results.json")),
            Files.readString(other.resolve("results.json")),
            p.getFileName().toString());
      }
    }
  }

  @Test
  void aResumedSweepRunsOnlyTheMissingPoints() throws IOException {
    Path f = write("s.yaml", SMALL);
    Path out = tmp.resolve("o");
    assertEquals(0, run("sweep", f.toString(), "--out", out.toString()).code());
    String before = Files.readString(out.resolve("sweep.csv"));
    TestFiles.deleteTree(out.resolve("points/3-gpc_cores=1,os=direct,seed=2"));
    TestFiles.deleteTree(out.resolve("points/6-gpc_cores=2,os=direct,seed=1"));
    // without the two points, collect names them and fails
    Result c = run("sweep", "collect", out.toString());
    assertEquals(1, c.code());
    assertTrue(
        c.err().contains("2 of 8 points have no results: 3-gpc_cores=1,os=direct,seed=2"), c.err());
    Result again = run("sweep", f.toString(), "--out", out.toString(), "--progress");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("6 of 8 points already complete, 2 to run"), again.err());
    assertTrue(again.out().contains("8 points (2 run now, 6 already complete)"), again.out());
    assertEquals(before, Files.readString(out.resolve("sweep.csv")));
  }

  @Test
  void diffComparesTwoSweepsPointByPoint() throws IOException {
    Path f = write("s.yaml", SMALL);
    assertEquals(0, run("sweep", f.toString(), "--out", tmp.resolve("a").toString()).code());
    assertEquals(0, run("sweep", f.toString(), "--out", tmp.resolve("b").toString()).code());
    Result same = run("diff", tmp.resolve("a").toString(), tmp.resolve("b").toString());
    assertEquals(0, same.code(), same.out() + same.err());
    assertTrue(same.out().contains("8 points compared, 0 moved"), same.out());
    // the same sweep with a costlier call: every point moves
    Path g = write("t.yaml", SMALL.replace("calls_per_thread: 20", "calls_per_thread: 40"));
    assertEquals(0, run("sweep", g.toString(), "--out", tmp.resolve("c").toString()).code());
    Result moved = run("diff", tmp.resolve("a").toString(), tmp.resolve("c").toString());
    assertEquals(1, moved.code(), moved.out());
    assertTrue(moved.out().contains("8 points compared, 8 moved"), moved.out());
    assertTrue(moved.err().contains("moved: 0-gpc_cores=1,os=fusedos,seed=1"), moved.err());
  }

  @Test
  void anotherSweepInTheSameDirectoryIsRefused() throws IOException {
    Path out = tmp.resolve("o");
    assertEquals(
        0, run("sweep", write("s.yaml", SMALL).toString(), "--out", out.toString()).code());
    Path other = write("t.yaml", SMALL.replace("calls_per_thread: 20", "calls_per_thread: 21"));
    Result r = run("sweep", other.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("holds another sweep"), r.err());
    assertEquals(0, run("sweep", other.toString(), "--out", out.toString(), "--force").code());
  }

  /**
   * A sweep killed with SIGKILL half-way leaves only complete points (each appears by a rename when
   * whole), and the restarted sweep runs exactly the others.
   */
  @Test
  void aKilledSweepLeavesCompletePointsAndTheRestartRunsTheRest() throws Exception {
    Path f = write("s.yaml", SMALL.replace("seed: [1, 2]", "seed: [1, 2, 3, 4, 5]"));
    Path out = tmp.resolve("o");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of("sweep", f.toString(), "--out", out.toString(), "--progress"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("sweep: 5/20 points done")) {
          p.destroyForcibly(); // SIGKILL: no shutdown hook runs
          break;
        }
      }
    }
    p.waitFor();
    int complete = 0;
    try (Stream<Path> s = Files.list(out.resolve("points"))) {
      for (Path d : s.toList()) {
        if (d.getFileName().toString().startsWith(".")) {
          continue; // a staging directory of the killed run, removed by the next
        }
        assertTrue(Files.exists(d.resolve("results.json")), d + " is visible but incomplete");
        complete++;
      }
    }
    assertTrue(complete >= 5 && complete < 20, complete + " complete");
    Result again = run("sweep", f.toString(), "--out", out.toString(), "--progress");
    assertEquals(0, again.code(), again.err());
    assertTrue(
        again.err().contains(complete + " of 20 points already complete, " + (20 - complete)),
        again.err());
    try (Stream<Path> s = Files.list(out.resolve("points"))) {
      assertEquals(20, s.filter(d -> !d.getFileName().toString().startsWith(".")).count());
    }
  }
}
