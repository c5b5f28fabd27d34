package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fusedsim convert} and {@code fusedsim validate} on traces: files, exit codes, messages.
 */
class TraceCliTest {
  @TempDir Path tmp;

  private Path real(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = TraceCliTest.class.getResourceAsStream("/traces/" + name)) {
      Files.copy(in, p);
    }
    return p;
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    return p;
  }

  @Test
  void convertWritesCstAtomicallyAndConvertingItAgainChangesNothing() throws IOException {
    Path in = real("timeout_sleep_signal.strace");
    Path out = tmp.resolve("o/t.cst");
    CliTest.Result r = CliTest.run("convert", in.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("wrote " + out + " (247 records)\n", r.out());
    String cst = Files.readString(out, StandardCharsets.ISO_8859_1);
    assertTrue(cst.startsWith("#CST 1\n@clock unit=ns origin=first-record"), cst);
    assertTrue(cst.contains("\n4227000 0.0 clone 103000 10531 "), "as in the CST spec example");
    try (Stream<Path> s = Files.list(out.getParent())) {
      // the converted trace alone: no temporary (a hidden name) is left beside it
      assertEquals(List.of("t.cst"), s.map(p -> p.getFileName().toString()).toList());
    }
    Path out2 = tmp.resolve("t2.cst");
    r = CliTest.run("convert", out.toString(), "--out", out2.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(cst, Files.readString(out2, StandardCharsets.ISO_8859_1));
  }

  @Test
  void benchReplayPrintsTheContractLine() throws IOException {
    Path in = real("timeout_sleep_signal.strace");
    CliTest.Result r =
        CliTest.run(
            "bench", "replay", in.toString(), "--ranks", "4", "--warmup", "1", "--repeat", "1");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertTrue(
        lines[0].startsWith(
            "# replay: " + in + ", 4 ranks, fusedos-cnkcompat, 1 warm-up and 1 measured"),
        lines[0]);
    assertTrue(
        lines[1].matches(
            "replay records=[0-9]+ events=[0-9]+ records_per_s=[0-9.]+[kM]? min=[0-9.]+[kM]?"
                + " max=[0-9.]+[kM]? baseline=read read_records_per_s=[0-9.]+[kM]?"
                + " ratio=[0-9.]+"),
        lines[1]);
    assertEquals(2, CliTest.run("bench", "replay", in.toString(), "--ranks", "0").code());
    assertEquals(2, CliTest.run("bench", "replay", in.toString(), "--warmup", "-1").code());
  }

  @Test
  void convertToStdoutWithStatsOnStderr() throws IOException {
    Path in = real("dd.strace");
    CliTest.Result r = CliTest.run("convert", in.toString(), "--out", "-", "--stats");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("#CST 1\n"));
    assertEquals(190, r.out().lines().filter(l -> Character.isDigit(l.charAt(0))).count());
    assertTrue(r.err().startsWith("records 190 "), r.err());
  }

  @Test
  void formatOverridesDetection() throws IOException {
    Path in = real("dd.strace");
    CliTest.Result r = CliTest.run("convert", in.toString(), "--format", "cst", "--out", "-");
    assertEquals(2, r.code());
    assertEquals("error: " + in + ":1:1: expected '#CST 1' as the first line\n", r.err());
    r = CliTest.run("convert", in.toString(), "--format", "xml", "--out", "-");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: command-line:1:1: --format"), r.err());
  }

  @Test
  void brokenTracesExitTwoWithALineAndLeaveNoOutput() throws IOException {
    byte[] random = new byte[4096];
    for (int i = 0; i < random.length; i++) {
      random[i] = (byte) (i * 7919 + (i >> 3) * 31);
    }
    Path rnd = tmp.resolve("random.bin");
    Files.write(rnd, random);
    String dd = Files.readString(real("dd.strace"), StandardCharsets.ISO_8859_1);
    Path truncated = write("trunc.strace", dd.substring(0, dd.length() / 2));
    Path garbled = write("garbled.strace", dd.replace("openat(AT_FDCWD", "openat(AT_F)DCWD"));
    Path badCst = write("bad.cst", "#CST 1\n0 0.0 read 5 3\n1 0.0 read five 3\n");
    Path huge = tmp.resolve("huge.strace");
    try (OutputStream o = Files.newOutputStream(huge)) {
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      o.write("close(3) = 0\nwrite(1, \"".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 10; i++) {
        o.write(chunk);
      }
      o.write("\", 10485760) = 10485760\n".getBytes(StandardCharsets.US_ASCII));
    }
    for (Path p : new Path[] {rnd, truncated, garbled, badCst, huge}) {
      Path out = tmp.resolve(p.getFileName() + ".cst");
      CliTest.Result r = CliTest.run("convert", p.toString(), "--out", out.toString());
      assertEquals(2, r.code(), p + ": " + r.err());
      assertTrue(
          r.err()
              .matches(
                  "error: "
                      + java.util.regex.Pattern.quote(p.toString())
                      + ":[1-9][0-9]*:[1-9][0-9]*: [^\\n]+\\n"),
          r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(Files.exists(out), "no partial output for " + p);
      r = CliTest.run("validate", p.toString());
      assertEquals(2, r.code(), p + ": " + r.err());
    }
    assertTrue(
        CliTest.run("convert", badCst.toString(), "--out", "-")
            .err()
            .startsWith("error: " + badCst + ":3:12: bad duration"));
    assertTrue(
        CliTest.run("convert", huge.toString(), "--out", "-")
            .err()
            .startsWith("error: " + huge + ":2:"));
  }

  @Test
  void validateReportsRecordCountsOfTraces() throws IOException {
    Path in = real("python_threads_pwrite.strace");
    CliTest.Result r = CliTest.run("validate", in.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "ok " + in + " (trace strace, 742 records, 1 process (CST rank), 5 threads)\n", r.out());
  }

  @Test
  void missingTraceIsBadInput() {
    CliTest.Result r = CliTest.run("convert", tmp.resolve("nope").toString(), "--out", "-");
    assertEquals(2, r.code());
    assertTrue(r.err().endsWith(":1:1: no such file\n"), r.err());
  }

  @Test
  void outputThroughASymbolicLinkKeepsTheLink() throws IOException {
    Path in = real("dd.strace");
    Path file = tmp.resolve("real.cst");
    Files.writeString(file, "old", StandardCharsets.US_ASCII);
    Path link = Files.createSymbolicLink(tmp.resolve("link.cst"), file);
    CliTest.Result r = CliTest.run("convert", in.toString(), "--out", link.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(file, StandardCharsets.US_ASCII).startsWith("#CST 1\n"));
  }

  @Test
  void statsCountCallsPerServicingClassUnderEachProfile() throws IOException {
    Path in = real("dd.strace");
    CliTest.Result r = CliTest.run("convert", in.toString(), "--out", "-", "--stats");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err().contains("class          fusedos-released  fusedos-cnkcompat                cnk"),
        r.err());
    assertFalse(r.err().contains("UNLISTED"), r.err());
  }

  @Test
  void severalTracesMergeByTimeWithRanksRenumbered() throws IOException {
    Path a = real("timeout_sleep_signal.strace"); // ranks 0 and 1, starts 10.7 s after tar
    Path b = real("tar_czf.strace"); // ranks 0, 1 and 2
    Path out = tmp.resolve("m.cst");
    CliTest.Result r =
        CliTest.run("convert", a.toString(), b.toString(), "--out", out.toString(), "--stats");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("records 1008 "), r.out()); // 247 + 761
    assertTrue(r.out().contains("processes (CST ranks) 5, threads 5"), r.out());
    String cst = Files.readString(out, StandardCharsets.ISO_8859_1);
    // tar starts first (common epoch clock), so its ranks come first: 0, 1, 2; timeout: 3, 4
    assertTrue(cst.contains(" 0.0 clone 116000 10298 flags="), cst);
    assertTrue(cst.contains(" child=1.0\n"));
    assertTrue(cst.contains(" 3.0 clone 103000 10531 "), "timeout's rank 0 is 3");
    assertTrue(cst.contains(" child=4.0\n"));
    // the merged trace is itself a valid trace that converts to the same bytes
    Path again = tmp.resolve("m2.cst");
    assertEquals(0, CliTest.run("convert", out.toString(), "--out", again.toString()).code());
    assertEquals(cst, Files.readString(again, StandardCharsets.ISO_8859_1));
  }
}
