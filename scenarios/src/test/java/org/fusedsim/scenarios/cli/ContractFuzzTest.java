package org.fusedsim.scenarios.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzzing tier: the command-line contract end to end through {@link Main#execute}, on mutated
 * catalog scenarios, mutated traces and random flag combinations.
 *
 * <p>Every command must exit with a code of the contract. Exit 2 means exactly one line on stderr,
 * {@code error: FILE:LINE:COL: what was expected}, where FILE is the input or a pseudo-source
 * ({@code command-line}, {@code --set}, {@code --seed}, ...), LINE lies in the file, the line has
 * no control characters and at most {@value #MAX_ERROR_LINE} characters, and nothing was written.
 * Exit 0 prints nothing on stderr. No command may throw, print a stack trace, exit 3 or take longer
 * than {@code fusedsim.fuzz.timeout} seconds. Some mutations carry an oracle of their own when
 * applied alone: an unknown key, a duplicate key, an absurd number for a numeric parameter, an
 * unknown tag, an undefined alias and an {@code expect:} entry with an unknown metric or a bad
 * bound must be rejected; a section rewritten as a flow mapping or a quoted key must be accepted;
 * an alias may be rejected, but if it is accepted the file with the aliased value written out must
 * be accepted too.
 *
 * <p>The build runs a fixed seed and few tries. {@code -Dfusedsim.fuzz.tries=N} sets the tries of
 * the scenario property (the others scale in proportion), {@code -Dfusedsim.fuzz.seed=S} the seed
 * ({@code random} for a new one), and {@code -Dfusedsim.fuzz.collect=true} collects every distinct
 * violation with its smallest reproducer instead of stopping at the first (the {@code fuzz} profile
 * of this module sets all three). Files are written under a temporary directory per property, one
 * subdirectory per try, and deleted afterwards.
 */
@AddLifecycleHook(
    value = ContractFuzzTest.Settings.class,
    propagateTo = PropagationMode.ALL_DESCENDANTS)
class ContractFuzzTest {
  static final String SEED = "20260512";
  static final int SCENARIO_TRIES = 300;
  static final int MAX_ERROR_LINE = 1000;
  static final int LONG = 100 * 1024;
  static final long TIMEOUT_S = Long.getLong("fusedsim.fuzz.timeout", 30);
  static final boolean COLLECT = Boolean.getBoolean("fusedsim.fuzz.collect");
  static final Path CATALOG = Path.of("catalog");

  // ------------------------------------------------------------------ settings from the build

  /** Applies {@code fusedsim.fuzz.tries} and {@code fusedsim.fuzz.seed} to every property. */
  static final class Settings implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      String tries = System.getProperty("fusedsim.fuzz.tries", "").strip();
      if (!tries.isEmpty()) {
        int base = context.attributes().tries().orElse(SCENARIO_TRIES);
        long scaled = (long) Integer.parseInt(tries) * base / SCENARIO_TRIES;
        context.attributes().setTries((int) Math.max(1, Math.min(Integer.MAX_VALUE, scaled)));
      }
      String seed = System.getProperty("fusedsim.fuzz.seed", "").strip();
      if (!seed.isEmpty()) {
        context.attributes().setSeed(seed.equals("random") ? "" : seed);
        context.attributes().setAfterFailure(AfterFailureMode.RANDOM_SEED);
      }
      return property.execute();
    }
  }

  // ------------------------------------------------------------------ per-property files

  private Path root;
  private int tryNo;
  private final Map<String, String> found = new TreeMap<>();

  @BeforeProperty
  void createRoot() throws IOException {
    root = Files.createTempDirectory("fusedsim-fuzz");
  }

  @AfterProperty
  void removeRootAndReport() throws IOException {
    deleteTree(root);
    if (!found.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(found.size()).append(" distinct contract violations:\n");
      found.forEach((sig, repro) -> sb.append("\n=== ").append(sig).append('\n').append(repro));
      throw new AssertionError(sb.toString());
    }
  }

  /** A fresh directory for one try; deleted by {@link #endTry}. */
  private Path beginTry() throws IOException {
    return Files.createDirectory(root.resolve("t" + (++tryNo)));
  }

  private static void endTry(Path dir) throws IOException {
    deleteTree(dir);
  }

  private static void deleteTree(Path p) throws IOException {
    org.fusedsim.scenarios.TestFiles.deleteTree(p);
  }

  // ------------------------------------------------------------------ running the CLI

  /** What one command did. */
  record Outcome(
      List<String> args,
      int code,
      String out,
      String err,
      String systemOut,
      String systemErr,
      Throwable thrown,
      boolean timedOut,
      long millis) {}

  /**
   * Runs the CLI on a thread of its own with a time limit; what goes to System.out and System.err
   * meanwhile (a stray stack trace) is caught too.
   */
  @SuppressWarnings({"deprecation", "removal"})
  static Outcome execute(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    AtomicInteger code = new AtomicInteger(Integer.MIN_VALUE);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                code.set(
                    Main.execute(
                        args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err)));
              } catch (Throwable e) { // the contract: nothing escapes execute
                thrown.set(e);
              }
            },
            "fusedsim-fuzz");
    t.setDaemon(true);
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    long start = System.nanoTime();
    System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
    boolean timedOut;
    try {
      t.start();
      t.join(TIMEOUT_S * 1000);
      timedOut = t.isAlive();
      if (timedOut) {
        t.interrupt();
        try {
          t.stop(); // a hang must not keep a core busy for the rest of the build
        } catch (UnsupportedOperationException e) {
          // newer JDKs: the daemon thread is left to the end of the JVM
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new Outcome(
        List.copyOf(args),
        code.get(),
        out.toString(),
        err.toString(),
        sysOut.toString(StandardCharsets.UTF_8),
        sysErr.toString(StandardCharsets.UTF_8),
        thrown.get(),
        timedOut,
        ms);
  }

  // ------------------------------------------------------------------ the contract

  private static final Pattern ERROR_LINE =
      Pattern.compile("error: (.+?):(\\d+):(\\d+): (.+)", Pattern.DOTALL);
  private static final Pattern PSEUDO = Pattern.compile("command-line|--[a-z][a-z-]*");
  private static final Pattern STACK =
      Pattern.compile(
          "(?m)^\\s+at [\\w$.]+\\(|Exception\\b|OutOfMemoryError|StackOverflowError|ThreadDeath"
              + "|\\.java:\\d+\\)");

  /**
   * What a command may do and what its inputs were; {@code lines} is how many error lines exit 2
   * may print (one, or one per file for {@code validate} of several files).
   */
  record Expect(
      Set<Integer> codes, List<Path> inputs, Path outDir, Path outFile, Path tryDir, int lines) {
    Expect(Set<Integer> codes, List<Path> inputs, Path outDir, Path outFile, Path tryDir) {
      this(codes, inputs, outDir, outFile, tryDir, 1);
    }
  }

  /**
   * The violations of the contract by one outcome, each a short signature (for grouping) and
   * nothing when the outcome keeps the contract.
   */
  static List<String> violations(Outcome o, Expect e, Set<String> before) throws IOException {
    List<String> v = new ArrayList<>();
    String firstErr = firstLine(o.err() + o.systemErr());
    if (o.timedOut()) {
      v.add("no answer within " + TIMEOUT_S + " s");
      return v;
    }
    if (o.thrown() != null) {
      v.add("execute threw " + o.thrown().getClass().getName());
      return v;
    }
    if (!e.codes().contains(o.code())) {
      v.add("exit " + o.code() + ": " + normalise(firstErr, e));
    }
    if (o.code() != ExitCodes.INTERNAL
        && (STACK.matcher(o.err()).find() || STACK.matcher(o.systemErr()).find())) {
      v.add("exception text on stderr: " + normalise(firstErr, e));
    }
    if (Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|OutOfMemoryError|StackOverflowError")
        .matcher(o.out() + o.systemOut())
        .find()) {
      v.add("exception text on stdout");
    }
    if (!o.systemErr().isEmpty()) {
      v.add("wrote to System.err directly: " + normalise(firstLine(o.systemErr()), e));
    }
    if (o.code() == ExitCodes.BAD_INPUT) {
      String err = o.err();
      List<String> lines = err.lines().toList();
      if (!err.endsWith("\n") || lines.isEmpty() || lines.size() > e.lines()) {
        String second = lines.size() > 1 ? lines.get(1) : "";
        v.add(
            "exit 2 with "
                + (!err.endsWith("\n") ? "no line end" : "more than one line")
                + " on stderr, the second: "
                + normalise(second, e));
      }
      for (String line : e.lines() == 1 ? List.of(firstLine(err)) : lines) {
        checkErrorLine(line, e, o.args(), v);
      }
      Set<String> after = snapshot(e.tryDir());
      if (e.outDir() != null && Files.isDirectory(e.outDir())) {
        try (Stream<Path> s = Files.list(e.outDir())) {
          if (s.findAny().isPresent()) {
            v.add("exit 2 but files in --out");
          }
        }
        after.remove(e.tryDir().relativize(e.outDir()).toString());
      }
      if (!after.equals(before) && !v.contains("exit 2 but files in --out")) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        v.add("exit 2 but wrote " + added.size() + " file(s)");
      }
    } else if (o.code() == ExitCodes.OK && !o.err().isEmpty()) {
      v.add("exit 0 with stderr: " + normalise(firstErr, e));
    }
    if ((o.code() == ExitCodes.OK || o.code() == ExitCodes.CHECK_FAILED)
        && e.codes().contains(o.code())
        && e.outDir() != null
        && !Files.isRegularFile(e.outDir().resolve("results.json"))) {
      v.add("exit " + o.code() + " without results.json");
    }
    if (o.code() == ExitCodes.OK
        && e.codes().contains(o.code())
        && e.outFile() != null
        && !Files.isRegularFile(e.outFile())) {
      v.add("exit 0 without the output file");
    }
    return v;
  }

  /** One {@code error: FILE:LINE:COL: ...} line: its form, location, characters and length. */
  private static void checkErrorLine(String line, Expect e, List<String> args, List<String> v)
      throws IOException {
    Matcher m = ERROR_LINE.matcher(line);
    if (!m.matches()) {
      v.add("exit 2 without error: FILE:LINE:COL: " + normalise(line, e));
    } else {
      checkLocation(m, e, args, v);
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        v.add(
            String.format(
                Locale.ROOT,
                "control character U+%04X in the error line: %s",
                (int) c,
                normalise(line, e)));
        break;
      }
    }
    if (line.length() > MAX_ERROR_LINE) {
      v.add("error line longer than " + MAX_ERROR_LINE + " characters: " + normalise(line, e));
    }
  }

  private static void checkLocation(Matcher m, Expect e, List<String> args, List<String> v)
      throws IOException {
    String file = m.group(1);
    long line;
    long col;
    try {
      line = Long.parseLong(m.group(2));
      col = Long.parseLong(m.group(3));
    } catch (NumberFormatException x) {
      v.add("error location out of range");
      return;
    }
    if (line < 1 || col < 1) {
      v.add("error location " + line + ":" + col + " before the start");
    }
    Path source = null;
    for (Path p : e.inputs()) {
      if (p.toString().equals(file)) {
        source = p;
      }
    }
    if (source == null) {
      // an argument with control characters is named with them escaped
      boolean named =
          args.contains(file)
              || args.stream()
                  .anyMatch(a -> org.fusedsim.scenarios.load.Messages.oneLine(a).equals(file));
      if (!PSEUDO.matcher(file).matches() && !named) {
        v.add("error names neither an input nor a flag: " + normalise(m.group(), e));
      }
      return;
    }
    if (Files.isRegularFile(source)) {
      // a line ends at LF; YAML also ends one at a lone CR: the larger count is the bound
      byte[] b = Files.readAllBytes(source);
      long lf = 1;
      long any = 1;
      for (int i = 0; i < b.length; i++) {
        if (b[i] == '\n') {
          lf++;
        }
        if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n'))) {
          any++;
        }
      }
      long lines = Math.max(lf, any);
      if (line > lines) {
        v.add("error line " + line + " past the end of a file of " + lines + " lines");
      }
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The error line without what varies between reproducers of one cause. */
  static String normalise(String line, Expect e) {
    String s = line;
    for (Path p : e.inputs()) {
      s = s.replace(p.toString(), "FILE");
    }
    if (e.tryDir() != null) {
      s = s.replace(e.tryDir().toString(), "DIR");
    }
    s = s.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    s = s.replaceAll("[0-9]+", "N");
    s = escape(s);
    return s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }

  /** Files under a directory, relative to it. */
  static Set<String> snapshot(Path dir) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
    }
    return names;
  }

  /** Runs a command, checks it and fails (or collects) on a violation. */
  private Outcome check(String what, String content, Expect e, String... args) throws IOException {
    Set<String> before = snapshot(e.tryDir());
    Outcome o = execute(List.of(args));
    List<String> v = violations(o, e, before);
    for (String x : v) {
      report(what, x, o, content);
    }
    return o;
  }

  /** Records a violation: fails at once, or keeps the smallest reproducer of its signature. */
  private void report(String what, String violation, Outcome o, String content) {
    String sig = what + ": " + violation;
    String repro = reproducer(o, content);
    if (!COLLECT) {
      throw new AssertionError(sig + "\n" + repro);
    }
    String old = found.get(sig);
    if (old == null || repro.length() < old.length()) {
      found.put(sig, repro);
    }
    SEEN.merge(sig, repro, (a, b) -> a.length() <= b.length() ? a : b);
  }

  /** Every violation of this JVM across properties, for the log of a long run. */
  static final Map<String, String> SEEN = new ConcurrentSkipListMap<>();

  static String reproducer(Outcome o, String content) {
    StringBuilder sb = new StringBuilder();
    sb.append("command: fusedsim");
    for (String a : o.args()) {
      sb.append(' ').append(shellQuote(a));
    }
    sb.append("\nexit: ").append(o.timedOut() ? "none (timed out)" : o.code());
    if (o.thrown() != null) {
      sb.append("\nthrown: ").append(o.thrown());
    }
    sb.append("\nstderr: ").append(cap(escape(o.err() + o.systemErr()), 600));
    if (content != null) {
      sb.append("\ninput (").append(content.length()).append(" bytes, Java escapes):\n");
      sb.append(cap(escape(content).replace("\\n", "\\n\n"), 4000));
    }
    return sb.append('\n').toString();
  }

  private static String shellQuote(String a) {
    return a.matches("[A-Za-z0-9_./=,:+-]+") ? a : "'" + escape(a).replace("'", "'\\''") + "'";
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
  }

  /** Java escapes for everything outside printable ASCII (and for backslash). */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ mutations

  /** What a mutation does; its integers pick lines, positions and pool entries. */
  enum Op {
    DELETE,
    DUPLICATE,
    SWAP,
    INDENT,
    VALUE,
    KEY,
    INSERT,
    EXPECT,
    FLOW,
    ALIAS,
    GARBAGE,
    TRUNCATE,
    CRLF,
    PARAM,
    FIELD,
    ATTR,
    CALL,
    HEADER
  }

  record Mutation(Op op, int a, int b, int c) {
    @Override
    public String toString() {
      return op + "(" + a + "," + b + "," + c + ")";
    }
  }

  /** What a lone mutation implies, beyond the general contract. */
  enum Oracle {
    NONE,
    REJECT,
    ACCEPT,
    ALIAS
  }

  /** A mutated file: its text (one char per byte), its oracle and, for ALIAS, the expanded text. */
  record Mutated(String text, Oracle oracle, String expanded, String note) {}

  /** Values put in place of a scenario value, with whether a numeric parameter must reject it. */
  record Value(String text, boolean absurd, boolean cheap) {}

  static final List<Value> VALUES =
      List.of(
          new Value("1e100000000us", true, false),
          new Value("1e100000000", true, false),
          new Value("-1e100000000ns", true, false),
          new Value("99999999999999999999", true, false),
          new Value("99999999999999999999us", true, false),
          new Value("9223372036854775808", true, false),
          new Value("1e309", true, true),
          new Value("-1e309", true, true),
          new Value("1e309us", true, true),
          new Value("1e-400ns", false, true),
          new Value("-1", true, true),
          new Value("-5us", true, true),
          new Value("-0", false, true),
          new Value("0", false, true),
          new Value("0us", false, true),
          new Value(".nan", true, true),
          new Value("NaN", true, true),
          new Value("NaNus", true, true),
          new Value(".inf", true, true),
          new Value("-.inf", true, true),
          new Value("Infinity", true, true),
          new Value("12parsecs", true, true),
          new Value("12 parsecs", true, true),
          new Value("1 us", false, true),
          new Value("us", true, true),
          new Value("1e3", false, true),
          new Value("0x10", false, true),
          new Value("1_000", false, true),
          new Value("+7", false, true),
          new Value("07", false, true),
          new Value("1.5", false, true),
          new Value("true", true, true),
          new Value("", false, true),
          new Value("''", false, true),
          new Value("\"\"", false, true),
          new Value("~", false, true),
          new Value("null", false, true),
          new Value("x".repeat(LONG), true, false),
          new Value("9".repeat(LONG) + "us", true, false),
          new Value("\"" + "\\u001b[2J".repeat(LONG / 10) + "\"", true, false),
          new Value("\u001b[31mred\u001b[0m", true, true),
          new Value("\"\\e[31mred\\e[0m\"", true, true),
          new Value("\"\\u001b]0;title\\u0007\"", true, true),
          new Value("\"\\0\"", true, true),
          new Value("a\u007fb", true, true),
          new Value("\u00e9t\u00e9", true, true),
          new Value("&a 5", false, true),
          new Value("*a", false, true),
          new Value("*undefined", true, true),
          new Value("!!str 5", false, true),
          new Value("!!int 5", false, true),
          new Value("!!float .inf", true, true),
          new Value("!!binary AAAA", true, true),
          new Value("!foo 5", true, true),
          new Value("!<tag:example.com,2000:x> 5", true, true),
          new Value("{a: 1}", true, true),
          new Value("{}", true, true),
          new Value("[]", true, true),
          new Value("[1, 2]", true, true),
          new Value("{", true, true),
          new Value("[", true, true),
          new Value("\"unterminated", true, true),
          new Value("'", true, true),
          new Value("}", true, true),
          new Value("- 1", true, true),
          new Value("a: b", true, true),
          new Value("|", false, true),
          new Value(">-", false, true),
          new Value("<<", true, true),
          new Value("7B", false, true),
          new Value("65536TiB", true, true),
          new Value("fusedos,cnk,linux,bogus", true, true),
          new Value("fusedos,fusedos", false, true),
          new Value("4MiB", false, true),
          new Value("1e3us", false, true));

  /** Must an unknown tag or undefined alias be rejected, wherever it is. */
  static boolean rejectedAnywhere(Value v) {
    return v.text().startsWith("!foo")
        || v.text().startsWith("!<")
        || v.text().equals("*undefined");
  }

  static final List<String> KEYS =
      List.of(
          "frobnicate",
          "UPPER",
          "SUFFIX",
          "x".repeat(LONG),
          "k\u001b[2Jey",
          "",
          "<<",
          "QUOTED",
          "?");

  static final List<String> INSERTS =
      List.of(
          "frobnicate: 1",
          "frobnicate: {a: 1}",
          "frobnicate: &a 1",
          "frobnicate:",
          "x: *undefined",
          "- 1",
          "---",
          "...",
          "%YAML 1.2",
          "%TAG ! tag:example.com,2000:",
          "? complex",
          "<<: {lps: 1}",
          "# comment \u001b[2J",
          "",
          "\t",
          "&a",
          "*a",
          "!!map",
          "{",
          "[",
          "'",
          "\"",
          "\u001b[2J\u001b[H",
          "key: \"\\x1b\\x07\"",
          "\ufeff");

  /** An expect entry: metric name and bound, and whether it is sure to be rejected. */
  record Check(String text, Boolean valid) {}

  static final List<String> METRICS =
      List.of(
          "KIND", // a metric of the scenario's own results (golden results.json)
          "KIND",
          "phold.delay.p50",
          "no.such.metric",
          "phold.delay.p50.x",
          "",
          "m".repeat(LONG));

  /** The metrics of a catalog scenario, from its golden results.json (none for a rejected one). */
  static List<String> goldenMetrics(String catalogName) {
    String res = "/golden/" + catalogName.replace(".yaml", ".results.json");
    try (InputStream in = ContractFuzzTest.class.getResourceAsStream(res)) {
      if (in == null) {
        return List.of();
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Set<String> names = new TreeSet<>();
      Matcher m = Pattern.compile("\"([a-z_][a-z_.0-9]*)\" : \\{\\s*\"value\"").matcher(json);
      while (m.find()) {
        names.add(m.group(1));
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final List<Check> CHECKS =
      List.of(
          new Check("{max: 720ns}", true),
          new Check("{max: 1e309}", false),
          new Check("{max: 1e309ns}", false),
          new Check("{max: 12parsecs}", false),
          new Check("{max: .inf}", false),
          new Check("{max: .nan}", false),
          new Check("{min: -1e309}", false),
          new Check("{within: 2%, of: 1e309ns}", false),
          new Check("{within: -5%, of: 1us}", false),
          new Check("{within: 1e309%, of: 1us}", false),
          new Check("{within: 2 parsecs, of: 1us}", false),
          new Check("{within: 2%}", false),
          new Check("{of: 1us}", false),
          new Check("{frob: 1}", false),
          new Check("{max: 1e100000000us}", false),
          new Check("{max: 99999999999999999999ns}", false),
          new Check("{max: 720ns, max: 1us}", false),
          new Check("{max: *undefined}", false),
          new Check("{max: !foo 1us}", false),
          new Check("{max: ''}", false),
          new Check("5", false),
          new Check("[1, 2]", false),
          new Check("{}", null),
          new Check("{max: 720}", null),
          new Check("{max: \"\\e[2J\"}", false));

  static final List<String> ANCHORED = List.of("ORIGINAL", "{x: 1}", "[1, 2]", "SECTION");

  static final String GARBAGE_BYTES =
      "\u0000\u001b\u007f\u0080\u00c0\u00ff\u00fe\u00ef\u00bb\u00bf\r\t\"'{[:&*!%@`|>#\u0085";

  private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([^\\s#:][^:#]*?):(\\s.*|)$");
  private static final Pattern NUMERIC =
      Pattern.compile("[0-9][0-9.]*(e[0-9]+)? ?[A-Za-z/]*( ?[A-Za-z/]+)?");
  private static final Pattern SECTION = Pattern.compile("^([a-z_]+):\\s*$");

  static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\n", -1)));
  }

  /**
   * The mutations scenarios and traces share, which work on the text as bytes: garbage inserted,
   * the text cut short, CR line ends from some line on.
   */
  static List<String> textMutation(Mutation m, String text, List<String> ls) {
    int n = ls.size();
    switch (m.op()) {
      case GARBAGE -> {
        int pos = Math.floorMod(m.a(), text.length() + 1);
        int len = Math.floorMod(m.c(), 16) + 1;
        StringBuilder g = new StringBuilder();
        for (int k = 0; k < len; k++) {
          g.append(
              (m.c() & 16) == 0
                  ? GARBAGE_BYTES.charAt(Math.floorMod(m.b() + k * 7, GARBAGE_BYTES.length()))
                  : (char) ((m.b() + k * 31) & 0xff));
        }
        return lines(text.substring(0, pos) + g + text.substring(pos));
      }
      case TRUNCATE -> {
        return lines(text.substring(0, Math.floorMod(m.a(), text.length() + 1)));
      }
      case CRLF -> {
        List<String> out = new ArrayList<>(ls);
        for (int k = Math.floorMod(m.a(), n); k < n - 1; k++) {
          out.set(k, out.get(k) + "\r");
        }
        return out;
      }
      default -> throw new IllegalStateException("not a text mutation: " + m.op());
    }
  }

  static String join(List<String> lines) {
    return String.join("\n", lines);
  }

  static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** Which lines are the body of a block scalar ({@code key: >-}) and so hold no keys. */
  static boolean[] inBlockScalar(List<String> ls) {
    boolean[] in = new boolean[ls.size()];
    int scalarIndent = -1;
    for (int i = 0; i < ls.size(); i++) {
      String l = ls.get(i);
      if (scalarIndent >= 0 && (l.isBlank() || indent(l) > scalarIndent)) {
        in[i] = true;
        continue;
      }
      scalarIndent = -1;
      Matcher m = KEY_LINE.matcher(l);
      if (m.matches() && m.group(3).strip().matches("[>|][-+]?")) {
        scalarIndent = indent(l);
      }
    }
    return in;
  }

  /** Indexes of {@code key: value} lines outside block scalars and comments. */
  static List<Integer> keyLines(List<String> ls) {
    boolean[] in = inBlockScalar(ls);
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < ls.size(); i++) {
      if (!in[i] && KEY_LINE.matcher(ls.get(i)).matches()) {
        idx.add(i);
      }
    }
    return idx;
  }

  /** The UTF-8 bytes of a string as one char per byte. */
  static String bytes(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * A section ({@code name:} at the left margin with simple {@code key: value} children) as a flow
   * mapping, or null when it has anything else.
   */
  static Tuple.Tuple2<Integer, String> flow(List<String> ls, int header) {
    Matcher h = SECTION.matcher(ls.get(header));
    if (!h.matches()) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    int i = header + 1;
    for (; i < ls.size(); i++) {
      String l = ls.get(i);
      if (l.isBlank() || indent(l) == 0) {
        break;
      }
      Matcher m = KEY_LINE.matcher(l);
      String value = m.matches() ? m.group(3).strip() : "";
      if (!m.matches()
          || indent(l) != 2
          || value.isEmpty()
          || value.matches("[>|&*!].*")
          || (value.matches(".*[,\\[\\]{}].*") && !value.matches("[\\[{].*"))) {
        return null;
      }
      entries.add(m.group(2) + ": " + value);
    }
    if (entries.isEmpty()) {
      return null;
    }
    return Tuple.of(i, "{" + String.join(", ", entries) + "}");
  }

  /** The section headers that {@link #flow} can rewrite. */
  static List<Integer> flowable(List<String> ls) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < ls.size(); i++) {
      if (flow(ls, i) != null) {
        idx.add(i);
      }
    }
    return idx;
  }

  /**
   * Applies scenario mutations. With {@code cheap}, values that could make a run long (huge
   * numbers, long strings) are not used.
   */
  static Mutated mutateScenario(
      String original, List<Mutation> ms, String kind, List<String> metrics, boolean cheap) {
    String text = original;
    Oracle oracle = Oracle.NONE;
    String expanded = null;
    String claim = "";
    List<Value> values = cheap ? VALUES.stream().filter(Value::cheap).toList() : VALUES;
    for (Mutation m : ms) {
      List<String> ls = lines(text);
      int n = ls.size();
      Oracle o = Oracle.NONE;
      String exp = null;
      String why = m.toString();
      switch (m.op()) {
        case DELETE -> ls.remove(Math.floorMod(m.a(), n));
        case DUPLICATE -> {
          int i = Math.floorMod(m.a(), n);
          boolean key = keyLines(ls).contains(i);
          ls.add(i, ls.get(i));
          o = key ? Oracle.REJECT : Oracle.NONE;
          why = "a duplicate key";
        }
        case SWAP -> {
          int i = Math.floorMod(m.a(), n);
          int j = Math.floorMod(m.b(), n);
          String t = ls.get(i);
          ls.set(i, ls.get(j));
          ls.set(j, t);
        }
        case INDENT -> {
          int i = Math.floorMod(m.a(), n);
          String l = ls.get(i);
          String s = l.stripLeading();
          int ind = indent(l);
          ls.set(
              i,
              switch (Math.floorMod(m.b(), 7)) {
                case 0 -> " " + l;
                case 1 -> "  " + l;
                case 2 -> "    " + l;
                case 3 -> l.substring(Math.min(1, ind));
                case 4 -> l.substring(Math.min(2, ind));
                case 5 -> "\t" + s;
                default -> s;
              });
        }
        case VALUE -> {
          List<Integer> keys = keyLines(ls);
          if (keys.isEmpty()) {
            break;
          }
          int i = keys.get(Math.floorMod(m.a(), keys.size()));
          Matcher km = KEY_LINE.matcher(ls.get(i));
          km.matches();
          String oldValue = km.group(3).strip();
          Value v = values.get(Math.floorMod(m.b(), values.size()));
          ls.set(
              i,
              km.group(1) + km.group(2) + ":" + (v.text().isEmpty() ? "" : " " + bytes(v.text())));
          boolean numeric = NUMERIC.matcher(oldValue).matches();
          o = rejectedAnywhere(v) || (numeric && v.absurd()) ? Oracle.REJECT : Oracle.NONE;
          why =
              (rejectedAnywhere(v) ? "the value " : "the numeric value ")
                  + cap(escape(v.text()), 24);
        }
        case KEY -> {
          List<Integer> keys = keyLines(ls);
          if (keys.isEmpty()) {
            break;
          }
          int i = keys.get(Math.floorMod(m.a(), keys.size()));
          Matcher km = KEY_LINE.matcher(ls.get(i));
          km.matches();
          String key = km.group(2);
          String k = KEYS.get(Math.floorMod(m.b(), KEYS.size()));
          String newKey =
              switch (k) {
                case "UPPER" -> key.toUpperCase(Locale.ROOT);
                case "SUFFIX" -> key + "_x";
                case "QUOTED" -> "\"" + key + "\"";
                case "?" -> "? " + key + "\n" + km.group(1);
                default -> bytes(k);
              };
          ls.set(i, km.group(1) + newKey + ":" + km.group(3));
          why = k.equals("QUOTED") ? "a quoted key" : "an unknown key " + cap(escape(k), 20);
          if (k.equals("QUOTED")) {
            o = Oracle.ACCEPT;
          } else if (!k.equals("<<") && !k.equals("?") && !k.isEmpty() && !newKey.equals(key)) {
            o = Oracle.REJECT;
          }
        }
        case INSERT -> {
          int i = Math.floorMod(m.a(), n + 1);
          String ins = INSERTS.get(Math.floorMod(m.b(), INSERTS.size()));
          boolean[] in = inBlockScalar(ls);
          String prefix =
              i < n && !in[i] && KEY_LINE.matcher(ls.get(i)).matches()
                  ? " ".repeat(indent(ls.get(i)))
                  : "";
          ls.add(i, prefix + bytes(ins));
          o =
              ins.startsWith("frobnicate") || ins.startsWith("x: *undefined")
                  ? Oracle.REJECT
                  : Oracle.NONE;
          why = "the inserted line " + cap(escape(ins), 24);
        }
        case EXPECT -> {
          String metric = METRICS.get(Math.floorMod(m.a(), METRICS.size()));
          boolean own = metric.equals("KIND") && !metrics.isEmpty();
          if (metric.equals("KIND")) {
            metric = own ? metrics.get(Math.floorMod(m.c(), metrics.size())) : "phold.delay.p50";
          }
          Check c = CHECKS.get(Math.floorMod(m.b(), CHECKS.size()));
          String entry = "  " + metric + ": " + bytes(c.text());
          int at = -1;
          for (int i = 0; i < n; i++) {
            if (ls.get(i).startsWith("expect:")) {
              at = i;
            }
          }
          if (at >= 0) {
            ls.add(at + 1, entry);
          } else {
            if (!ls.isEmpty() && ls.get(n - 1).isEmpty()) {
              ls.remove(n - 1);
            }
            ls.add("expect:");
            ls.add(entry);
            ls.add("");
          }
          boolean p50 = metric.equals("phold.delay.p50") && kind.equals("phold");
          boolean known = own || p50;
          why =
              known
                  ? "expect: the bound " + escape(c.text())
                  : "expect: a metric the kind does not have";
          if (!known || Boolean.FALSE.equals(c.valid())) {
            o = Oracle.REJECT;
          } else if (p50 && Boolean.TRUE.equals(c.valid()) && at < 0) {
            o = Oracle.ACCEPT;
          }
        }
        case FLOW -> {
          List<Integer> secs = flowable(ls);
          if (secs.isEmpty()) {
            break;
          }
          int h = secs.get(Math.floorMod(m.a(), secs.size()));
          Tuple.Tuple2<Integer, String> f = flow(ls, h);
          Matcher sm = SECTION.matcher(ls.get(h));
          sm.matches();
          ls.subList(h, f.get1()).clear();
          ls.add(h, sm.group(1) + ": " + f.get2());
          o = Oracle.ACCEPT;
          why = "a section as a flow mapping";
        }
        case ALIAS -> {
          List<Integer> keys = keyLines(ls);
          if (keys.size() < 2) {
            break;
          }
          String anchored = ANCHORED.get(Math.floorMod(m.c(), ANCHORED.size()));
          int i;
          String value;
          if (anchored.equals("SECTION")) {
            List<Integer> secs = flowable(ls);
            if (secs.isEmpty()) {
              break;
            }
            i = secs.get(Math.floorMod(m.a(), secs.size()));
            value = flow(ls, i).get2();
            ls.set(i, ls.get(i).stripTrailing() + " &a");
          } else {
            i = keys.get(Math.floorMod(m.a(), keys.size()));
            Matcher km = KEY_LINE.matcher(ls.get(i));
            km.matches();
            value = anchored.equals("ORIGINAL") ? km.group(3).strip() : anchored;
            if (value.isEmpty() || value.matches("[>|&*!].*")) {
              break;
            }
            ls.set(i, km.group(1) + km.group(2) + ": &a " + value);
          }
          List<Integer> others = new ArrayList<>(keys);
          others.remove(Integer.valueOf(i));
          if (others.isEmpty()) {
            break;
          }
          int j = others.get(Math.floorMod(m.b(), others.size()));
          Matcher jm = KEY_LINE.matcher(ls.get(j));
          jm.matches();
          if (SECTION.matcher(ls.get(j)).matches()) {
            break; // an alias in place of a whole section: no oracle, and no change
          }
          ls.set(j, jm.group(1) + jm.group(2) + ": *a");
          why = "an alias of " + (anchored.equals("SECTION") ? "a section" : "a value");
          if (j < i) {
            o = Oracle.REJECT; // an alias before its anchor is undefined
            why = "an alias before its anchor";
          } else {
            List<String> ex = new ArrayList<>(ls);
            String anchorLine = ex.get(i);
            ex.set(i, anchorLine.replace(" &a", ""));
            if (anchored.equals("SECTION")) {
              ex.set(i, ex.get(i).stripTrailing());
            }
            ex.set(j, jm.group(1) + jm.group(2) + ": " + value);
            exp = join(ex);
            o = Oracle.ALIAS;
          }
        }
        case PARAM -> {
          Param p = PARAMS.get(Math.floorMod(m.a(), PARAMS.size()));
          List<String> choices = new ArrayList<>(p.edges());
          for (Value v : values) {
            choices.add(v.text());
          }
          String value = choices.get(Math.floorMod(m.b(), choices.size()));
          String line = p.name() + ":" + (value.isEmpty() ? "" : " " + bytes(value));
          int at = -1;
          for (int i = 0; i < n; i++) {
            if (ls.get(i).equals(p.section() + ":")) {
              at = i;
            }
          }
          if (p.section().equals("scenario")) {
            ls.add(Math.min(n, Math.max(0, n - 1)), line);
          } else if (at >= 0) {
            ls.add(at + 1, "  " + line);
          } else {
            if (ls.get(n - 1).isEmpty()) {
              ls.remove(n - 1);
            }
            ls.add(p.section() + ":");
            ls.add("  " + line);
            ls.add("");
          }
          boolean absurd =
              values.stream().anyMatch(v -> v.text().equals(value) && v.absurd())
                  && !p.type().equals("text");
          boolean anywhere =
              values.stream().anyMatch(v -> v.text().equals(value) && rejectedAnywhere(v));
          o = absurd || anywhere ? Oracle.REJECT : Oracle.NONE;
          why = "the " + p.type() + " parameter value " + cap(escape(value), 24);
        }
        case GARBAGE, TRUNCATE, CRLF -> ls = textMutation(m, text, ls);
        default -> throw new IllegalStateException("not a scenario mutation: " + m.op());
      }
      text = join(ls);
      oracle = ms.size() == 1 ? o : Oracle.NONE;
      expanded = ms.size() == 1 ? exp : null;
      claim = why;
    }
    return new Mutated(text, oracle, expanded, claim);
  }

  @Provide
  Arbitrary<List<Mutation>> scenarioMutations() {
    return mutations(
            Arbitraries.frequency(
                Tuple.of(3, Op.DELETE),
                Tuple.of(3, Op.DUPLICATE),
                Tuple.of(2, Op.SWAP),
                Tuple.of(3, Op.INDENT),
                Tuple.of(10, Op.VALUE),
                Tuple.of(3, Op.KEY),
                Tuple.of(4, Op.INSERT),
                Tuple.of(5, Op.EXPECT),
                Tuple.of(2, Op.FLOW),
                Tuple.of(3, Op.ALIAS),
                Tuple.of(3, Op.GARBAGE),
                Tuple.of(2, Op.TRUNCATE),
                Tuple.of(1, Op.CRLF),
                Tuple.of(6, Op.PARAM)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  private static Arbitrary<Mutation> mutations(Arbitrary<Op> ops) {
    Arbitrary<Integer> any = Arbitraries.integers().between(0, 1 << 20);
    return Combinators.combine(ops, any, any, any).as(Mutation::new);
  }

  /** A model parameter of docs/parameters.md: section, name, type, and its default and bounds. */
  record Param(String section, String name, String type, List<String> edges) {}

  /** Every parameter of docs/parameters.md (generated from the declarations). */
  static final List<Param> PARAMS = params();

  static List<Param> params() {
    List<Param> out = new ArrayList<>();
    String section = null;
    Pattern row =
        Pattern.compile("\\| `([a-z_0-9]+)` \\| ([a-z]+) \\| [^|]* \\| ([^|]*) \\| ([^|]*) \\|.*");
    for (String l : read(Path.of("..", "docs", "parameters.md")).split("\n")) {
      if (l.startsWith("## `")) {
        section = l.substring(4, l.indexOf('`', 4));
        continue;
      }
      Matcher m = row.matcher(l);
      if (section != null && m.matches()) {
        List<String> edges = new ArrayList<>();
        String def = m.group(3).strip();
        if (!def.startsWith("(") && !def.equals("-")) {
          edges.add(def);
        }
        String range = m.group(4).strip();
        if (range.startsWith("[") && range.contains(", ")) {
          edges.add(range.substring(1, range.indexOf(", ")));
          edges.add(range.substring(range.indexOf(", ") + 2, range.length() - 1));
        }
        out.add(new Param(section, m.group(1), m.group(2), List.copyOf(edges)));
      }
    }
    if (out.size() < 50) {
      throw new IllegalStateException("docs/parameters.md: only " + out.size() + " parameters");
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ the catalog

  static List<String> catalog() {
    try (Stream<Path> s = Files.list(CATALOG)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String kindOf(String text) {
    Matcher m = Pattern.compile("(?m)^kind: (\\S+)").matcher(text);
    return m.find() ? m.group(1) : "";
  }

  /** Exit code of {@code validate} on each unmodified catalog file. */
  static final Map<String, Integer> ORIGINAL_CODES = new ConcurrentSkipListMap<>();

  private int originalCode(String name, Path dir) throws IOException {
    Integer c = ORIGINAL_CODES.get(name);
    if (c == null) {
      Path f = dir.resolve("original-" + name);
      Files.copy(CATALOG.resolve(name), f);
      c = execute(List.of("validate", f.toString())).code();
      Files.delete(f);
      ORIGINAL_CODES.put(name, c);
    }
    return c;
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.ISO_8859_1);
    return f;
  }

  @Provide
  Arbitrary<String> catalogNames() {
    return Arbitraries.of(catalog());
  }

  // ------------------------------------------------------------------ 1. validate on scenarios

  @Property(tries = SCENARIO_TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void validateOfAMutatedScenarioKeepsTheContract(
      @ForAll("catalogNames") String name, @ForAll("scenarioMutations") List<Mutation> ms)
      throws IOException {
    String original = read(CATALOG.resolve(name));
    Mutated mu = mutateScenario(original, ms, kindOf(original), goldenMetrics(name), false);
    Path dir = beginTry();
    try {
      Path f = write(dir, name, mu.text());
      Expect e = new Expect(Set.of(0, 2), List.of(f), null, null, dir);
      Outcome o = check("validate", mu.text(), e, "validate", f.toString());
      applyOracle(mu, o, name, dir, f);
    } finally {
      endTry(dir);
    }
  }

  private void applyOracle(Mutated mu, Outcome o, String name, Path dir, Path f)
      throws IOException {
    if (o.timedOut() || o.thrown() != null) {
      return;
    }
    switch (mu.oracle()) {
      case REJECT -> {
        if (o.code() != ExitCodes.BAD_INPUT) {
          report("validate", "accepted " + mu.note(), o, mu.text());
        }
      }
      case ACCEPT -> {
        if (o.code() != ExitCodes.OK && originalCode(name, dir) == ExitCodes.OK) {
          report("validate", "rejected " + mu.note(), o, mu.text());
        }
      }
      case ALIAS -> {
        if (o.code() == ExitCodes.OK) {
          Path g = write(dir, "expanded-" + name, mu.expanded());
          Outcome x = execute(List.of("validate", g.toString()));
          Files.delete(g);
          if (x.code() != ExitCodes.OK) {
            report(
                "validate",
                "accepted an alias whose value it rejects written out ("
                    + normalise(
                        firstLine(x.err()), new Expect(Set.of(), List.of(g), null, null, dir))
                    + ")",
                o,
                mu.text());
          }
        }
      }
      default -> {}
    }
  }

  // ------------------------------------------------------------------ 2. run on cheap scenarios

  /** Cheap catalog scenarios and the overrides that keep a run short. */
  static final Map<String, List<String>> CHEAP =
      Map.of(
          "phold.yaml", List.of("phold.events=2000", "phold.lps=16"),
          "regression-example.yaml", List.of("phold.events=2000", "phold.lps=16"),
          "syscall-latency.yaml", List.of("syscalls.iterations=20"),
          "fwq.yaml", List.of("fwq.samples=10"),
          "torus-pingpong.yaml", List.of("pingpong.max_size=4KiB"),
          "mu-layout.yaml", List.of());

  @Provide
  Arbitrary<String> cheapNames() {
    return Arbitraries.of(new TreeSet<>(CHEAP.keySet()));
  }

  @Provide
  Arbitrary<List<Mutation>> cheapMutations() {
    return mutations(
            Arbitraries.frequency(
                Tuple.of(2, Op.DELETE),
                Tuple.of(2, Op.DUPLICATE),
                Tuple.of(2, Op.SWAP),
                Tuple.of(2, Op.INDENT),
                Tuple.of(8, Op.VALUE),
                Tuple.of(2, Op.KEY),
                Tuple.of(3, Op.INSERT),
                Tuple.of(5, Op.EXPECT),
                Tuple.of(2, Op.FLOW),
                Tuple.of(2, Op.ALIAS),
                Tuple.of(2, Op.GARBAGE),
                Tuple.of(2, Op.TRUNCATE)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  @Property(tries = 30, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void runOfAMutatedCheapScenarioKeepsTheContract(
      @ForAll("cheapNames") String name, @ForAll("cheapMutations") List<Mutation> ms)
      throws IOException {
    String original = read(CATALOG.resolve(name));
    Mutated mu = mutateScenario(original, ms, kindOf(original), goldenMetrics(name), true);
    Path dir = beginTry();
    try {
      Path f = write(dir, name, mu.text());
      Path out = dir.resolve("out");
      List<String> args = new ArrayList<>(List.of("run", f.toString(), "--out", out.toString()));
      for (String s : CHEAP.get(name)) {
        args.add("--set");
        args.add(s);
      }
      Expect e = new Expect(Set.of(0, 1, 2), List.of(f), out, null, dir);
      check("run", mu.text(), e, args.toArray(String[]::new));
    } finally {
      endTry(dir);
    }
  }

  // ------------------------------------------------------------------ 3. traces

  /** Lines of each sample trace kept: enough for every construct, cheap to replay. */
  static final int TRACE_LINES = 60;

  static final List<String> TRACE_VALUES =
      List.of(
          "-5",
          "-1",
          "0",
          "00",
          "99999999999999999999",
          "9223372036854775807",
          "9223372036854775808",
          "18446744073709551616",
          "1e309",
          "NaN",
          "-",
          "?",
          "",
          "x",
          "0x",
          "0xffffffffffffffffffff",
          "-E",
          "-ENOTANERRNO",
          "1.2.3",
          "0.99999999999",
          "99999999999.0",
          "%",
          "%G0",
          "\u001b[2J",
          "\u0000",
          "x".repeat(LONG),
          "<-0.5>",
          "<99999999999999999999.0>",
          "<unavailable>",
          "=",
          "\t");

  static final List<String> ATTRS =
      List.of(
          "count=-5",
          "count=99999999999999999999",
          "count=9223372036854775807",
          "count=1e309",
          "count=",
          "count=5 count=6",
          "fd=-1",
          "fd=99999999999",
          "len=-4096",
          "off=-1",
          "child=9.9",
          "child=0.0",
          "child=-1.-1",
          "child=99999999999999999999.0",
          "from=x",
          "req=-5",
          "req=99999999999999999999",
          "path=%",
          "path=%G0",
          "path=" + "a".repeat(LONG),
          "sig=SIGBOGUS",
          "frob=1",
          "=5",
          "k\u001b=1");

  static final List<String> CALLS =
      List.of(
          "frobnicate",
          "READ",
          "read2",
          "",
          "!bogus",
          "!exit",
          "!start",
          "!signal",
          "!mark",
          "_",
          "x".repeat(300),
          "\u001b[2J");

  static final List<String> HEADERS =
      List.of(
          "@clock unit=parsecs origin=first-record",
          "@clock unit=ns origin=bogus",
          "@clock unit=ns origin=first-record epoch_ns=99999999999999999999",
          "@thread 0.0 tid=-1",
          "@thread 99999999999999999999.0 tid=1",
          "@thread 0.1048577 tid=1",
          "@rank -1",
          "@rank 99999999999999999999",
          "@fd 0 -3 path=/x",
          "@mount /x class=bogus",
          "@mount",
          "@job ranks=-5",
          "@frob",
          "#CST 2",
          "#CST 1",
          "# comment \u001b[2J",
          "+++ exited with 0 +++",
          "+++ killed by SIGKILL +++",
          "--- SIGKILL {si_signo=SIGKILL, si_code=SI_USER} ---",
          "10303 1795277501.1 read(3, \"\", -5) = -5 <-0.5>",
          "10303 1795277501.2 <... read resumed>) = 0 <0.000001>",
          "10303 1795277501.3 frobnicate(1) = 0 <0.000001>",
          "10303 99999999999999999999.0 getpid() = 1",
          "10303 1795277501.4 clone(child_stack=NULL, flags=CLONE_VM) = -1 <0.1>",
          "99999999999999999999 1795277501.5 getpid() = 1",
          "[pid 99999999999] getpid() = 1",
          "0 0.0 read 5 -5 count=-5",
          "0 0.0 frobnicate - 0",
          "9223372036854775807 0.0 getpid - 1",
          "0 0.0 nanosleep 1 0 req=99999999999999999999",
          "0 0.0 clone 1 5 child=0.1048576");

  /** One base trace: its name and text (one char per byte). */
  record Trace(String name, String text) {}

  static List<Trace> traceBases;

  /** The sample strace files cut to {@link #TRACE_LINES} lines, and the same as CST. */
  private List<Trace> traces() throws IOException {
    if (traceBases != null) {
      return traceBases;
    }
    List<Trace> out = new ArrayList<>();
    Path dir = Files.createDirectory(root.resolve("bases"));
    for (String n : org.fusedsim.scenarios.trace.Traces.realTraces()) {
      String text;
      try (InputStream in = ContractFuzzTest.class.getResourceAsStream("/traces/" + n)) {
        text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      List<String> ls = lines(text);
      String head = join(ls.subList(0, Math.min(TRACE_LINES, ls.size()))) + "\n";
      out.add(new Trace(n, head));
      Path s = write(dir, n, head);
      Path c = dir.resolve(n.replace(".strace", ".cst"));
      Outcome o = execute(List.of("convert", s.toString(), "--out", c.toString()));
      if (o.code() != 0) {
        throw new IllegalStateException("cannot convert " + n + ": " + o.err());
      }
      out.add(new Trace(c.getFileName().toString(), read(c)));
    }
    traceBases = List.copyOf(out);
    return traceBases;
  }

  /** Record lines of a trace: not headers, comments or blank. */
  static List<Integer> records(List<String> ls) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < ls.size(); i++) {
      String l = ls.get(i);
      if (!l.isEmpty() && "#@".indexOf(l.charAt(0)) < 0) {
        idx.add(i);
      }
    }
    return idx;
  }

  /** Applies trace mutations; a lone unknown call name must be rejected by validate. */
  static Mutated mutateTrace(String original, List<Mutation> ms, boolean cst) {
    String text = original;
    Oracle oracle = Oracle.NONE;
    StringBuilder note = new StringBuilder();
    for (Mutation m : ms) {
      List<String> ls = lines(text);
      int n = ls.size();
      Oracle o = Oracle.NONE;
      List<Integer> recs = records(ls);
      switch (m.op()) {
        case DELETE -> ls.remove(Math.floorMod(m.a(), n));
        case DUPLICATE -> {
          int i = Math.floorMod(m.a(), n);
          ls.add(i, ls.get(i));
        }
        case SWAP -> {
          int i = Math.floorMod(m.a(), n);
          int j = Math.floorMod(m.b(), n);
          String t = ls.get(i);
          ls.set(i, ls.get(j));
          ls.set(j, t);
        }
        case FIELD -> {
          if (recs.isEmpty()) {
            break;
          }
          int i = recs.get(Math.floorMod(m.a(), recs.size()));
          List<String> f = new ArrayList<>(List.of(ls.get(i).split(" ", -1)));
          f.set(
              Math.floorMod(m.b(), f.size()),
              bytes(TRACE_VALUES.get(Math.floorMod(m.c(), TRACE_VALUES.size()))));
          ls.set(i, String.join(" ", f));
        }
        case ATTR -> {
          if (recs.isEmpty()) {
            break;
          }
          String attr = bytes(ATTRS.get(Math.floorMod(m.b(), ATTRS.size())));
          String key = attr.contains("=") ? attr.substring(0, attr.indexOf('=') + 1) : attr;
          List<Integer> with = new ArrayList<>();
          for (int r : recs) {
            if (key.length() > 1 && ls.get(r).contains(" " + key)) {
              with.add(r);
            }
          }
          List<Integer> pick = (m.c() & 1) == 0 && !with.isEmpty() ? with : recs;
          int i = pick.get(Math.floorMod(m.a(), pick.size()));
          String l = ls.get(i);
          int at = key.length() > 1 ? l.indexOf(" " + key) : -1;
          if (at >= 0) { // replace the attribute in place
            int end = l.indexOf(' ', at + 1);
            l = l.substring(0, at + 1) + attr + (end < 0 ? "" : l.substring(end));
          } else {
            l = l + " " + attr;
          }
          ls.set(i, l);
        }
        case CALL -> {
          if (recs.isEmpty()) {
            break;
          }
          int i = recs.get(Math.floorMod(m.a(), recs.size()));
          String call = CALLS.get(Math.floorMod(m.b(), CALLS.size()));
          String l = ls.get(i);
          if (cst) {
            String[] f = l.split(" ", -1);
            if (f.length < 5 || f[2].startsWith("!")) {
              break; // events have no call name
            }
            f[2] = bytes(call);
            ls.set(i, String.join(" ", f));
          } else {
            Matcher cm = Pattern.compile("^(.*? )?([a-z_0-9]+)\\(").matcher(l);
            if (!cm.find() || l.contains("resumed>")) {
              break;
            }
            ls.set(i, l.substring(0, cm.start(2)) + bytes(call) + l.substring(cm.end(2)));
          }
          o = call.equals("frobnicate") || call.equals("read2") ? Oracle.REJECT : Oracle.NONE;
        }
        case HEADER -> {
          int i = Math.floorMod(m.a(), n + 1);
          ls.add(i, bytes(HEADERS.get(Math.floorMod(m.b(), HEADERS.size()))));
        }
        case GARBAGE, TRUNCATE, CRLF -> ls = textMutation(m, text, ls);
        default -> throw new IllegalStateException("not a trace mutation: " + m.op());
      }
      text = join(ls);
      note.append(m).append(' ');
      oracle = ms.size() == 1 ? o : Oracle.NONE;
    }
    return new Mutated(text, oracle, null, note.toString().strip());
  }

  @Provide
  Arbitrary<List<Mutation>> traceMutations() {
    return mutations(
            Arbitraries.frequency(
                Tuple.of(2, Op.DELETE),
                Tuple.of(2, Op.DUPLICATE),
                Tuple.of(2, Op.SWAP),
                Tuple.of(6, Op.FIELD),
                Tuple.of(6, Op.ATTR),
                Tuple.of(4, Op.CALL),
                Tuple.of(5, Op.HEADER),
                Tuple.of(3, Op.GARBAGE),
                Tuple.of(2, Op.TRUNCATE),
                Tuple.of(1, Op.CRLF)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  static final List<String> PROFILES =
      List.of("fusedos-released", "fusedos-cnkcompat", "cnk", "linux");

  @Property(tries = 25, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void validateConvertAndReplayOfAMutatedTraceKeepTheContract(
      @ForAll("traceIndex") int which,
      @ForAll("traceMutations") List<Mutation> ms,
      @ForAll("profileIndex") int profile)
      throws IOException {
    List<Trace> bases = traces();
    Trace base = bases.get(which % bases.size());
    boolean cst = base.name().endsWith(".cst");
    Mutated mu = mutateTrace(base.text(), ms, cst);
    Path dir = beginTry();
    try {
      Path f = write(dir, base.name(), mu.text());
      Expect ev = new Expect(Set.of(0, 2), List.of(f), null, null, dir);
      Outcome v = check("validate trace", mu.text(), ev, "validate", f.toString());
      if (mu.oracle() == Oracle.REJECT
          && !v.timedOut()
          && v.thrown() == null
          && v.code() != ExitCodes.BAD_INPUT) {
        report("validate trace", "accepted an unknown system call", v, mu.text());
      }

      Path c = dir.resolve("converted.cst");
      Expect ec = new Expect(Set.of(0, 2), List.of(f), null, c, dir);
      Outcome co = check("convert", mu.text(), ec, "convert", f.toString(), "--out", c.toString());
      if (co.code() == ExitCodes.OK && Files.isRegularFile(c)) {
        String converted = read(c);
        Expect eb = new Expect(Set.of(0), List.of(c), null, null, dir);
        check("validate of convert's output", converted, eb, "validate", c.toString());
        Files.delete(c);
      }

      Path out = dir.resolve("replay");
      Expect er = new Expect(Set.of(0, 2), List.of(f), out, null, dir);
      check(
          "replay",
          mu.text(),
          er,
          "replay",
          f.toString(),
          "--profile",
          PROFILES.get(profile % PROFILES.size()),
          "--out",
          out.toString());
    } finally {
      endTry(dir);
    }
  }

  @Provide
  Arbitrary<Integer> traceIndex() {
    return Arbitraries.integers().between(0, 11);
  }

  @Provide
  Arbitrary<Integer> profileIndex() {
    return Arbitraries.integers().between(0, PROFILES.size() - 1);
  }

  // ------------------------------------------------------------------ 4. flags

  /** A group of arguments that is bad input wherever it appears. */
  record Bad(String sub, List<String> args, boolean last) {}

  static final String TINY = "name: tiny\nkind: phold\nseed: 3\nphold:\n  lps: 4\n  events: 100\n";

  /** The bad groups; FILE, DIR and TRACE stand for paths in the try's directory. */
  static final List<Bad> BAD =
      List.of(
          bad("*", "--frobnicate"),
          bad("*", "-Z"),
          bad("*", "--frobnicate=1"),
          bad("*", "\u001b[31m--red\u001b[0m"),
          bad("run", "--seed", "-1"),
          bad("run", "--seed", "99999999999999999999"),
          bad("run", "--seed", "abc"),
          bad("run", "--seed", ""),
          bad("run", "--seed", "1e100000000"),
          badLast("run", "--seed"),
          badLast("run", "--set"),
          badLast("run", "--out"),
          bad("run", "--set", "noequals"),
          bad("run", "--set", "=1"),
          bad("run", "--set", "phold.lps="),
          bad("run", "--set", "phold.nokey=1"),
          bad("run", "--set", "nosection.lps=1"),
          bad("run", "--set", "phold=1"),
          bad("run", "--set", "phold.lps.x=1"),
          bad("run", "--set", "phold.lps=1e100000000"),
          bad("run", "--set", "phold.lps=99999999999999999999"),
          bad("run", "--set", "phold.lps=1e309"),
          bad("run", "--set", "phold.lps=.nan"),
          bad("run", "--set", "phold.lps=-1"),
          bad("run", "--set", "phold.lookahead=12parsecs"),
          bad("run", "--set", "phold.lookahead=1e100000000us"),
          bad("run", "--set", "phold.lookahead=*a"),
          bad("run", "--set", "phold.lookahead=!foo 1ns"),
          bad("run", "--set", "phold.lookahead={a: 1}"),
          bad("run", "--set", "\u001b[31m=1"),
          bad("run", "--set", "phold.lps=\u001b[2J"),
          bad("run", "--set", "phold.lps=" + "9".repeat(LONG)),
          bad("run", "--replications", "0"),
          bad("run", "--replications", "-3"),
          bad("run", "--replications", "99999999999999999999"),
          bad("run", "--replications", "100001"),
          bad("run", "--os", "bogus"),
          bad("run", "--os", ""),
          bad("run", "--os", "\u001b[31mred"),
          bad("run", "--trace-limit", "0"),
          bad("run", "--trace-limit", "-1"),
          bad("run", "--trace-limit", "99999999999999999999"),
          bad("run", "--tolerance", "1e309"),
          bad("run", "--tolerance", "-5%"),
          bad("run", "--tolerance", "12parsecs"),
          bad("run", "MISSING.yaml"),
          bad("run", "DIR"),
          bad("validate", "MISSING.yaml"),
          bad("validate", "DIR"),
          bad("validate", "--out", "DIR"),
          bad("convert", "--format", "xml"),
          bad("convert", "--format", ""),
          bad("convert", "--out", "DIR"),
          bad("convert", "MISSING.strace"),
          badLast("convert", "--format"),
          bad("replay", "--ranks", "0"),
          bad("replay", "--ranks", "-1"),
          bad("replay", "--ranks", "99999999999999999999"),
          bad("replay", "--ranks", "99999999"),
          bad("replay", "--shape", "0x0x0x0x0"),
          bad("replay", "--shape", "99999x99999x1x1x1"),
          bad("replay", "--shape", "bogus"),
          bad("replay", "--shape", "\u001b[2J"),
          bad("replay", "--cpu-speed", "NaN"),
          bad("replay", "--cpu-speed", "-1"),
          bad("replay", "--cpu-speed", "0"),
          bad("replay", "--cpu-speed", "1e309"),
          bad("replay", "--cpu-speed", "Infinity"),
          bad("replay", "--unsupported", "maybe"),
          bad("replay", "--profile", "nope"),
          bad("replay", "--profile", ""),
          bad("replay", "--format", "xml"),
          bad("replay", "--mount", "=ION"),
          bad("replay", "--mount", "/x=NOPE"),
          bad("replay", "--mount", "noequals"),
          bad("replay", "--set", "linux.irq_entry=12parsecs"),
          bad("replay", "--set", "nosuch.x=1"),
          bad("replay", "--set", "linux.irq_entry=1e100000000cycles"),
          bad("replay", "--set", "noequals"),
          bad("replay", "--seed", "-1"),
          bad("replay", "--seed", "99999999999999999999"),
          bad("replay", "MISSING.strace"),
          badLast("replay", "--emit-cst"),
          bad("diff", "MISSING.json"),
          bad("diff", "GARBAGE.json"),
          bad("describe", "bogus"),
          bad("describe", "\u001b[2Jbogus"),
          bad("describe", "x".repeat(LONG)),
          bad("", "frobnicate"));

  private static Bad bad(String sub, String... args) {
    return new Bad(sub, List.of(args), false);
  }

  private static Bad badLast(String sub, String... args) {
    return new Bad(sub, List.of(args), true);
  }

  /** Valid arguments of each subcommand; groups may be dropped, at least the first is kept. */
  static final Map<String, List<List<String>>> GOOD =
      Map.of(
          "run",
          List.of(
              List.of("FILE"),
              List.of("--out", "DIR/out"),
              List.of("--seed", "3"),
              List.of("--set", "phold.events=50"),
              List.of("--replications", "1"),
              List.of("--force")),
          "validate",
          List.of(List.of("FILE")),
          "convert",
          List.of(List.of("TRACE"), List.of("--out", "DIR/o.cst")),
          "replay",
          List.of(
              List.of("TRACE"),
              List.of("--profile", "linux"),
              List.of("--out", "DIR/out"),
              List.of("--seed", "2"),
              List.of("--shape", "nodeboard")),
          "diff",
          List.of(List.of("OLD.json"), List.of("OLD.json")),
          "describe",
          List.of(List.of("phold")),
          "",
          List.of());

  /** One generated command line: bad groups (at least one) and valid groups, in some order. */
  record Flags(String sub, List<List<String>> groups) {}

  @Provide
  Arbitrary<Flags> flags() {
    List<String> subs = new ArrayList<>(new TreeSet<>(GOOD.keySet()));
    Arbitrary<Integer> any = Arbitraries.integers().between(0, 1 << 20);
    return Combinators.combine(Arbitraries.of(subs), any.list().ofMinSize(1).ofMaxSize(3), any, any)
        .as(
            (sub, badPicks, keepMask, order) -> {
              List<Bad> fits =
                  BAD.stream()
                      .filter(b -> b.sub().equals(sub) || (b.sub().equals("*") && !sub.isEmpty()))
                      .toList();
              List<List<String>> groups = new ArrayList<>();
              List<List<String>> good = GOOD.get(sub);
              for (int i = 0; i < good.size(); i++) {
                if (i == 0 || (keepMask >> i & 1) == 1) {
                  groups.add(good.get(i));
                }
              }
              List<List<String>> last = new ArrayList<>();
              for (int p : badPicks) {
                Bad b = fits.get(p % fits.size());
                if (b.last()) {
                  last.add(b.args());
                } else {
                  groups.add(Math.floorMod(order + p, groups.size() + 1), b.args());
                }
              }
              groups.addAll(last.isEmpty() ? List.of() : List.of(last.get(0)));
              return new Flags(sub, groups);
            });
  }

  @Property(tries = 100, seed = SEED, shrinking = ShrinkingMode.BOUNDED)
  void badFlagsAreExitTwoWithOneLine(@ForAll("flags") Flags flags) throws IOException {
    Path dir = beginTry();
    try {
      Path file = write(dir, "tiny.yaml", TINY);
      Path trace = write(dir, "tiny.strace", "1 0.000001 getpid() = 1 <0.000001>\n");
      Path old = write(dir, "old.json", "{\"format\": \"fusedsim-results/1\"");
      Path garbage = write(dir, "garbage.json", "\u00ff\u00fe{[");
      Path sub = Files.createDirectory(dir.resolve("d"));
      List<String> args = new ArrayList<>();
      if (!flags.sub().isEmpty()) {
        args.add(flags.sub());
      }
      for (List<String> g : flags.groups()) {
        for (String a : g) {
          args.add(
              switch (a) {
                case "FILE" -> file.toString();
                case "TRACE" -> trace.toString();
                case "OLD.json" -> old.toString();
                case "GARBAGE.json" -> garbage.toString();
                case "DIR" -> sub.toString();
                case "MISSING.yaml", "MISSING.strace", "MISSING.json" -> dir.resolve(a).toString();
                default -> a.startsWith("DIR/") ? dir.resolve(a.substring(4)).toString() : a;
              });
        }
      }
      List<Path> inputs =
          List.of(
              file,
              trace,
              old,
              garbage,
              sub,
              dir.resolve("MISSING.yaml"),
              dir.resolve("MISSING.strace"),
              dir.resolve("MISSING.json"));
      int files =
          flags.sub().equals("validate")
              ? (int) args.stream().skip(1).filter(a -> !a.startsWith("-")).count()
              : 1;
      Expect e = new Expect(Set.of(2), inputs, dir.resolve("out"), null, dir, Math.max(1, files));
      check("flags", null, e, args.toArray(String[]::new));
    } finally {
      endTry(dir);
    }
  }
}
