package org.fusedsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tutorial.md as a new user meets it: every {@code ./fusedsim} command of its shell blocks
 * runs as written (paths into a scratch directory), with the exit code and files the text says, and
 * the figures the text quotes hold for the runs it describes.
 */
class TutorialTest {
  private static final Path TUTORIAL = Path.of("..", "docs", "tutorial.md");

  @TempDir Path work;

  private record Result(int code, String out, String err) {}

  /** The {@code ./fusedsim} lines of the tutorial's sh blocks, in order. */
  static List<String> commands() throws IOException {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(TUTORIAL, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        in = !in && line.equals("```sh");
        continue;
      }
      if (in && line.startsWith("./fusedsim")) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Runs one command line as the CLI would, with relative outputs placed in the scratch dir. */
  private Result run(String line) {
    List<String> args = new ArrayList<>(List.of(line.split("\\s+")));
    args.remove(0); // ./fusedsim
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("scenarios/catalog/")) {
        args.set(i, a.substring("scenarios/".length())); // tests run in the module directory
      } else if (a.endsWith("/") || a.endsWith("/results.json")) {
        args.set(i, work.resolve(a).toString());
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandRunsAsWrittenAndDoesWhatTheTextSays() throws IOException {
    List<String> commands = commands();
    assertTrue(commands.size() >= 6, "commands found: " + commands);
    Map<String, Result> results = new LinkedHashMap<>();
    for (String c : commands) {
      Result r = run(c);
      results.put(c, r);
      int expected = c.startsWith("./fusedsim diff") ? 1 : 0; // "exits 1 beyond the tolerance"
      assertEquals(expected, r.code(), c + "\n" + r.out() + r.err());
    }
    // section 1: the summary of the default tour quotes these figures, per personality
    String tour = results.get("./fusedsim run").out();
    assertRow(tour, "syscall.getpid.latency.p50", "us", 4.0, 0.5, 0.9);
    assertRow(tour, "fwq.noise.cv", "1", 0.06, 0.06, 0.06);
    assertTrue(tour.contains("getpid mean") && tour.contains("trap_save"), "breakdown notes");
    // section 2: what tour/ holds
    Path dir = work.resolve("tour");
    for (String f :
        List.of("results.json", "perf.json", "report.html", "trace.json", "scenario.yaml")) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    try (var files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".csv")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".png")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".svg")), names.toString());
    }
    String trace = Files.readString(dir.resolve("trace.json"));
    assertTrue(trace.contains("\"cpu0_handler\"") && trace.contains("\"flow_out\" : true"));
    // section 3: the slower IPI moves the offloaded call, so diff reports it
    String diff = results.get("./fusedsim diff tour/results.json slow-ipi/results.json").out();
    assertTrue(diff.contains("syscall.getpid"), diff);
    // section 4: the study's merged table, and the figures the text quotes from it
    Path study = work.resolve("storm-study");
    for (String f : List.of("sweep.csv", "sweep.json", "report.html")) {
      assertTrue(Files.exists(study.resolve(f)), f);
    }
    List<String> csv = Files.readAllLines(study.resolve("sweep.csv"));
    assertEquals(17, csv.size(), "16 settings");
    int p50 = List.of(csv.get(0).split(",")).indexOf("storm.threads_48.latency.p50[ns]");
    Map<String, Double> byKey = new LinkedHashMap<>();
    for (String row : csv.subList(1, csv.size())) {
      String[] f = row.split(",");
      byKey.put(f[0] + "/" + f[1] + "/" + f[2], Double.parseDouble(f[p50]));
    }
    assertNear(98_000, byKey.get("1/cpu0/fusedos"), "one GPC core, IPIs to CPU 0");
    assertNear(52_000, byKey.get("4/cpu0/fusedos"), "four GPC cores");
    assertNear(30_000, byKey.get("4/spread/fusedos"), "four GPC cores, IPIs spread");
  }

  /** The quiet node and FWQ alone, as the text quotes them, from their approved results. */
  @Test
  void theFiguresQuotedFromOtherCatalogScenariosHold() throws IOException {
    Map<String, Double> quiet = metric("fusedos-node", "syscall.getpid.latency.p50");
    assertNear(2800, quiet.get("fusedos"), "quiet fusedos getpid");
    assertNear(130, quiet.get("cnk"), "quiet cnk getpid");
    assertNear(220, quiet.get("linux"), "quiet linux getpid");
    Map<String, Double> cv = metric("fwq", "fwq.noise.cv");
    assertEquals(0, cv.get("fusedos"));
    assertEquals(0, cv.get("cnk"));
    assertTrue(cv.get("linux") > 1e-3 && cv.get("linux") < 1e-2, "a few e-3: " + cv);
    String text = Files.readString(TUTORIAL);
    assertTrue(text.contains("2.8 us, 0.13 us and 0.22 us"), "the text quotes these");
  }

  private static Map<String, Double> metric(String scenario, String name) throws IOException {
    JsonNode root =
        new ObjectMapper()
            .readTree(Path.of("src/test/resources/golden", scenario + ".results.json").toFile());
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode r : root.get("runs")) {
      out.put(r.get("personality").asText(), r.get("metrics").get(name).get("value").asDouble());
    }
    return out;
  }

  /** Finds {@code metric unit v1 v2 v3} in a summary and checks each value within 10%. */
  private static void assertRow(String summary, String metric, String unit, double... expected) {
    for (String line : summary.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 + expected.length
          && (f[0].equals(metric) || f[0].startsWith(metric + "="))) {
        assertEquals(unit, f[1], line);
        for (int i = 0; i < expected.length; i++) {
          assertNear(expected[i], Double.parseDouble(f[2 + i]), metric + " column " + i);
        }
        return;
      }
    }
    throw new AssertionError(metric + " not in the summary:\n" + summary);
  }

  private static void assertNear(double expected, double actual, String what) {
    assertTrue(
        Math.abs(actual - expected) <= 0.1 * Math.abs(expected),
        what + ": the text says about " + expected + ", the run gives " + actual);
  }
}
