package org.fusedsim.cl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.spc.CnkRoute;
import org.fusedsim.spc.Syscall;
import org.junit.jupiter.api.Test;

class RoutingAndLaunchTest {
  private final RoutingTable table = RoutingTable.load();

  @Test
  void cnkRoutesFileCallsByPathPrefixAndStdioToTheIoNode() {
    assertEquals(CnkRoute.LOCAL, table.cnk(Syscall.of("getpid")));
    assertEquals(CnkRoute.SHIP, table.cnk(new Syscall("write", 1, "", 64)));
    assertEquals(CnkRoute.LOCAL, table.cnk(new Syscall("write", 5, "/dev/shm/x", 64)));
    assertEquals(CnkRoute.SHIP, table.cnk(new Syscall("open", -1, "/gpfs/x", 0)));
    assertEquals(CnkRoute.ENOSYS, table.cnk(Syscall.of("fork")));
    assertEquals(CnkRoute.EPERM, table.cnk(Syscall.of("setuid")));
    assertEquals(CnkRoute.ENOSYS, table.cnk(Syscall.of("no_such_call")));
  }

  @Test
  void releasedClEndsTheJobWhereCnkcompatServes() {
    Syscall pread = new Syscall("pread64", 3, "/tmp/f", 4096);
    Route rel = table.fusedos(pread, Profile.FUSEDOS_RELEASED, p -> false);
    assertTrue(rel.abortsJob());
    Route compat = table.fusedos(pread, Profile.FUSEDOS_CNKCOMPAT, p -> false);
    assertEquals(Route.of(ServiceClass.VFS), compat);
    assertEquals(
        Route.of(ServiceClass.ION),
        table.fusedos(pread, Profile.FUSEDOS_CNKCOMPAT, p -> p.startsWith("/tmp")));
    assertEquals(
        new Route(ServiceClass.UNS, Route.EINVAL, false),
        table.fusedos(Syscall.of("rt_sigaction"), Profile.FUSEDOS_RELEASED, p -> false));
    assertEquals(
        Route.of(ServiceClass.CL),
        table.fusedos(Syscall.of("rt_sigaction"), Profile.FUSEDOS_CNKCOMPAT, p -> false));
    assertEquals(
        Route.of(ServiceClass.LNX),
        table.fusedos(Syscall.of("futex"), Profile.FUSEDOS_CNKCOMPAT, p -> false));
  }

  @Test
  void placementPolicies() {
    // cores: one thread per core first (4 SPCs apart), then the next hardware thread.
    assertArrayEquals(new int[] {0, 4, 1, 5, 2, 6, 3, 7}, Placement.CORES.place(0, 8));
    assertArrayEquals(new int[] {8, 9, 10, 11, 12}, Placement.LINEAR.place(8, 5));
    assertArrayEquals(new int[] {0, 1, 4, 5, 2, 3, 6, 7}, Placement.TWO_THREADS.place(0, 8));
  }

  @Test
  void launchRules() {
    LaunchRules.check(0, 1, 60, 60);
    LaunchRules.check(4, 2, 28, 60);
    LaunchException e = assertThrows(LaunchException.class, () -> LaunchRules.check(2, 1, 4, 60));
    assertEquals("first_spc", e.key());
    e = assertThrows(LaunchException.class, () -> LaunchRules.check(0, 4, 16, 60));
    assertEquals("threads", e.key());
    e = assertThrows(LaunchException.class, () -> LaunchRules.check(8, 1, 56, 60));
    assertEquals("threads", e.key());
  }
}
