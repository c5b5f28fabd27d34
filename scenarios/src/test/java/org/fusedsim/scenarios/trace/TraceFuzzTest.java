package org.fusedsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.fusedsim.scenarios.load.InputException;

/**
 * Property tests of both parsers: whatever the bytes, the result is a valid trace (one that reads
 * back and writes identically) or an {@link InputException} with a line number, never another
 * exception; generated valid traces round-trip.
 */
class TraceFuzzTest {

  /** Imports or reads; returns the CST text, or null after an InputException. */
  private static String attempt(TraceSource src) {
    try {
      return Traces.cst(src);
    } catch (InputException e) {
      if (e.location().line() < 1 || e.location().column() < 1) {
        throw new AssertionError("location without a line: " + e.userMessage(), e);
      }
      return null;
    }
  }

  private static void checkValid(String cst) {
    if (cst != null) {
      assertEquals(cst, Traces.cst(Traces.reader(cst)), "output of a parser must read back");
    }
  }

  @Property(tries = 400)
  void arbitraryBytesAreATraceOrAnInputException(@ForAll @Size(max = 600) byte[] bytes) {
    checkValid(attempt(Traces.strace(bytes)));
    checkValid(attempt(Traces.reader(bytes)));
    byte[] withMagic = concat("#CST 1\n".getBytes(StandardCharsets.US_ASCII), bytes);
    checkValid(attempt(Traces.reader(withMagic)));
  }

  @Property(tries = 300)
  void mutatedRealTracesAreATraceOrAnInputException(
      @ForAll("mutation") int[] m, @ForAll @IntRange(min = 0, max = 5) int which) {
    List<String> names = Traces.realTraces();
    byte[] orig = Traces.bytes(names.get(which % names.size()));
    byte[] b = mutate(orig, m);
    String out = attempt(new StraceImporter(new ByteArrayInputStream(b), "m", "m"));
    checkValid(out);
    if (out != null) {
      checkValid(attempt(Traces.reader(mutate(out.getBytes(StandardCharsets.ISO_8859_1), m))));
    }
  }

  @Provide
  Arbitrary<int[]> mutation() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(1, 64))
        .as((kind, pos, val, len) -> new int[] {kind, pos, val, len});
  }

  private static byte[] mutate(byte[] orig, int[] m) {
    int pos = m[1] % Math.max(1, orig.length);
    byte[] b;
    switch (m[0]) {
      case 0 -> b = java.util.Arrays.copyOf(orig, pos); // truncate
      case 1 -> {
        b = orig.clone();
        for (int k = 0; k < m[3] && pos + k < b.length; k++) {
          b[pos + k] = (byte) (m[2] + k * 31); // garble
        }
      }
      case 2 -> { // delete a range
        int end = Math.min(orig.length, pos + m[3]);
        b =
            concat(
                java.util.Arrays.copyOf(orig, pos),
                java.util.Arrays.copyOfRange(orig, end, orig.length));
      }
      default -> { // duplicate a range
        int end = Math.min(orig.length, pos + m[3] * 16);
        byte[] head = java.util.Arrays.copyOf(orig, end);
        b = concat(head, java.util.Arrays.copyOfRange(orig, pos, orig.length));
      }
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  // ------------------------------------------------------------------ generated strace

  /** One generated call: thread, template index, whether it is split into a pair. */
  record Call(int thread, int template, boolean split, int gapUs, int durUs) {}

  @Provide
  Arbitrary<List<Call>> calls() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, TEMPLATES.length - 1),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 5_000),
            Arbitraries.integers().between(0, 900))
        .as(Call::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  private static final String[][] TEMPLATES = {
    {"close(3", ") = 0"},
    {"read(3</srv/a b>, ", "\"x\\n\\0\"..., 4096) = 4096"},
    {"openat(AT_FDCWD, \"/dev/shm/f\", O_RDWR|O_CREAT, 0600", ") = 4"},
    {"openat(AT_FDCWD, \"nope\", O_RDONLY", ") = -1 ENOENT (No such file or directory)"},
    {
      "futex(0x7f00, FUTEX_WAIT_PRIVATE, 0, {tv_sec=1, tv_nsec=5}",
      ") = -1 ETIMEDOUT (Connection timed out)"
    },
    {"write(1, \"\\x01\\xff, =|%\", 7", ") = 7"},
    {"getpid(", ") = 77"},
    {"lseek(3, 0, SEEK_END", ") = 12345"},
    {"mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0", ") = 0x7f0000"},
    {"newfstatat(AT_FDCWD, \"/x\", {st_mode=S_IFREG|0644, st_size=1, ...}, 0", ") = 0"},
  };

  @Property(tries = 300)
  void generatedStraceRoundTrips(
      @ForAll("calls") List<Call> calls,
      @ForAll @IntRange(min = 0, max = 5) int clock,
      @ForAll @IntRange(min = 0, max = 2) int prefix,
      @ForAll boolean durations) {
    String text = render(calls, clock, prefix, durations);
    String cst = Traces.cst(Traces.strace(text));
    assertEquals(cst, Traces.cst(Traces.reader(cst)));
    long expected = calls.size();
    assertEquals(expected, Traces.records(Traces.reader(cst)).size(), text);
  }

  private static String render(List<Call> calls, int clock, int prefix, boolean durations) {
    StringBuilder sb = new StringBuilder();
    long t = 36_000_000_000L; // 10:00:00 in us... used as us since midnight / epoch offset
    long prev = t;
    for (Call c : calls) {
      int thread = prefix == 0 ? 0 : c.thread(); // without prefixes there is one thread
      String[] tpl = TEMPLATES[c.template()];
      String dur = durations ? String.format(Locale.ROOT, " <0.%06d>", c.durUs()) : "";
      t += c.gapUs();
      if (c.split()) {
        line(sb, thread, prefix, clock, t, prev);
        prev = t;
        sb.append(tpl[0]).append(" <unfinished ...>\n");
        String name = tpl[0].substring(0, tpl[0].indexOf('('));
        t += 1;
        line(sb, thread, prefix, clock, t, prev);
        prev = t;
        sb.append("<... ").append(name).append(" resumed>").append(tpl[1]).append(dur).append('\n');
      } else {
        line(sb, thread, prefix, clock, t, prev);
        prev = t;
        sb.append(tpl[0]).append(tpl[1]).append(dur).append('\n');
      }
    }
    return sb.toString();
  }

  private static void line(
      StringBuilder sb, int thread, int prefix, int clock, long us, long prevUs) {
    int pid = 100 + thread;
    if (prefix == 1) {
      sb.append(pid).append(' ');
    } else if (prefix == 2) {
      sb.append(String.format(Locale.ROOT, "[pid %5d] ", pid));
    }
    long s = us / 1_000_000;
    long f = us % 1_000_000;
    switch (clock) {
      case 1 ->
          sb.append(
              String.format(Locale.ROOT, "%02d:%02d:%02d ", s / 3600 % 24, s / 60 % 60, s % 60));
      case 2 ->
          sb.append(
              String.format(
                  Locale.ROOT, "%02d:%02d:%02d.%06d ", s / 3600 % 24, s / 60 % 60, s % 60, f));
      case 3 -> sb.append(String.format(Locale.ROOT, "%d.%06d ", 1_700_000_000L + s, f));
      case 4 -> {
        long d = us - prevUs;
        sb.append(String.format(Locale.ROOT, "%6d.%06d ", d / 1_000_000, d % 1_000_000));
      }
      case 5 -> sb.append(String.format(Locale.ROOT, "%d.%06d000 ", 1_700_000_000L + s, f));
      default -> {}
    }
  }

  // ------------------------------------------------------------------ generated CST

  @Provide
  Arbitrary<String> cstValue() {
    return Arbitraries.strings()
        .withCharRange((char) 0, (char) 255)
        .ofMinLength(1)
        .ofMaxLength(12)
        .map(Cst::encode);
  }

  @Property(tries = 300)
  void generatedCstRoundTrips(
      @ForAll @Size(min = 0, max = 30) List<@IntRange(min = 0, max = 3) Integer> threads,
      @ForAll("cstValue") String value,
      @ForAll @IntRange(min = 0, max = 1_000_000) int step) {
    StringBuilder sb = new StringBuilder("#CST 1\n@clock unit=ns origin=first-record\n# c\n");
    long ts = 0;
    int k = 0;
    for (int t : threads) {
      ts += step;
      String op = k % 7 == 6 ? "!mark" : "call_" + t;
      String ret = op.startsWith("!") ? "-" : (k % 3 == 0 ? "-ENOENT" : k % 3 == 1 ? "0x1f" : "-4");
      sb.append(ts)
          .append(' ')
          .append(t / 2)
          .append('.')
          .append(t % 2)
          .append(' ')
          .append(op)
          .append(' ')
          .append(k % 2 == 0 ? "-" : Long.toString(step))
          .append(' ')
          .append(ret)
          .append(" x")
          .append(k)
          .append('=')
          .append(value)
          .append('\n');
      k++;
    }
    String text = sb.toString();
    assertEquals(text, Traces.cst(Traces.reader(text)));
  }
}
