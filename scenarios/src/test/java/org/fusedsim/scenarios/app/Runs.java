package org.fusedsim.scenarios.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fusedsim.scenarios.cli.CliRun;

/** Runs a scenario text through the CLI and reads its metrics, for the app kinds' tests. */
final class Runs {
  private Runs() {}

  /** Runs {@code yaml} as {@code dir/name.yaml} with {@code extra} flags; exit 0 expected. */
  static JsonNode run(Path dir, String name, String yaml, String... extra) throws IOException {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, yaml);
    Path out = dir.resolve(name);
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = f.toString();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    CliRun.Result r = CliRun.run(args);
    assertEquals(0, r.code(), r.out() + r.err());
    return new ObjectMapper().readTree(out.resolve("results.json").toFile());
  }

  /** Returns metric {@code name} of the run of {@code personality}. */
  static double v(JsonNode results, String personality, String name) {
    for (JsonNode r : results.get("runs")) {
      if (r.get("personality").asText().equals(personality)) {
        JsonNode x = r.get("metrics").get(name);
        assertTrue(x != null, personality + ": no metric " + name);
        return x.get("value").asDouble();
      }
    }
    throw new AssertionError("no run of " + personality);
  }
}
