package org.fusedsim.scenarios.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.trace.SyscallClasses;

/**
 * Property test of loading and replaying: CST records with extreme times, durations, counts,
 * sleeps, futex waits, clones and exits either replay to the end or are an {@link InputException}
 * with a line, never another exception, an overflow or a replay that does not finish.
 */
class ReplayFuzzTest {
  private static final long MAX = Long.MAX_VALUE;

  private static Arbitrary<Long> time() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 10_000_000),
        Arbitraries.longs().between(MAX - 10_000_000, MAX),
        Arbitraries.of(1L << 40, 1L << 50, 1L << 62, MAX / 2));
  }

  @Provide
  Arbitrary<List<String>> records() {
    Arbitrary<String> dur = Arbitraries.oneOf(Arbitraries.of("-"), time().map(String::valueOf));
    Arbitrary<String> who = Arbitraries.of("0.0", "0.1", "0.2", "1.0");
    Arbitrary<String> op =
        Arbitraries.oneOf(
            Arbitraries.of(
                "read 0 fd=3 count=%d",
                "write ? fd=1 count=%d",
                "nanosleep 0 req=%d",
                "nanosleep -EINTR req=%d",
                "futex 0 uaddr=0x10 op=FUTEX_WAIT_PRIVATE val=%d",
                "futex 1 uaddr=0x10 op=FUTEX_WAKE_PRIVATE val=%d",
                "futex ? uaddr=0x10 op=FUTEX_WAIT val=%d",
                "clone 7 child=0.1 flags=%d",
                "clone 8 child=0.2 flags=%d",
                "clone 9 child=1.0 flags=%d",
                "wait4 9 res=%d",
                "exit_group ? code=%d",
                "launch_missiles 0 n=%d"),
            Arbitraries.of("!exit - - code=%d", "!signal - - code=%d"));
    Arbitrary<String> rec =
        Combinators.combine(time(), who, op, dur, time())
            .as(
                (t, w, o, d, n) -> {
                  String body = String.format(o, n);
                  if (body.startsWith("!")) {
                    String[] p = body.split(" ", 2);
                    return t + " " + w + " " + p[0] + " " + p[1];
                  }
                  String[] p = body.split(" ", 2);
                  return t + " " + w + " " + p[0] + " " + d + " " + p[1];
                });
    return rec.list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 150)
  void extremeRecordsReplayOrAreAnInputException(
      @ForAll("records") List<String> lines, @ForAll boolean strict) {
    // sorted per file so that most traces get past the reader's per-thread order
    List<String> sorted =
        lines.stream()
            .sorted(java.util.Comparator.comparing((String l) -> Long.parseLong(l.split(" ")[0])))
            .toList();
    Path f;
    try {
      f = Files.createTempFile("fuzz", ".cst");
      Files.writeString(
          f, "#CST 1\n" + String.join("\n", sorted) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      LoadedTrace t =
          LoadedTrace.read(
              f.toString(),
              null,
              new LoadedTrace.Options(
                  strict ? SyscallClasses.load()::lists : null, new ReplayBudget(8, 1.0), false));
      new Replay(
              new Replay.Setup(
                  List.of(t),
                  List.of("linux", "fusedos-cnkcompat"),
                  1,
                  512,
                  "midplane",
                  new ReplayParams(1.0),
                  null,
                  1,
                  false,
                  Mounts.NONE,
                  NodeOverrides.NONE))
          .run();
    } catch (InputException e) {
      if (e.location().line() < 1 || e.location().column() < 1) {
        throw new AssertionError("location without a line: " + e.userMessage(), e);
      }
    } finally {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
