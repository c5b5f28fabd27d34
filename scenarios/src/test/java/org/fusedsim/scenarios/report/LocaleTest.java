package org.fusedsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fusedsim.scenarios.cli.Main;
import org.fusedsim.scenarios.run.Chart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures, reports and the console render the same bytes in every locale: a German desktop ({@code
 * 2,5} for {@code 2.5}, {@code 1.000} for {@code 1,000}) changes nothing.
 */
class LocaleTest {
  @TempDir Path tmp;

  private static <T> T in(Locale locale, Callable<T> work) throws Exception {
    Locale before = Locale.getDefault();
    Locale.setDefault(locale);
    try {
      return work.call();
    } finally {
      Locale.setDefault(before);
    }
  }

  /** Ticks with decimals (0.05 steps), grouped thousands, and a log-log chart. */
  private static ImmutableList<Chart> charts() {
    double[] x = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
    double[] y = {1500, 2500, 4000, 12000, 25000, 60000};
    Chart linear =
        new Chart(
            "c",
            "decimals and thousands",
            "load (fraction)",
            "latency (ns)",
            ImmutableList.of(new Chart.Series("s", x, y)));
    double[] lx = {1, 3.2, 10, 31.6, 100};
    double[] ly = {0.001, 0.0032, 0.01, 0.0316, 0.1};
    Chart log =
        new Chart(
                "l", "log", "size (B)", "time (s)", ImmutableList.of(new Chart.Series("s", lx, ly)))
            .withLogAxes();
    return ImmutableList.of(linear, log);
  }

  @Test
  void chartsAreTheSameInAGermanLocale() throws Exception {
    for (Chart c : charts()) {
      byte[] root = in(Locale.ROOT, () -> Png.render(c));
      byte[] us = in(Locale.US, () -> Png.render(c));
      byte[] german = in(Locale.GERMANY, () -> Png.render(c));
      byte[] french = in(Locale.FRANCE, () -> Png.render(c));
      assertArrayEquals(root, us, c.name());
      assertArrayEquals(root, german, c.name());
      assertArrayEquals(root, french, c.name());
    }
  }

  /** A small scenario with a table, two figures and a summary. */
  private Path scenario() throws IOException {
    Path scenario = tmp.resolve("s.yaml");
    Files.writeString(
        scenario,
        "name: s\nkind: syscall-latency\nseed: 3\nos: fusedos,cnk\n"
            + "syscalls:\n  calls: getpid,write\n  iterations: 200\n",
        StandardCharsets.UTF_8);
    return scenario;
  }

  private Map<String, byte[]> run(Locale locale, String name) throws Exception {
    Path scenario = scenario();
    Path out = tmp.resolve(name);
    StringWriter console = new StringWriter();
    int code =
        in(
            locale,
            () ->
                Main.execute(
                    new String[] {"run", scenario.toString(), "--out", out.toString()},
                    new PrintWriter(console),
                    new PrintWriter(console)));
    assertEquals(0, code, console.toString());
    Map<String, byte[]> files = files(out);
    // the console names the directory; the rest must match
    files.put(
        "console",
        console.toString().replace(out.toString(), "OUT").getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** The files of an output directory but perf.json (wall-clock figures), by name. */
  private static Map<String, byte[]> files(Path out) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (!n.equals("perf.json")) {
          files.put(n, Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  @Test
  void aRunWritesTheSameFilesInAGermanLocale() throws Exception {
    Map<String, byte[]> root = run(Locale.ROOT, "root");
    Map<String, byte[]> german = run(Locale.GERMANY, "de");
    assertEquals(root.keySet(), german.keySet());
    for (String n : root.keySet()) {
      assertArrayEquals(root.get(n), german.get(n), n);
    }
  }

  /** Runs the CLI in a JVM of its own, started with {@code jvmOptions}. */
  private Map<String, byte[]> fork(String name, String... jvmOptions) throws Exception {
    Path scenario = scenario();
    Path out = tmp.resolve(name);
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(java.util.List.of(jvmOptions));
    cmd.addAll(
        java.util.List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            scenario.toString(),
            "--out",
            out.toString()));
    Path console = tmp.resolve(name + ".console");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    assertEquals(0, p.waitFor(), Files.readString(console));
    Map<String, byte[]> files = files(out);
    files.put(
        "console",
        Files.readString(console).replace(out.toString(), "OUT").getBytes(StandardCharsets.UTF_8));
    return files;
  }

  @Test
  void aJvmStartedInAGermanLocaleWritesTheSameFiles() throws Exception {
    Map<String, byte[]> plain = fork("plain");
    Map<String, byte[]> german = fork("german", "-Duser.language=de", "-Duser.country=DE");
    assertEquals(plain.keySet(), german.keySet());
    for (String n : plain.keySet()) {
      assertArrayEquals(plain.get(n), german.get(n), n);
    }
  }

  @Test
  void numbersInTablesUseAPoint() throws IOException, Exception {
    String human = in(Locale.GERMANY, () -> Numbers.human(2.5, 3) + " " + Numbers.format(1234.5));
    assertEquals("2.5 1234.5", human);
  }
}
