package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fusedsim.scenarios.report.OutputDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output of the CLI is all or nothing: {@code --out}, {@code --junit}, {@code --markdown},
 * {@code --emit-cst} and {@code convert --out}; an unwritable or busy place is bad input (exit 2,
 * one located line) before the run, and nothing is left behind.
 */
class OutputFilesCliTest {
  @TempDir Path tmp;

  private Path small() throws IOException {
    Path f = tmp.resolve("small.yaml");
    Files.writeString(
        f,
        "name: small\nkind: phold\nseed: 5\nphold:\n  lps: 32\n  events: 20000\n",
        StandardCharsets.UTF_8);
    return f;
  }

  private Path trace() throws IOException {
    Path p = tmp.resolve("t.strace");
    try (InputStream in = getClass().getResourceAsStream("/traces/timeout_sleep_signal.strace")) {
      Files.copy(in, p);
    }
    return p;
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void oneErrorLine(CliTest.Result r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertEquals(expected + "\n", r.err());
  }

  @Test
  void aSecondRunIsRefusedWhileAnotherHoldsTheLock() throws IOException {
    Path out = tmp.resolve("o");
    try (OutputDir running = OutputDir.prepare(out, false)) {
      CliTest.Result r = CliTest.run("run", small().toString(), "--out", out.toString(), "--force");
      assertEquals(2, r.code(), r.err());
      assertTrue(
          r.err().startsWith("error: " + out + ":1:1: --out: another fusedsim run is writing"),
          r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(Files.exists(out));
      assertFalse(Files.exists(running.path()), "the first run has not written yet");
    }
    assertEquals(0, CliTest.run("run", small().toString(), "--out", out.toString()).code());
    assertTrue(Files.exists(out.resolve("results.json")));
  }

  @Test
  void forceReplacesTheWholeDirectoryAndLeavesNothingHidden() throws IOException {
    Path out = tmp.resolve("o");
    Files.createDirectories(out);
    Files.writeString(out.resolve("results.json"), "old");
    Files.writeString(out.resolve("stale.csv"), "old");
    CliTest.Result r = CliTest.run("run", small().toString(), "--out", out.toString(), "--force");
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(out.resolve("stale.csv")), "no file of the old run is left beside");
    assertTrue(Files.readString(out.resolve("results.json")).contains("fusedsim-results/1"));
    assertEquals(Set.of("o", "small.yaml"), names(tmp), "no staging, old directory or lock left");
  }

  @Test
  void anUnwritableOutIsBadInputBeforeTheRun() throws IOException {
    oneErrorLine(
        CliTest.run("run", small().toString(), "--out", "/dev/full/o"),
        "error: /dev/full/o:1:1: --out: cannot write: /dev/full is not a directory");
    oneErrorLine(
        CliTest.run("run", small().toString(), "--out", "/dev/full"),
        "error: /dev/full:1:1: --out: expected a directory, found a file");
  }

  @Test
  void aReportThatCannotBeWrittenLeavesOutUnwrittenToo() throws IOException {
    Path out = tmp.resolve("o");
    // checked before the run
    oneErrorLine(
        CliTest.run(
            "run", small().toString(), "--out", out.toString(), "--junit", "/dev/full/j.xml"),
        "error: /dev/full/j.xml:1:1: --junit: cannot write: /dev/full is not a directory");
    assertFalse(Files.exists(out));
    // failing when written: still before --out is put in place
    oneErrorLine(
        CliTest.run(
            "run",
            small().toString(),
            "--out",
            out.toString(),
            "--markdown",
            tmp.resolve("r/m.md").toString(),
            "--junit",
            "/dev/full"),
        "error: /dev/full:1:1: --junit: cannot write: No space left on device");
    assertFalse(Files.exists(out), "--out is not written when a report fails");
    assertEquals(Set.of("small.yaml"), names(tmp), "no report, temporary or directory left");
  }

  @Test
  void reportsAreWrittenTogetherWithOut() throws IOException {
    Path out = tmp.resolve("o");
    Path junit = tmp.resolve("reports/junit.xml");
    CliTest.Result r =
        CliTest.run(
            "run", small().toString(), "--out", out.toString(), "--junit", junit.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(junit).startsWith("<?xml"));
    assertEquals(Set.of("junit.xml"), names(junit.getParent()));
    // reports inside --out are written with it
    Path o2 = tmp.resolve("o2");
    r =
        CliTest.run(
            "run",
            small().toString(),
            "--out",
            o2.toString(),
            "--junit",
            o2.resolve("junit.xml").toString(),
            "--markdown",
            o2.resolve("ci/summary.md").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(o2.resolve("junit.xml")).startsWith("<?xml"));
    assertTrue(Files.exists(o2.resolve("ci/summary.md")));
    assertTrue(Files.exists(o2.resolve("results.json")));
    assertTrue(names(o2).stream().noneMatch(n -> n.startsWith(".")), names(o2).toString());
    assertEquals(Set.of("summary.md"), names(o2.resolve("ci")));
  }

  @Test
  void convertAndEmitCstLeaveNoTemporaryAndAFullDiskIsBadInput() throws IOException {
    Path t = trace();
    Path cst = tmp.resolve("c/t.cst");
    assertEquals(0, CliTest.run("convert", t.toString(), "--out", cst.toString()).code());
    assertEquals(Set.of("t.cst"), names(cst.getParent()));
    oneErrorLine(
        CliTest.run("convert", t.toString(), "--out", "/dev/full"),
        "error: /dev/full:1:1: --out: cannot write: No space left on device");
    // a trace that is bad half way: the old file stays, no temporary
    Path bad = tmp.resolve("bad.strace");
    Files.writeString(bad, Files.readString(t) + "this is not strace\n");
    CliTest.Result r = CliTest.run("convert", bad.toString(), "--out", cst.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(Set.of("t.cst"), names(cst.getParent()));

    Path emit = tmp.resolve("e/sim.cst");
    r =
        CliTest.run(
            "replay", t.toString(), "--profile", "cnk,linux", "--emit-cst", emit.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Set.of("sim.cnk.cst", "sim.linux.cst"), names(emit.getParent()));
    Path out = tmp.resolve("r");
    r =
        CliTest.run(
            "replay",
            t.toString(),
            "--profile",
            "cnk",
            "--out",
            out.toString(),
            "--emit-cst",
            out.resolve("sim.cst").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(names(out).contains("sim.cst"), names(out).toString());
    assertTrue(names(out).contains("results.json"), names(out).toString());
    assertTrue(names(out).stream().noneMatch(n -> n.startsWith(".")), names(out).toString());
    oneErrorLine(
        CliTest.run("replay", t.toString(), "--profile", "cnk", "--emit-cst", "/dev/full/x.cst"),
        "error: /dev/full/x.cst:1:1: --emit-cst: cannot write: /dev/full is not a directory");
  }
}
