package org.fusedsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fusedsim.scenarios.load.InputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --out} directory: staged, locked, swapped into place, cleaned after a failure. */
class OutputDirTest {
  @TempDir Path tmp;

  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static Set<String> hidden(Path dir) throws IOException {
    return names(dir).stream()
        .filter(n -> n.startsWith("."))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Path oldRun() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("results.json"), "old");
    Files.writeString(out.resolve("a.csv"), "old");
    Files.writeString(out.resolve("mine.txt"), "old");
    return out;
  }

  /** The pid of a process that has ended. */
  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    Assumptions.assumeTrue(ProcessHandle.of(pid).isEmpty(), "pid reused at once");
    return pid;
  }

  @Test
  void filesAppearOnlyAtTheCommitAndNothingHiddenIsLeft() throws IOException {
    Path out = tmp.resolve("deep/out");
    try (OutputDir dir = OutputDir.prepare(out, false)) {
      assertTrue(dir.staging().getFileName().toString().startsWith(".out.staging-"));
      assertEquals(
          Set.of(".out.lock", dir.staging().getFileName().toString()), hidden(out.getParent()));
      dir.write("a.csv", "1\n");
      dir.write("results.json", "{}");
      assertFalse(Files.exists(out), "nothing at --out before the commit");
      dir.commit();
    }
    assertEquals(Set.of("a.csv", "results.json"), names(out));
    assertEquals(Set.of("out"), names(out.getParent()), "no staging, lock or temporary left");
  }

  @Test
  void forceSwapsTheWholeDirectoryAndDeletesTheOldOne() throws IOException {
    Path out = oldRun();
    try (OutputDir dir = OutputDir.prepare(out, true)) {
      dir.write("results.json", "new");
      dir.write("b.png", new byte[] {1, 2});
      assertEquals(
          "old", Files.readString(out.resolve("results.json")), "old run intact meanwhile");
      assertEquals(Set.of("a.csv", "mine.txt", "results.json"), names(out));
      dir.commit();
    }
    assertEquals(Set.of("b.png", "results.json"), names(out), "only the new run's files");
    assertEquals("new", Files.readString(out.resolve("results.json")));
    assertEquals(Set.of("out"), names(tmp));
  }

  @Test
  void aFailureMidWriteLeavesTheOldRunIntactAndNoTemporaries() throws IOException {
    Path out = oldRun();
    InputException e;
    try (OutputDir dir = OutputDir.prepare(out, true)) {
      dir.write("results.json", "new");
      // a file that cannot be written: a directory is in the way
      Files.createDirectory(dir.staging().resolve("chart.png"));
      e = assertThrows(InputException.class, () -> dir.write("chart.png", new byte[] {1}));
    }
    assertTrue(e.userMessage().startsWith("error: " + out + ":1:1: --out: cannot write chart.png"));
    assertEquals(Set.of("a.csv", "mine.txt", "results.json"), names(out));
    assertEquals("old", Files.readString(out.resolve("results.json")));
    assertEquals(Set.of("out"), names(tmp), "no staging directory or lock left");
  }

  @Test
  void anExceptionBeforeTheCommitWritesNothing() throws IOException {
    Path out = tmp.resolve("out");
    assertThrows(
        IllegalStateException.class,
        () -> {
          try (OutputDir dir = OutputDir.prepare(out, false)) {
            dir.write("results.json", "new");
            throw new IllegalStateException("the run failed");
          }
        });
    assertEquals(Set.of(), names(tmp));
  }

  @Test
  void aNonEmptyDirectoryNeedsForceAndAFileIsRefused() throws IOException {
    Path out = oldRun();
    InputException e = assertThrows(InputException.class, () -> OutputDir.prepare(out, false));
    assertEquals(
        "error: "
            + out
            + ":1:1: --out: directory exists and is not empty (add --force to replace"
            + " it)",
        e.userMessage());
    Path file = tmp.resolve("f");
    Files.writeString(file, "x");
    e = assertThrows(InputException.class, () -> OutputDir.prepare(file, true));
    assertEquals(
        "error: " + file + ":1:1: --out: expected a directory, found a file", e.userMessage());
    assertEquals(Set.of("f", "out"), names(tmp));
  }

  @Test
  void forceDoesNotDeleteTheRunsInputsOrTheCurrentDirectory() throws IOException {
    Path out = oldRun();
    Path scenario = Files.writeString(out.resolve("s.yaml"), "name: s");
    InputException e =
        assertThrows(InputException.class, () -> OutputDir.prepare(out, true, List.of(scenario)));
    assertEquals(
        "error: "
            + out
            + ":1:1: --out: holds "
            + scenario
            + ", which --force would delete with the old run",
        e.userMessage());
    for (String here : List.of(".", "..")) {
      e = assertThrows(InputException.class, () -> OutputDir.prepare(Path.of(here), true));
      assertTrue(e.getMessage().contains("holds the current directory"), e.getMessage());
    }
    assertEquals(Set.of("out"), names(tmp));
    assertTrue(Files.exists(scenario));
  }

  @Test
  void anUnwritablePlaceIsBadInputBeforeTheRun() {
    InputException e =
        assertThrows(
            InputException.class, () -> OutputDir.prepare(Path.of("/dev/full/out"), false));
    assertEquals(
        "error: /dev/full/out:1:1: --out: cannot write: /dev/full is not a directory",
        e.userMessage());
  }

  @Test
  void aSecondRunIntoTheSamePlaceIsRefusedWhileTheFirstHoldsTheLock() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputDir first = OutputDir.prepare(out, false)) {
      InputException e = assertThrows(InputException.class, () -> OutputDir.prepare(out, true));
      assertTrue(e.userMessage().startsWith("error: " + out + ":1:1: --out: another fusedsim run"));
      first.write("results.json", "first");
      first.commit();
    }
    assertEquals("first", Files.readString(out.resolve("results.json")));
    // the lock is gone with the first run: the next one may replace it
    try (OutputDir second = OutputDir.prepare(out, true)) {
      second.write("results.json", "second");
      second.commit();
    }
    assertEquals("second", Files.readString(out.resolve("results.json")));
    assertEquals(Set.of("out"), names(tmp));
  }

  @Test
  void leftoversOfKilledRunsAreRemovedAndThoseOfLiveOnesKept() throws Exception {
    Path out = oldRun();
    long dead = deadPid();
    long live = ProcessHandle.current().parent().orElseThrow().pid();
    Path staging = Files.createDirectory(tmp.resolve(".out.staging-" + dead + "-1"));
    Files.writeString(staging.resolve("results.json"), "half");
    Path old = Files.createDirectory(tmp.resolve(".out.old-" + dead + "-2"));
    Files.writeString(old.resolve("results.json"), "older");
    Files.writeString(tmp.resolve(".out.lock"), "");
    Path alive = Files.createDirectory(tmp.resolve(".out.staging-" + live + "-1"));
    Path other = Files.createDirectory(tmp.resolve(".other.staging-" + dead + "-1"));
    try (OutputDir dir = OutputDir.prepare(out, true)) {
      assertFalse(Files.exists(staging));
      assertFalse(Files.exists(old));
      assertTrue(Files.exists(alive), "a live process's staging directory is kept");
      assertTrue(Files.exists(other), "another target's leftovers are not ours to remove");
      dir.write("results.json", "new");
      dir.commit();
    }
    assertEquals("new", Files.readString(out.resolve("results.json")));
    assertEquals(
        Set.of(".other.staging-" + dead + "-1", ".out.staging-" + live + "-1", "out"), names(tmp));
  }

  @Test
  void aKillBetweenTheTwoRenamesIsUndoneByTheNextRun() throws Exception {
    Path out = tmp.resolve("out");
    long dead = deadPid();
    Path old = Files.createDirectory(tmp.resolve(".out.old-" + dead + "-7"));
    Files.writeString(old.resolve("results.json"), "old");
    InputException e = assertThrows(InputException.class, () -> OutputDir.prepare(out, false));
    assertTrue(e.getMessage().contains("not empty"), "the old run is back at its name");
    assertEquals("old", Files.readString(out.resolve("results.json")));
    assertEquals(Set.of("out"), names(tmp));
  }

  @Test
  void filesAreCreatedWithTheUmask() throws IOException {
    Path out = tmp.resolve("out");
    try (OutputDir dir = OutputDir.prepare(out, false)) {
      dir.write("results.json", "{}");
      dir.commit();
    }
    Path reference = Files.createFile(tmp.resolve("reference"));
    Set<PosixFilePermission> umask = Files.getPosixFilePermissions(reference);
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(out.resolve("results.json"));
    assertEquals(umask, perms, "as any file this process creates");
    // under the usual umask 022 that is readable by group and others, not 0600
    Assumptions.assumeTrue(umask.contains(PosixFilePermission.OTHERS_READ), "umask is not 022");
    assertTrue(
        perms.containsAll(
            List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)));
  }

  @Test
  void atomicFileIsWrittenThroughAHiddenTemporaryAndRemovedOnFailure() throws Exception {
    Path file = tmp.resolve("r/junit.xml");
    long dead = deadPid();
    Files.createDirectories(file.getParent());
    Path stale = Files.writeString(tmp.resolve("r/.junit.xml.tmp-" + dead + "-3"), "stale");
    try (AtomicFile f = AtomicFile.open(file, "--junit")) {
      assertFalse(Files.exists(stale), "a dead process's temporary is removed");
      assertEquals(1, hidden(file.getParent()).size(), "the temporary, created before any work");
      f.write("<xml/>");
      assertFalse(Files.exists(file));
      f.commit();
    }
    assertEquals("<xml/>", Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(Set.of("junit.xml"), names(file.getParent()));
    try (AtomicFile f = AtomicFile.open(file, "--junit")) {
      f.write("<half");
      // no commit: a failure before the end
    }
    assertEquals("<xml/>", Files.readString(file), "the old file is kept");
    assertEquals(Set.of("junit.xml"), names(file.getParent()), "no temporary left");
  }

  @Test
  void atomicFileRefusesWhatCannotBeWritten() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    InputException e = assertThrows(InputException.class, () -> AtomicFile.open(dir, "--junit"));
    assertEquals(
        "error: " + dir + ":1:1: --junit: is a directory, expected a file", e.userMessage());
    e =
        assertThrows(
            InputException.class, () -> AtomicFile.open(Path.of("/dev/full/x.md"), "--markdown"));
    assertEquals(
        "error: /dev/full/x.md:1:1: --markdown: cannot write: /dev/full is not a directory",
        e.userMessage());
    // a device is written in place, and its failure is bad input too
    try (AtomicFile f = AtomicFile.open(Path.of("/dev/full"), "--junit")) {
      e = assertThrows(InputException.class, () -> f.write("x".repeat(100_000)));
      assertEquals(
          "error: /dev/full:1:1: --junit: cannot write: No space left on device", e.userMessage());
    }
  }
}
