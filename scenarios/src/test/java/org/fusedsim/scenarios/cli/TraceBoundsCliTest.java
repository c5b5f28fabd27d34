package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traces with absurd fields, overflowing times, unknown calls or more records than the budget:
 * {@code validate}, {@code convert} and {@code replay} exit 2 with one located line and write
 * nothing, never an internal error.
 */
class TraceBoundsCliTest {
  @TempDir Path tmp;

  /** Bad for every command: name, content, expected start of the error after the file name. */
  static Stream<Arguments> badTraces() {
    String ls = "    10 read(3, \"\", 4096) = 0 <0.000010>\n";
    return Stream.of(
        Arguments.of(
            "negative-count.cst",
            "#CST 1\n0 0.0 read 100 5 fd=3 count=-5\n",
            ":2:29: 'count' must be an unsigned decimal"),
        Arguments.of(
            "huge-count.cst",
            "#CST 1\n0 0.0 read 100 5 fd=3 count=99999999999999999999\n",
            ":2:29: 'count' must be an unsigned decimal"),
        Arguments.of(
            "fd-beyond-int.cst",
            "#CST 1\n0 0.0 read 100 5 fd=4294967296\n",
            ":2:21: 'fd' must be a descriptor number"),
        Arguments.of(
            "negative-req.cst",
            "#CST 1\n0 0.0 nanosleep 100 0 req=-1\n",
            ":2:27: 'req' must be an unsigned decimal"),
        Arguments.of(
            "end-overflows.cst",
            "#CST 1\n9223372036854775000 0.0 read 1000 5 fd=3\n",
            ":2:30: call ends after 2^63-1 ns"),
        Arguments.of(
            "late-end-overflows.cst",
            "#CST 1\n0 0.0 read 100 5 fd=3\n9223372036854775000 0.0 read 1000 5 fd=3\n",
            ":3:30: call ends after 2^63-1 ns"),
        Arguments.of(
            "unknown.cst",
            "#CST 1\n0 0.0 launch_missiles 100 0\n",
            ":2:7: unknown system call 'launch_missiles' (not in the call table;"
                + " --allow-unknown-calls replays it as class UNS"),
        Arguments.of(
            "unknown.strace",
            "100 getpid() = 100\n100 launch_missiles(1, 2) = 0\n",
            ":2:5: unknown system call 'launch_missiles'"),
        Arguments.of(
            "unknown-resumed.strace",
            "100 <... launch_missiles resumed>) = 0\n",
            ":1:10: unknown system call 'launch_missiles'"),
        Arguments.of(
            "negative-count.strace",
            ls + "    10 read(3, \"\", -5) = 0\n",
            ":2:13: argument of 'read'"),
        Arguments.of(
            "epoch-overflow.strace",
            "99999999999.000000 getpid() = 1\n",
            ":1:1: timestamp '99999999999.000000' out of range"),
        Arguments.of(
            "duration-overflow.strace",
            "getpid() = 1 <99999999999.000000>\n",
            ":1:14: duration '<99999999999.000000>' out of range"),
        Arguments.of(
            "long-line.strace",
            "100 getpid() = 100\n100 write(1, \"" + "x".repeat(2 << 20) + "\", 3) = 3\n",
            ":2:1048577: line longer than 1048576 bytes"),
        Arguments.of(
            "long-line.cst",
            "#CST 1\n0 0.0 stat 1 0 path=" + "x".repeat(2 << 20) + "\n",
            ":2:1048577: line longer than 1048576 bytes"),
        Arguments.of(
            "stdin-huge-fd.strace",
            "100 read(99999999999, \"\", 10) = -1 EBADF (Bad file descriptor)\n",
            ":1:10: argument of 'read': 'fd' must be a descriptor number"));
  }

  /** Valid as a file, but not something a replay can simulate: replay alone exits 2. */
  static Stream<Arguments> unreplayable() {
    return Stream.of(
        Arguments.of(
            "span2.cst",
            "#CST 1\n0 0.0 read 100 5 fd=3\n9223372036854775000 0.0 read 100 5 fd=3\n",
            ":3:1: trace spans 9223372036854775100 ns from its first start to this record's end;"
                + " a replay at --cpu-speed 4.0 simulates at most 72057594037927 ns"),
        Arguments.of(
            "sleep.cst",
            "#CST 1\n0 0.0 nanosleep 100 0 req=9223372036854775000\n",
            ":2:1: a sleep of the trace outlasts its recorded duration"),
        Arguments.of(
            "futex.cst",
            "#CST 1\n0 0.0 futex 9223372036854775000 0 uaddr=0x10 op=FUTEX_WAIT val=0\n",
            ":2:1: trace spans"),
        Arguments.of(
            "clone-after-blocked.strace",
            "100 write(1, \"x\", 1 <unfinished ...>\n"
                + "100 clone(child_stack=NULL, flags=CLONE_VM|CLONE_THREAD <unfinished ...>\n"
                + "101 write(1, \"x\", 1) = 1\n"
                + "100 <... clone resumed>) = 101\n",
            ":2:1: thread 0.1 never starts in a replay: it is created by this clone, but thread"
                + " 0.0 has ended before it (line 1: a call that never returned)"),
        Arguments.of(
            "clone-after-exit.cst",
            "#CST 1\n0 0.0 !exit - - code=0\n5 0.0 clone 10 7 child=0.1\n6 0.1 getpid 1 7\n",
            ":3:1: thread 0.1 never starts in a replay: it is created by this clone, but thread"
                + " 0.0 has ended before it (line 2: !exit)"),
        Arguments.of(
            "clone-self.cst",
            "#CST 1\n0 0.0 getpid 1 7\n5 0.1 clone 10 7 child=0.1\n",
            ":3:1: thread 0.1 never starts in a replay: it is created by this clone, but a thread"
                + " cannot create itself"),
        Arguments.of(
            "clone-cycle.cst",
            "#CST 1\n0 0.1 clone 10 7 child=0.2\n5 0.2 clone 10 7 child=0.1\n",
            ":2:1: thread 0.2 never starts in a replay: it is created by this clone, but the"
                + " thread making the clone, 0.1, never starts itself"));
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    return p;
  }

  private static void oneLine(CliTest.Result r, Path f, String expected) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("error: " + f + expected), r.err());
    assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals("", r.out());
  }

  private CliTest.Result replay(Path f, String... more) {
    String[] args =
        Stream.concat(
                Stream.of(
                    "replay",
                    f.toString(),
                    "--profile",
                    "linux",
                    "--out",
                    tmp.resolve("out-" + f.getFileName()).toString()),
                Stream.of(more))
            .toArray(String[]::new);
    return CliTest.run(args);
  }

  @ParameterizedTest
  @MethodSource("badTraces")
  void everyCommandRefusesAtTheLineAndWritesNothing(String name, String text, String expected)
      throws IOException {
    Path f = write(name, text);
    Path out = tmp.resolve(name + ".out.cst");
    oneLine(CliTest.run("validate", f.toString()), f, expected);
    oneLine(CliTest.run("convert", f.toString(), "--out", out.toString()), f, expected);
    assertFalse(Files.exists(out));
    oneLine(replay(f), f, expected);
    assertFalse(Files.exists(tmp.resolve("out-" + name)));
  }

  @ParameterizedTest
  @MethodSource("unreplayable")
  void replayRefusesWhatItCannotSimulate(String name, String text, String expected)
      throws IOException {
    Path f = write(name, text);
    assertEquals(0, CliTest.run("validate", f.toString()).code());
    oneLine(replay(f), f, expected);
    assertFalse(Files.exists(tmp.resolve("out-" + name)));
  }

  @Test
  void summedStraceDurationsMayNotOverflow() throws IOException {
    Path f =
        write("sum.strace", "getpid() = 1 <5000000000.000000>\ngetpid() = 1 <5000000000.000000>\n");
    String expected = ":2:1: call ends after 2^63-1 ns";
    oneLine(CliTest.run("validate", f.toString()), f, expected);
    Path out = tmp.resolve("sum.cst");
    oneLine(CliTest.run("convert", f.toString(), "--out", out.toString()), f, expected);
    assertFalse(Files.exists(out));
    // the replay already refuses the first call: it outlasts the clock
    oneLine(replay(f), f, ":1:1: trace spans 5000000000000000000 ns");
  }

  @Test
  void unknownCallsAreKeptWithTheFlag() throws IOException {
    Path f = write("lm.cst", "#CST 1\n0 0.0 getpid 100 7\n200 0.0 launch_missiles 100 0\n");
    assertEquals(0, CliTest.run("validate", "--allow-unknown-calls", f.toString()).code());
    Path out = tmp.resolve("lm2.cst");
    CliTest.Result r =
        CliTest.run("convert", f.toString(), "--allow-unknown-calls", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(Files.readString(f), Files.readString(out));
    r = CliTest.run("replay", f.toString(), "--allow-unknown-calls", "--profile", "linux");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("replay.class.uns.latency"), r.out());
    r = CliTest.run("replay", f.toString(), "--allow-unknown-calls");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("fusedos-released: job ended at launch_missiles"), r.out());
  }

  @Test
  void realLinuxCallsMissingFromSection73AreAccepted() throws IOException {
    Path f =
        write(
            "real.strace",
            "100 io_uring_setup(8, 0x7ffd) = 3\n"
                + "100 preadv(3, [{iov_base=\"\", iov_len=10}], 1, 0) = 10\n"
                + "100 membarrier(MEMBARRIER_CMD_QUERY, 0) = 0\n");
    assertEquals(0, CliTest.run("validate", f.toString()).code());
    CliTest.Result r = CliTest.run("replay", f.toString(), "--profile", "linux,fusedos-cnkcompat");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void aTraceBeyondTheRecordBudgetIsRefusedAtTheRecord() throws IOException {
    StringBuilder sb = new StringBuilder("#CST 1\n");
    for (int i = 0; i < 20; i++) {
      sb.append(i * 10).append(" 0.0 getpid 1 7\n");
    }
    Path f = write("many.cst", sb.toString());
    oneLine(
        replay(f, "--max-records", "12"),
        f,
        ":14:1: trace exceeds 12 records, the replay's budget (--max-records)");
    // the budget is the replay's, over every trace
    oneLine(
        CliTest.run("replay", f.toString(), f.toString(), "--max-records", "30"),
        f,
        ":12:1: trace exceeds 30 records");
    assertEquals(0, replay(f, "--max-records", "20").code());
    CliTest.Result r = replay(f, "--max-records", "0");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("error: command-line:1:1: --max-records: must be in [1, "));
  }

  @Test
  void distinctPathsCountAgainstTheBudget() throws IOException {
    StringBuilder sb = new StringBuilder("#CST 1\n");
    String pad = "x".repeat(256 << 10);
    for (int i = 0; i < 8; i++) {
      sb.append(i * 10).append(" 0.0 stat 1 0 path=/").append(pad).append(i).append('\n');
    }
    Path f = write("paths.cst", sb.toString());
    CliTest.Result r = replay(f, "--max-records", "40");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err()
            .matches(
                "error: \\Q"
                    + f
                    + "\\E:[0-9]+:1: trace exceeds the replay's memory budget"
                    + " of 40 records .*\\n"),
        r.err());
  }
}
