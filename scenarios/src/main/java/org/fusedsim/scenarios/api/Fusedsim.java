package org.fusedsim.scenarios.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fusedsim.scenarios.load.InputException;

/**
 * Entry point for running fusedsim scenarios from Java tests (depend on {@code
 * org.fusedsim:scenarios}). Load a scenario, override fields, run, read metrics:
 *
 * <pre>{@code
 * SimulationResult r =
 *     Fusedsim.scenario(Path.of("ci/getpid.yaml"))
 *         .set("phold.lookahead", "10ns")
 *         .seed(5)
 *         .replications(3)
 *         .run();
 * assertTrue(r.passed(), r.report());
 * assertTrue(r.metric("phold.delay.mean").ciHigh() < 1100);
 * }</pre>
 *
 * <p>Nothing here prints or calls {@code System.exit}; bad input throws {@link FusedsimException}
 * whose message is {@code FILE:LINE:COL: what was expected}. Runs are deterministic: the same
 * scenario and seed give the same metrics.
 */
public final class Fusedsim {
  private Fusedsim() {}

  /** Loads a scenario file (read when {@code run()} or {@code validate()} is called). */
  public static ScenarioRunner scenario(Path file) {
    return new ScenarioRunner(file, file.toString(), null);
  }

  /** Uses scenario YAML text; errors are reported against {@code <string>}. */
  public static ScenarioRunner scenarioFromString(String yaml) {
    return scenarioFromString("<string>", yaml);
  }

  /** Uses scenario YAML text; errors are reported against {@code sourceName}. */
  public static ScenarioRunner scenarioFromString(String sourceName, String yaml) {
    return new ScenarioRunner(null, sourceName, yaml);
  }

  /**
   * Uses a scenario of the built-in catalog by name, e.g. {@code catalog("regression-example")}.
   *
   * @throws FusedsimException if there is no such scenario
   */
  public static ScenarioRunner catalog(String name) {
    String resource = "catalog/" + name + ".yaml";
    try (InputStream in = Fusedsim.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new FusedsimException(name, 1, 1, "no catalog scenario named '" + name + "'");
      }
      return scenarioFromString(
          "<built-in>/" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new FusedsimException(name, 1, 1, "cannot read catalog scenario: " + e.getMessage());
    }
  }

  static FusedsimException wrap(InputException e) {
    FusedsimException f =
        new FusedsimException(
            e.location().source(), e.location().line(), e.location().column(), e.getMessage());
    f.initCause(e);
    return f;
  }
}
