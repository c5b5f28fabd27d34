package org.fusedsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The class table against rows of the syscall reference read by hand, and its coverage. */
class SyscallClassesTest {
  private static final SyscallClasses TABLE = SyscallClasses.load();

  /**
   * Rows of syscalls.md section 7.3 read by hand: pread64 "not in CL switch: job aborted", ship
   * under CNK; futex "Linux futex() on the CL thread", CNK "local (CNK scheduler)"; ftruncate "FS
   * method returns ENOSYS" in the released CL; rt_sigaction "returns EINVAL" in CL; setuid EPERM
   * under CNK, Linux setuid in CL; fdatasync ENOSYS under CNK; rseq dropped; getuid, gettimeofday
   * and rt_sigprocmask passed by the released CL to Linux (section 3.2), tgkill in its switch
   * (SIGABRT to itself); lseek shipped by CNK, kept by Linux's descriptor table.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "pread64,UNS:ABORT,FILE,FILE,FILE",
    "futex,LNX,LNX,CL,LNX",
    "ftruncate,UNS:ENOSYS,FILE,FILE,FILE",
    "rt_sigaction,UNS:EINVAL,CL,CL,LNX",
    "setuid,LNX,UNS:EPERM,UNS:EPERM,LNX",
    "fdatasync,UNS:ABORT,FILE,UNS:ENOSYS,FILE",
    "rseq,DROP,DROP,DROP,DROP",
    "socket,LNX,LNX,ION,LNX",
    "brk,CL,CL,CL,LNX",
    "getuid,LNX,CL,CL,LNX",
    "gettimeofday,LNX,CL,CL,LNX",
    "rt_sigprocmask,LNX,CL,CL,LNX",
    "tgkill,CL,CL,CL,LNX",
    "lseek,VFS,VFS,ION,VFS",
  })
  void rowsMatchTheReference(String call, String rel, String compat, String cnk, String linux) {
    assertEquals(rel, TABLE.classOf("fusedos-released", call));
    assertEquals(compat, TABLE.classOf("fusedos-cnkcompat", call));
    assertEquals(cnk, TABLE.classOf("cnk", call));
    assertEquals(linux, TABLE.classOf("linux", call));
  }

  static java.util.List<String> traces() {
    return Traces.realTraces();
  }

  /** Every canonical name the importer writes for the real traces has a row. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void everyImportedCallIsListed(String name) {
    TraceStats stats = new TraceStats(TABLE);
    try (TraceSource src = Traces.strace(Traces.bytes(name))) {
      TraceItem i;
      while ((i = src.next()) != null) {
        stats.add(i);
      }
    }
    for (String call : stats.callCounts().keySet()) {
      assertTrue(TABLE.lists(call), call + " from " + name);
    }
    for (var byProfile : stats.classCounts().values()) {
      assertEquals(stats.calls(), byProfile.values().stream().mapToLong(Long::longValue).sum());
    }
  }
}
