package org.fusedsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * strace to CST, read, write again gives identical text, on every real trace; and the number of
 * records equals what a plain count of the strace lines says it should be.
 */
class RoundTripTest {
  static List<String> traces() {
    return Traces.realTraces();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void straceToCstReadWriteIsIdentical(String name) {
    byte[] raw = Traces.bytes(name);
    String first = Traces.cst(new StraceImporter(new ByteArrayInputStream(raw), name, name));
    String second = Traces.cst(Traces.reader(first));
    assertEquals(first, second);
    String again = Traces.cst(new StraceImporter(new ByteArrayInputStream(raw), name, name));
    assertEquals(first, again, "import is deterministic");
  }

  private static final Pattern RESUMED = Pattern.compile("^\\d+ +[0-9.]+ <\\.\\.\\. ");
  private static final Pattern DROPPED =
      Pattern.compile("^\\d+ +[0-9.]+ (rseq|arch_prctl|getrandom)\\(");

  /**
   * Independent count: every strace line is one record, except the second half of an
   * unfinished/resumed pair and the start-up calls CST drops.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void oneRecordPerCallOrEvent(String name) {
    String text = new String(Traces.bytes(name), StandardCharsets.ISO_8859_1);
    long expected =
        text.lines().filter(l -> !RESUMED.matcher(l).find() && !DROPPED.matcher(l).find()).count();
    TraceStats stats = new TraceStats();
    try (TraceSource src = Traces.strace(Traces.bytes(name))) {
      TraceItem i;
      while ((i = src.next()) != null) {
        stats.add(i);
      }
    }
    assertEquals(expected, stats.records());
    long exits = text.lines().filter(l -> l.contains(" +++ ")).count();
    assertEquals(exits, stats.eventCounts().get("!exit"));
    assertEquals(1L, stats.eventCounts().get("!start"));
    for (String renamed :
        List.of(
            "openat",
            "newfstatat",
            "statx",
            "faccessat",
            "unlinkat",
            "clone3",
            "prlimit64",
            "clock_nanosleep",
            "pipe2",
            "dup3",
            "rseq",
            "arch_prctl",
            "getrandom")) {
      assertTrue(!stats.callCounts().containsKey(renamed), renamed + " left in " + name);
    }
  }
}
