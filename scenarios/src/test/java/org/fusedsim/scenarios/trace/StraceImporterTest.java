package org.fusedsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fusedsim.scenarios.load.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** strace import: every timestamp flavour, prefixes, pairs, events and canonical names. */
class StraceImporterTest {

  private static List<TraceRecord> imp(String text) {
    return Traces.records(Traces.strace(text));
  }

  /**
   * The same two calls (second one 1.5 ms after the first, 20 us long) in each timestamp format;
   * the expected ts of the second record is 1,500,000 ns in every case (1 s resolution for -t and
   * unix seconds: 1 s).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-t|10:00:00 |10:00:01 |1000000000",
        "-tt|10:00:00.000100 |10:00:00.001600 |1500000",
        "-tt ms|10:00:00.000 |10:00:00.002 |2000000",
        "-tt ns|10:00:00.000000100 |10:00:00.001500100 |1500000",
        "-ttt|1795277501.100033 |1795277501.101533 |1500000",
        "-ttt ns|1795277501.100033000 |1795277501.101533000 |1500000",
        "unix seconds|1795277501 |1795277502 |1000000000",
        "-r|'     0.000000'|'     0.001500'|1500000",
        "-r ns|'     0.000000000'|'     0.001500000'|1500000",
        "none|||0",
      })
  void everyTimestampFormat(String flags, String t1, String t2, long expected) {
    String text =
        (t1 == null ? "" : t1 + " ")
            + "close(3)                  = 0 <0.000020>\n"
            + (t2 == null ? "" : t2 + " ")
            + "close(4) = -1 EBADF (Bad file descriptor) <0.000020>\n";
    List<TraceRecord> rs = imp(text);
    assertEquals(2, rs.size(), flags);
    assertEquals(0, rs.get(0).ts());
    long want = flags.equals("none") ? 20_000 : expected; // no clock: ts = sum of durations
    assertEquals(want, rs.get(1).ts(), flags);
    assertEquals(20_000, rs.get(0).dur());
    assertEquals("-EBADF", rs.get(1).ret());
    assertEquals("4", rs.get(1).attr("fd"));
  }

  @Test
  void timeOfDayCrossesMidnight() {
    List<TraceRecord> rs = imp("23:59:59.999000 close(3) = 0\n00:00:00.001000 close(4) = 0\n");
    assertEquals(2_000_000, rs.get(1).ts());
  }

  @Test
  void withoutDurationsDurIsUnknown() {
    List<TraceRecord> rs = imp("1795277501.100033 close(3) = 0\n");
    assertEquals(TraceRecord.UNKNOWN_DUR, rs.get(0).dur());
  }

  @Test
  void bracketAndBarePidPrefixesAndUnfinishedPairs() {
    String text =
        """
        [pid  101] 10:00:00.000000 futex(0x1000, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>
        [pid  102] 10:00:00.000010 write(1, "x", 1) = 1 <0.000005>
        [pid  102] 10:00:00.000020 futex(0x1000, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000003>
        [pid  101] 10:00:00.000050 <... futex resumed>) = 0 <0.000050>
        """;
    List<TraceRecord> rs = imp(text);
    assertEquals(3, rs.size());
    TraceRecord wait = rs.get(0);
    assertEquals("futex", wait.op());
    assertEquals(0, wait.ts());
    assertEquals(50_000, wait.dur());
    assertEquals("0", wait.ret());
    assertEquals("FUTEX_WAIT_PRIVATE", wait.attr("op"));
    assertEquals("0x1000", wait.attr("uaddr"));
    assertEquals("0.0", wait.who());
    assertEquals("1.0", rs.get(1).who());
    assertEquals("1", rs.get(2).ret());
    String bare = text.replace("[pid  101]", "101").replace("[pid  102]", "102");
    assertEquals(Traces.cst(Traces.strace(text)), Traces.cst(Traces.strace(bare)));
  }

  @Test
  void cloneMakesThreadsAndProcessesSignalsAndExitsBecomeEvents() {
    String text =
        """
        10 1.000000 execve("/bin/app", ["app", "a,b"], 0x7ff /* 3 vars */) = 0 <0.000100>
        10 1.000200 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD, child_tid=0x7f} => {parent_tid=[11]}, 88) = 11 <0.000050>
        11 1.000300 rseq(0x7f, 0x20, 0, 0x53053053) = 0 <0.000002>
        11 1.000400 exit(0) = ?
        11 1.000500 +++ exited with 0 +++
        10 1.000600 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = 12 <0.000090>
        12 1.000700 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=5, tv_nsec=0},  <unfinished ...>
        10 1.000800 kill(12, SIGTERM) = 0 <0.000010>
        12 1.000900 <... clock_nanosleep resumed>{tv_sec=4, tv_nsec=9}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal) <0.000200>
        12 1.001000 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=10, si_uid=0} ---
        12 1.001100 +++ killed by SIGTERM +++
        10 1.001200 exit_group(3) = ?
        10 1.001300 +++ exited with 3 +++
        """;
    List<TraceItem> items = Traces.items(Traces.strace(text));
    List<TraceRecord> rs =
        items.stream().filter(i -> i instanceof TraceRecord).map(i -> (TraceRecord) i).toList();
    assertEquals("!start", rs.get(0).op());
    assertEquals("/bin/app", rs.get(0).attr("exe"));
    assertEquals("app,a%2Cb", rs.get(0).attr("argv"));
    assertEquals("clone", rs.get(1).op());
    assertEquals("0.1", rs.get(1).attr("child"));
    assertEquals("clone3", rs.get(1).attr("orig"));
    assertEquals("exit", rs.get(2).op()); // rseq dropped
    assertEquals("?", rs.get(2).ret());
    assertEquals(TraceRecord.UNKNOWN_DUR, rs.get(2).dur());
    assertEquals("!exit", rs.get(3).op());
    assertEquals("0", rs.get(3).attr("code"));
    assertEquals("1.0", rs.get(4).attr("child"));
    TraceRecord sleep = rs.get(5);
    assertEquals("nanosleep", sleep.op());
    assertEquals("1.0", sleep.who());
    assertEquals("5000000000", sleep.attr("req"));
    assertEquals("-ERESTART_RESTARTBLOCK", sleep.ret());
    assertEquals("kill", rs.get(6).op());
    assertEquals("SIGTERM", rs.get(6).attr("sig"));
    assertEquals("!signal", rs.get(7).op());
    assertEquals("0.0", rs.get(7).attr("from"));
    assertEquals("SIGTERM", rs.get(8).attr("sig"));
    assertEquals("!exit", rs.get(8).op());
    assertEquals("3", rs.get(10).attr("code"));
    assertTrue(
        items.contains(new TraceComment(" dropped x86-64 start-up calls: rseq=1", 0)), "" + items);
    assertTrue(
        items.contains(new TraceHeader("thread", List.of("0.1"), List.of(Attr.of("tid", 11)), 0)));
  }

  @Test
  void canonicalNames() {
    String text =
        """
        openat(AT_FDCWD</srv/w>, "d/f", O_WRONLY|O_CREAT, 0644) = 3</srv/w/d/f>
        openat(3</srv/w/d>, "g", O_RDONLY) = 4</srv/w/d/g>
        newfstatat(3</srv/w/d/f>, "", {st_mode=S_IFREG|0644, ...}, AT_EMPTY_PATH) = 0
        newfstatat(AT_FDCWD, "/x", 0x7ff, AT_SYMLINK_NOFOLLOW) = -1 ENOENT (No such file or directory)
        statx(AT_FDCWD, "/y", AT_STATX_SYNC_AS_STAT, STATX_ALL, {stx_mask=0}) = 0
        unlinkat(AT_FDCWD, "dir", AT_REMOVEDIR) = 0
        unlinkat(AT_FDCWD, "file", 0) = 0
        renameat2(AT_FDCWD, "a", AT_FDCWD, "b", RENAME_NOREPLACE) = 0
        prlimit64(0, RLIMIT_NOFILE, NULL, {rlim_cur=1024, rlim_max=4096}) = 0
        prlimit64(0, RLIMIT_NOFILE, {rlim_cur=4096, rlim_max=4096}, NULL) = 0
        pipe2([3, 4], O_CLOEXEC) = 0
        dup3(3, 5, O_CLOEXEC) = 5
        pread64(3</a b>, "\\x7fELF"..., 832, 64) = 832
        writev(1, [{iov_base="ab", iov_len=2}, {iov_base="cde", iov_len=3}], 2) = 5
        umask(022) = 022
        getrandom("\\x01", 8, GRND_NONBLOCK) = 8
        arch_prctl(ARCH_SET_FS, 0x7f) = 0
        mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3</lib/x.so>, 0) = 0x7f0000
        """;
    List<TraceRecord> rs = imp(text);
    int k = 0;
    TraceRecord open = rs.get(k++);
    assertEquals("open", open.op());
    assertEquals("d/f", open.attr("path"));
    assertEquals("/srv/w", open.attr("cwd"));
    assertEquals("O_WRONLY|O_CREAT", open.attr("flags"));
    assertEquals("0644", open.attr("mode"));
    assertEquals("openat", open.attr("orig"));
    TraceRecord at = rs.get(k++);
    assertEquals("/srv/w/d/g", at.attr("path"));
    assertEquals("3", at.attr("dirfd"));
    assertEquals("/srv/w/d", at.attr("dirfdpath"));
    TraceRecord fstat = rs.get(k++);
    assertEquals("fstat", fstat.op());
    assertEquals("3", fstat.attr("fd"));
    assertEquals("/srv/w/d/f", fstat.attr("fdpath"));
    assertEquals("lstat", rs.get(k).op());
    assertEquals("-ENOENT", rs.get(k++).ret());
    assertEquals("stat", rs.get(k).op());
    assertEquals("statx", rs.get(k++).attr("orig"));
    assertEquals("rmdir", rs.get(k++).op());
    assertEquals("unlink", rs.get(k++).op());
    TraceRecord ren = rs.get(k++);
    assertEquals("rename", ren.op());
    assertEquals("b", ren.attr("path2"));
    assertEquals("getrlimit", rs.get(k).op());
    assertEquals("RLIMIT_NOFILE", rs.get(k++).attr("res"));
    assertEquals("setrlimit", rs.get(k++).op());
    assertEquals("pipe", rs.get(k++).op());
    TraceRecord dup = rs.get(k++);
    assertEquals("dup2", dup.op());
    assertEquals("5", dup.attr("newfd"));
    TraceRecord pread = rs.get(k++);
    assertEquals("/a%20b", pread.attr("fdpath"));
    assertEquals("832", pread.attr("count"));
    assertEquals("64", pread.attr("off"));
    TraceRecord wv = rs.get(k++);
    assertEquals("5", wv.attr("count"));
    assertEquals("2", wv.attr("iov"));
    assertEquals("18", rs.get(k++).ret()); // umask returns octal 022
    TraceRecord mm = rs.get(k++);
    assertEquals("mmap", mm.op());
    assertEquals("0x7f0000", mm.ret());
    assertNull(mm.attr("addr"));
    assertEquals("/lib/x.so", mm.attr("fdpath"));
    assertEquals(k, rs.size());
  }

  @Test
  void stderrOutputWithInterleavedAttachMessages() {
    String text =
        """
        clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLDstrace: Process 7 attached
        , child_tidptr=0x7f) = 7
        [pid     7] getpid( <unfinished ...>
        [pid     6] wait4(-1,  <unfinished ...>
        [pid     7] <... getpid resumed>) = 7
        [pid     7] exit_group(0) = ?
        [pid     7] +++ exited with 0 +++
        <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 7
        exit_group(0) = ?
        +++ exited with 0 +++
        """;
    List<TraceItem> items = Traces.items(Traces.strace(text));
    List<TraceRecord> rs =
        items.stream().filter(i -> i instanceof TraceRecord).map(i -> (TraceRecord) i).toList();
    assertEquals(7, rs.size());
    assertEquals("clone", rs.get(0).op());
    assertEquals("1.0", rs.get(0).attr("child"));
    assertEquals("1.0", rs.get(1).who());
    assertEquals("wait4", rs.get(2).op());
    assertEquals("0.0", rs.get(2).who());
    assertEquals("7", rs.get(2).ret());
    assertEquals("0.0", rs.get(6).who());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not strace|hello world\\n|1|1",
        "no result|close(3)\\n|1|9",
        "unclosed args|close(3 = 0\\n|1|7",
        "bad result|close(3) = zero\\n|1|12",
        "bad time|25:00:00 close(3) = 0\\n|1|1",
        "mixed clocks|10:00:00 close(3) = 0\\n1795277501.1 close(3) = 0\\n|2|1",
        "missing clock|10:00:00 close(3) = 0\\nclose(3) = 0\\n|2|1",
        "bad signal|--- nothing ---\\n|1|5",
        "bad exit|+++ vanished +++\\n|1|5",
        "wrong resume|read(3,  <unfinished ...>\\n<... write resumed>) = 1\\n|2|6",
        "resume without a name|read(3,  <unfinished ...>\\n<... resumed>) = 1\\n|2|1",
        "truncated|close(3) = 0\\nclo|2|4",
        "empty|''|1|1",
        "epoch seconds beyond 2^63 ns|99999999999.5 close(3) = 0\\n|1|1",
        "duration beyond 2^63 ns|close(3) = 0 <9999999999.000000>\\n|1|14",
        "whole-second duration beyond 2^63 ns|close(3) = 0 <9999999999>\\n|1|14",
        "summed durations beyond 2^63 ns|close(3) = 0 <6000000000.0>\\nclose(3) = 0 <6000000000.0>\\n|2|1",
        "negative count|read(3, \"\", -5) = 0\\n|1|6",
        "descriptor beyond an int|close(4294967296) = 0\\n|1|7",
        "negative count of an abandoned call|read(3, \"\", -5 <unfinished ...>\\nclose(3) = 0\\n|1|6",
      })
  void brokenInputIsRejectedWithItsLocation(String what, String text, int line, int col) {
    String t = text.replace("\\n", "\n");
    InputException e =
        assertThrows(InputException.class, () -> Traces.items(Traces.strace(t)), what);
    assertEquals(line, e.location().line(), what + ": " + e.getMessage());
    assertEquals(col, e.location().column(), what + ": " + e.getMessage());
  }

  @Test
  void blockedCallsLeaveTheWindowAndArePutOutWhenTheyComplete() {
    StringBuilder sb =
        new StringBuilder("1 1.000000 futex(0x10, FUTEX_WAIT, 0, NULL <unfinished ...>\n");
    for (int i = 0; i < 50; i++) {
      sb.append("2 ")
          .append(String.format(java.util.Locale.ROOT, "1.%06d", i + 1))
          .append(" getpid() = 2\n");
    }
    sb.append("1 1.000100 <... futex resumed>) = 0\n");
    StraceImporter small =
        new StraceImporter(
            new java.io.ByteArrayInputStream(
                sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            "t",
            "t",
            1 << 20,
            8);
    String out = Traces.cst(small);
    List<TraceRecord> rs = Traces.records(Traces.reader(out));
    assertEquals(51, rs.size());
    assertEquals("futex", rs.get(rs.size() - 1).op());
    assertEquals(0, rs.get(rs.size() - 1).ts());
    assertTrue(out.contains("written at completion"), out);
    // with the default window the futex keeps its place at the start
    assertEquals("futex", imp(sb.toString()).get(0).op());
  }

  @Test
  void decorationsOfOtherOptionsAreSkipped() {
    String text =
        """
        7<python3> 1795277501.000001 [00007f1e5d4c8a3d] [  0] read(3, "x", 1) = 1 <0>
         > /usr/lib/x86_64-linux-gnu/libc.so.6(read+0x11) [0x114a3d]
        7<python3> 1795277501.000002 [00007f1e5d4c8a3d] [  3] close(3) = 0 <1>
        7<python3> 1795277501.000003 +++ exited with 0 +++
        % time     seconds  usecs/call     calls    errors syscall
        ------ ----------- ----------- --------- --------- ----------------
        100.00    0.000010          10         1           read
        """;
    List<TraceRecord> rs = imp(text);
    assertEquals(3, rs.size());
    assertEquals("read", rs.get(0).op()); // -Y comm, -i address, -n number, -k frame skipped
    assertEquals(0, rs.get(0).dur()); // --syscall-times=s
    assertEquals(1_000_000_000L, rs.get(1).dur());
    assertEquals("!exit", rs.get(2).op());
  }

  @Test
  void unknownCallsAreRejectedAtTheirNameWhenAsked() {
    String t =
        "100 getpid() = 100\n100 statx(AT_FDCWD, \"/\", 0, STATX_ALL, {}) = 0\n"
            + "100 rseq(0x7f, 32, 0, 0x53053053) = 0\n100 launch_missiles(1) = 0\n";
    assertEquals(3, Traces.records(Traces.strace(t)).size());
    StraceImporter imp =
        new StraceImporter(
            new java.io.ByteArrayInputStream(t.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "t.strace",
            "t.strace");
    imp.knownCalls(SyscallClasses.load()::lists);
    InputException e = assertThrows(InputException.class, () -> Traces.items(imp));
    assertEquals(4, e.location().line());
    assertEquals(5, e.location().column());
    assertTrue(e.getMessage().startsWith("unknown system call 'launch_missiles'"), e.getMessage());
  }

  @Test
  void negativeOrOverlongTimespecsAreNotRequests() {
    // a real EINVAL: strace prints what the program passed; no req= is written for it
    List<TraceRecord> rs =
        imp(
            "nanosleep({tv_sec=-1, tv_nsec=0}, NULL) = -1 EINVAL (Invalid argument)\n"
                + "nanosleep({tv_sec=1, tv_nsec=99999999999999999}, NULL) = -1 EINVAL (x)\n");
    assertEquals(null, rs.get(0).attr("req"));
    assertEquals(null, rs.get(1).attr("req"));
  }

  @Test
  void realFailedCallsWithNegativeSignedArgumentsAreKept() {
    List<TraceRecord> rs =
        imp(
            "ftruncate(3, -1) = -1 EINVAL (Invalid argument)\n"
                + "readv(3, 0x7ffd, -1) = -1 EINVAL (Invalid argument)\n"
                + "lseek(3, -5, SEEK_CUR) = 10\n"
                + "close(-1) = -1 EBADF (Bad file descriptor)\n");
    assertEquals("-1", rs.get(0).attr("len"));
    assertEquals("-1", rs.get(1).attr("iov"));
    assertEquals("-5", rs.get(2).attr("off"));
    assertEquals("-1", rs.get(3).attr("fd"));
  }

  @Test
  void aTraceWithoutCallsIsRejected() {
    String summaryOnly =
        "% time     seconds  usecs/call     calls    errors syscall\n100.00 0.1 1 1 read\n";
    InputException e =
        assertThrows(InputException.class, () -> Traces.items(Traces.strace(summaryOnly)));
    assertTrue(e.getMessage().startsWith("no system calls"), e.getMessage());
  }
}
