package org.fusedsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fusedsim.scenarios.load.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CST/1 reading: the grammar, strictness with locations, preservation of unknown attributes. */
class CstReaderTest {
  static final String VALID =
      """
      #CST 1
      @clock unit=ns origin=first-record
      @source tool=strace arch=x86_64
      # a comment
      @thread 0.0 tid=10281
      0 0.0 !start - - exe=python3
      32721000 0.0 open 171000 3 path=shared.dat flags=O_RDWR|O_CREAT|O_TRUNC|O_CLOEXEC mode=0644 orig=openat
      @thread 0.1 tid=10290
      33310000 0.0 clone 77000 10290 flags=CLONE_VM|CLONE_THREAD orig=clone3 child=0.1
      34035000 0.1 futex 16000 1 uaddr=0xa5b8f0 op=FUTEX_WAKE_PRIVATE val=1
      34078000 0.1 pwrite64 52000 65536 fd=3 fdpath=/a%20b/shared.dat count=65536 off=0 my_key=kept
      40254000 0.1 !exit - - code=0
      43405000 0.0 unlink 880000 -ENOENT path=shared.dat
      47488000 0.0 exit_group - ?
      48060000 0.0 !exit - - code=0
      """;

  @Test
  void validFileIsReadFieldByField() {
    List<TraceRecord> rs = Traces.records(Traces.reader(VALID));
    assertEquals(9, rs.size());
    TraceRecord pw = rs.get(4);
    assertEquals(34078000L, pw.ts());
    assertEquals(0, pw.rank());
    assertEquals(1, pw.thread());
    assertEquals("pwrite64", pw.op());
    assertEquals(52000L, pw.dur());
    assertEquals("65536", pw.ret());
    assertEquals("kept", pw.attr("my_key"));
    assertEquals("/a b/shared.dat", Cst.decode(pw.attr("fdpath")));
    assertEquals(11, pw.line());
    assertTrue(rs.get(6).failed());
    assertEquals(TraceRecord.UNKNOWN_DUR, rs.get(7).dur());
  }

  @Test
  void writingWhatWasReadGivesTheSameBytes() {
    assertEquals(VALID, Traces.cst(Traces.reader(VALID)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty file|''|1|1",
        "wrong magic|#CSV 1\\n|1|1",
        "wrong version|#CST 2\\n|1|6",
        "too few fields|#CST 1\\n0 0.0 read 5\\n|2|13",
        "double space|#CST 1\\n0 0.0  read 5 3\\n|2|7",
        "trailing space|#CST 1\\n0 0.0 read 5 3 \\n|2|16",
        "leading zero ts|#CST 1\\n01 0.0 read 5 3\\n|2|1",
        "negative ts|#CST 1\\n-1 0.0 read 5 3\\n|2|1",
        "ts overflow|#CST 1\\n99999999999999999999 0.0 read 5 3\\n|2|1",
        "bad who|#CST 1\\n0 0 read 5 3\\n|2|3",
        "upper-case op|#CST 1\\n0 0.0 Read 5 3\\n|2|7",
        "unknown event|#CST 1\\n0 0.0 !boom - -\\n|2|7",
        "bad dur|#CST 1\\n0 0.0 read x 3\\n|2|12",
        "bad ret|#CST 1\\n0 0.0 read 5 three\\n|2|14",
        "event with ret|#CST 1\\n0 0.0 !exit - 0\\n|2|15",
        "call with event ret|#CST 1\\n0 0.0 read 5 -\\n|2|14",
        "attr without =|#CST 1\\n0 0.0 read 5 3 fd\\n|2|16",
        "bad key|#CST 1\\n0 0.0 read 5 3 Fd=3\\n|2|16",
        "bad value|#CST 1\\n0 0.0 read 5 3 path=a=b\\n|2|21",
        "bad escape|#CST 1\\n0 0.0 read 5 3 path=%4\\n|2|21",
        "duplicate key|#CST 1\\n0 0.0 read 5 3 fd=3 fd=4\\n|2|21",
        "child not who|#CST 1\\n0 0.0 clone 5 3 child=7\\n|2|23",
        "unknown header|#CST 1\\n@bogus x=1\\n|2|2",
        "late header|#CST 1\\n0 0.0 read 5 3\\n@clock unit=ns\\n|3|1",
        "bad thread header|#CST 1\\n@thread x tid=1\\n|2|9",
        "time goes back|#CST 1\\n5 0.0 read 5 3\\n4 0.0 read 5 3\\n|3|1",
        "control char|#CST 1\\n0 0.0 read 5 3\\t\\n|2|15",
        "no final LF|#CST 1\\n0 0.0 read 5 3|2|15",
        "negative count|#CST 1\\n0 0.0 read 100 5 fd=3 count=-5\\n|2|29",
        "count beyond 2^63|#CST 1\\n0 0.0 read 1 5 count=9223372036854775808\\n|2|22",
        "count not a number|#CST 1\\n0 0.0 read 1 5 count=0x10\\n|2|22",
        "fd beyond an int|#CST 1\\n0 0.0 read 1 5 fd=2147483648\\n|2|19",
        "fd a path|#CST 1\\n0 0.0 read 1 5 fd=abc\\n|2|19",
        "negative req|#CST 1\\n0 0.0 nanosleep 1 0 req=-1\\n|2|25",
        "negative timeout|#CST 1\\n0 0.0 futex 1 0 timeout=-1\\n|2|25",
        "off not a number|#CST 1\\n0 0.0 lseek 1 0 off=SEEK_END\\n|2|21",
        "end beyond 2^63|#CST 1\\n9223372036854775000 0.0 read 1000 5\\n|2|30",
        "end exactly 2^63|#CST 1\\n9223372036854775800 0.0 read 8 5\\n|2|30",
      })
  void malformedLinesAreRejectedWithTheirLocation(String what, String text, int line, int column) {
    String t = text.replace("\\n", "\n").replace("\\t", "\t");
    InputException e =
        assertThrows(InputException.class, () -> Traces.items(Traces.reader(t)), what);
    assertEquals(line, e.location().line(), what + ": " + e.getMessage());
    assertEquals(column, e.location().column(), what + ": " + e.getMessage());
    assertTrue(e.userMessage().startsWith("error: t.cst:" + line + ":" + column + ": "));
  }

  @Test
  void theLastNanosecondAndNegativeDescriptorsAreFine() {
    String t =
        "#CST 1\n9223372036854775000 0.0 read 807 -9 fd=-1 count=9223372036854775807 off=-5\n";
    assertEquals(1, Traces.records(Traces.reader(t)).size());
  }

  @Test
  void unknownCallsAreRejectedAtTheirNameWhenAsked() {
    String t = "#CST 1\n0 0.0 getpid 1 7\n10 0.0 launch_missiles 5 0\n";
    assertEquals(2, Traces.records(Traces.reader(t)).size());
    CstReader r =
        new CstReader(
            new java.io.ByteArrayInputStream(t.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "t.cst");
    r.knownCalls(SyscallClasses.load()::lists);
    InputException e = assertThrows(InputException.class, () -> Traces.items(r));
    assertTrue(
        e.userMessage()
            .startsWith(
                "error: t.cst:3:8: unknown system call 'launch_missiles' (not in the call table;"
                    + " --allow-unknown-calls replays it as class UNS"),
        e.userMessage());
  }

  @Test
  void aLineOverTheCapIsRejectedWithoutReadingItWhole() {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    byte[] head =
        "#CST 1\n0 0.0 read 5 3 path=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, big, 0, head.length);
    InputException e = assertThrows(InputException.class, () -> Traces.items(Traces.reader(big)));
    assertEquals(2, e.location().line());
    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
  }

  @Test
  void threadsMayInterleaveButEachGoesForward() {
    String t = "#CST 1\n5 0.1 read 5 3\n4 0.0 read 5 3\n6 0.1 read 5 3\n";
    assertEquals(3, Traces.records(Traces.reader(t)).size());
  }

  @Test
  void encodingRoundTripsEveryByte() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 256; c++) {
      sb.append(c);
    }
    String enc = Cst.encode(sb.toString());
    assertTrue(Cst.isValue(enc));
    assertEquals(sb.toString(), Cst.decode(enc));
  }
}
