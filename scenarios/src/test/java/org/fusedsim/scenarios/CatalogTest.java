package org.fusedsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fusedsim.core.FingerprintTracer;
import org.fusedsim.core.Tracer;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.regress.CheckResult;
import org.fusedsim.scenarios.regress.Checker;
import org.fusedsim.scenarios.regress.Expectations;
import org.fusedsim.scenarios.report.ResultsJson;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;
import org.fusedsim.scenarios.sweep.PointRunner;
import org.fusedsim.scenarios.sweep.Sweep;
import org.fusedsim.scenarios.sweep.SweepDir;
import org.fusedsim.scenarios.sweep.SweepResults;
import org.fusedsim.scenarios.sweep.SweepRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of the catalog is a regression test: it must validate, run, and reproduce its
 * golden {@code results.json} byte for byte apart from kernel event counts (which change with every
 * speed-up and say nothing about results), or, when its golden file is {@code NAME.error.txt}, be
 * rejected with exactly that error line. A second golden, {@code NAME.fingerprint.txt}, pins the
 * trajectory of modelled steps (time, component path, step of every trace event, in order), so a
 * change that reorders same-time steps shows even when the figures do not move. After an intended
 * change of the models, regenerate with {@code mvn verify -Dgolden.update=true} and review the diff
 * like code.
 */
class CatalogTest {
  static final Path CATALOG = Path.of("catalog");
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  /**
   * Catalog scenarios whose full size is a research run, not a build step, with the settings that
   * hold them to a regression test's size: noise-at-scale boots every node of the full Sequoia four
   * times per personality (about three quarters of an hour on two cores); its three smaller blocks
   * run here as they do in the full file (each block is a simulation of its own, with the same
   * streams), so the golden pins them and the full run adds the 98,304-node block.
   */
  static final java.util.Map<String, List<String>> REGRESSION_SIZE =
      java.util.Map.of(
          "noise-at-scale.yaml",
          List.of("noise_at_scale.blocks=nodeboard,midplane", "noise_at_scale.steps=200,60"));

  static List<org.fusedsim.scenarios.load.SetOverride> regressionSize(Path file) {
    List<String> sets = REGRESSION_SIZE.getOrDefault(file.getFileName().toString(), List.of());
    List<org.fusedsim.scenarios.load.SetOverride> out = new java.util.ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      out.add(org.fusedsim.scenarios.load.SetOverride.parse(sets.get(i), i + 1));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyCatalogScenarioMatchesItsGoldenResults() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(CATALOG)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "the catalog is empty");
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  /**
   * The same scenarios in exact mode (one event per modelled step, {@link Runner#exact}): the
   * results must equal the golden, which the default folding mode produced, apart from event
   * counts.
   */
  @TestFactory
  Stream<DynamicTest> exactModeGivesTheSameResultsOnEveryCatalogScenario() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(CATALOG)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return files.stream()
        .filter(f -> !Files.exists(GOLDEN.resolve(stem(f) + ".error.txt")))
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkExact(f)));
  }

  /** The exact mode is not a no-op: the offloaded calls' folded bursts become two events. */
  @org.junit.jupiter.api.Test
  void exactModeTakesMoreEventsWhereStepsAreFolded() throws IOException {
    Scenario s =
        new ScenarioLoader(new Components().kinds())
            .load(CATALOG.resolve("syscall-latency.yaml"), List.of());
    List<RunRecord> fast = new Runner(Tracer.OFF).run(s);
    List<RunRecord> exact = new Runner(Tracer.OFF).exact(true).run(s);
    // fusedos runs first: each of its offloaded calls has one CL burst with a mark
    long calls =
        (long) fast.get(0).output().metrics().get("syscalls.offloaded").orElseThrow().value();
    assertTrue(calls > 0);
    assertTrue(
        exact.get(0).output().events() >= fast.get(0).output().events() + calls,
        "exact " + exact.get(0).output().events() + " fast " + fast.get(0).output().events());
  }

  private static String stem(Path file) {
    return file.getFileName().toString().replaceFirst("\\.yaml$", "");
  }

  private static void checkExact(Path file) throws IOException {
    if (isSweep(file)) {
      checkSweep(file, true);
      return;
    }
    Scenario s = new ScenarioLoader(new Components().kinds()).load(file, regressionSize(file));
    List<RunRecord> runs = new Runner(Tracer.OFF).exact(true).run(s);
    String actual = withoutEventCounts(ResultsJson.render(s, "golden", runs));
    assertEquals(
        Files.readString(GOLDEN.resolve(stem(file) + ".results.json"), StandardCharsets.UTF_8),
        actual,
        "exact mode changed the results of " + file);
  }

  private static void check(Path file) throws IOException {
    String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    Path error = GOLDEN.resolve(stem + ".error.txt");
    if (Files.exists(error)) {
      expectError(file, error);
      return;
    }
    if (isSweep(file)) {
      checkSweep(file, false);
      return;
    }
    Scenario s = new ScenarioLoader(new Components().kinds()).load(file, regressionSize(file));
    assertFalse(s.description().isBlank(), file + " needs a description for `fusedsim list`");
    FingerprintTracer trajectory = new FingerprintTracer();
    List<RunRecord> runs = new Runner(trajectory).run(s);
    for (CheckResult c : Checker.check(Expectations.of(s), runs)) {
      assertTrue(c.passed(), file + ": " + c.message());
    }
    String actual = withoutEventCounts(ResultsJson.render(s, "golden", runs));
    String fingerprint = trajectory.fingerprint() + "\n";
    Path golden = GOLDEN.resolve(stem + ".results.json");
    Path steps = GOLDEN.resolve(stem + ".fingerprint.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      Files.writeString(steps, fingerprint, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(golden),
        "no golden file " + golden + "; create it with mvn verify -Dgolden.update=true");
    assertEquals(
        Files.readString(golden, StandardCharsets.UTF_8),
        actual,
        "results of " + file + " changed");
    assertEquals(
        Files.readString(steps, StandardCharsets.UTF_8),
        fingerprint,
        "the trajectory of modelled steps of " + file + " changed (same-time steps reordered?)");
  }

  private static boolean isSweep(Path file) {
    return Sweep.isSweep(
        new ScenarioLoader(new Components().kinds()),
        file.toString(),
        ScenarioLoader.readText(file));
  }

  /**
   * A sweep of the catalog is held to its merged table, {@code NAME.sweep.csv}: every point run two
   * at a time as {@code fusedsim sweep --jobs 2} does, then collected. In exact mode every point
   * takes one event per modelled step and must give the same table.
   */
  private static void checkSweep(Path file, boolean exact) throws IOException {
    Sweep sweep = Sweep.load(new ScenarioLoader(new Components().kinds()), file, List.of());
    assertFalse(sweep.description().isBlank(), file + " needs a description for `fusedsim list`");
    Path tmp = Files.createTempDirectory("catalog-sweep");
    try {
      SweepDir dir = SweepDir.prepare(tmp.resolve("out"), sweep, false, file);
      new SweepRunner(2, new PointRunner("golden", exact), null).run(dir, sweep);
      SweepResults.Collected c = SweepResults.collect(dir, sweep.kind(), false);
      assertTrue(c.missing().isEmpty(), "points without results: " + c.missing());
      String actual = Files.readString(dir.root().resolve("sweep.csv"), StandardCharsets.UTF_8);
      Path golden = GOLDEN.resolve(stem(file) + ".sweep.csv");
      if (Boolean.getBoolean("golden.update") && !exact) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertTrue(
          Files.exists(golden),
          "no golden file " + golden + "; create it with mvn verify -Dgolden.update=true");
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          actual,
          (exact ? "exact mode changed the sweep table of " : "sweep table of ")
              + file
              + " changed");
    } finally {
      TestFiles.deleteTree(tmp);
    }
  }

  /** Drops the kernel's event count of every run: a speed figure, not a result. */
  static String withoutEventCounts(String resultsJson) {
    return resultsJson.replaceAll("(?m)^\\s*\"events\" : \\d+,\\n", "");
  }

  /**
   * A catalog scenario that shows a rejected input has a golden {@code NAME.error.txt} instead: the
   * one error line the CLI prints (exit 2).
   */
  private static void expectError(Path file, Path golden) throws IOException {
    InputException e =
        assertThrows(
            InputException.class,
            () -> new ScenarioLoader(new Components().kinds()).load(file, List.of()),
            file + " has a golden error file but loads without error");
    String actual = e.userMessage() + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "error of " + file);
  }
}
