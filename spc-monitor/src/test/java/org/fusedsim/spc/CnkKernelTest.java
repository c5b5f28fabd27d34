package org.fusedsim.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.chip.ChipParams;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class CnkKernelTest {
  private final CnkParams p = CnkParams.defaults();
  private final Simulation sim = new Simulation();
  private final Chip chip = new Chip(sim, ChipParams.defaults());
  private final CnkKernel k = new CnkKernel(sim, p);

  /** Integer work that takes {@code ps} on a thread issuing alone on its core. */
  private static Work integerFor(long ps) {
    return Work.integer(ps / (double) Time.BGQ_CYCLE);
  }

  /** Three threads ship a write of 4 KiB to a file at once; returns when each call returned. */
  private List<Long> shipThree(int... threads) {
    List<Long> done = new ArrayList<>();
    for (int t : threads) {
      k.syscall(
          chip.thread(t),
          new Syscall("write", 5, "/gpfs/out", 4096),
          CnkRoute.SHIP,
          r -> {
            assertEquals(4096, r.value());
            done.add(sim.now());
          });
    }
    sim.run();
    return done;
  }

  private long exchange() {
    return p.shipExchangePs() + p.shipBandwidth().transferTime(4096);
  }

  @Test
  void shippedCallsOfANodeAreSerializedByTheLock() {
    // Threads on three cores: each trap runs at full speed, all three reach the lock at once and
    // the exchanges follow each other.
    List<Long> done = shipThree(0, 4, 8);
    long one = p.syscallPs() + exchange();
    assertEquals(List.of(one, one + exchange(), one + 2 * exchange()), done);
    assertEquals(3, k.shipped());
    assertEquals(2 * exchange(), k.lockWait().max());
    // a caller waits for its reply without issuing: its thread ran only the trap's kernel code
    assertEquals(p.syscallPs(), chip.thread(8).busyTime());
  }

  @Test
  void threeCallersOnOneCoreShareItsIntegerIssueBeforeTheLock() {
    // Threads 0-2 of core 0: the three traps are integer kernel code at once, so the core's one
    // integer issue slot per cycle is split three ways and each trap takes three times as long.
    // They reach the lock together; the exchanges themselves issue nothing on the chip.
    List<Long> done = shipThree(0, 1, 2);
    long one = 3 * p.syscallPs() + exchange();
    assertEquals(List.of(one, one + exchange(), one + 2 * exchange()), done);
    assertEquals(2 * exchange(), k.lockWait().max());
  }

  @Test
  void stdioHasALockOfItsOwn() {
    // A write to stdout (stdiod) and one to a file (sysiod) issued together on two cores: each
    // takes its own node-wide lock, so neither waits; two stdout writes wait for each other.
    List<Long> done = new ArrayList<>();
    k.syscall(
        chip.thread(0), new Syscall("write", 1, "", 4096), CnkRoute.SHIP, r -> done.add(sim.now()));
    k.syscall(
        chip.thread(4),
        new Syscall("write", 5, "/gpfs/out", 4096),
        CnkRoute.SHIP,
        r -> done.add(sim.now()));
    k.syscall(
        chip.thread(8), new Syscall("write", 2, "", 4096), CnkRoute.SHIP, r -> done.add(sim.now()));
    sim.run();
    long one = p.syscallPs() + exchange();
    assertEquals(List.of(one, one, one + exchange()), done);
    assertEquals(0, k.lockWait().max());
    assertEquals(exchange(), k.stdioLockWait().max());
  }

  @Test
  void localCallCostsEntryAndBody() {
    k.syscall(chip.thread(0), Syscall.of("getpid"), CnkRoute.LOCAL, r -> {});
    sim.run();
    assertEquals(p.syscallPs() + p.localServicePs(), sim.now());
    assertEquals(1, k.local());
  }

  @Test
  void rejectedCallsCostOnlyTheEntryAndReturnTheirErrno() {
    List<SyscallResult> results = new ArrayList<>();
    k.syscall(chip.thread(0), Syscall.of("fork"), CnkRoute.ENOSYS, results::add);
    k.syscall(chip.thread(4), Syscall.of("mmap"), CnkRoute.EINVAL, results::add);
    k.syscall(chip.thread(8), Syscall.of("setuid"), CnkRoute.EPERM, results::add);
    sim.run();
    assertEquals(
        List.of(new SyscallResult(-1, 38), new SyscallResult(-1, 22), new SyscallResult(-1, 1)),
        results);
    assertEquals(p.syscallPs(), sim.now());
  }

  @Test
  void workIsNotStretchedByATick() {
    // CNK arms no periodic tick: 25 ms of work ends after exactly 25 ms, however many 10 ms
    // periods it spans.
    long[] end = {-1};
    k.compute(chip.thread(0), integerFor(Time.ms(25)), () -> end[0] = sim.now());
    sim.run();
    assertEquals(Time.ms(25), end[0]);
  }

  @Test
  void aSiblingsCallSlowsIntegerWorkButNotFloatingPointWork() {
    long work = Time.us(1);
    long call = p.syscallPs() + p.localServicePs();
    // Integer work on thread 0 and a local call on thread 1 of the same core: while both issue,
    // each gets half of the integer slot, so the call takes 2 * call and the work has done
    // call's worth by then; the rest of the work runs at full speed.
    long[] end = {-1, -1};
    k.compute(chip.thread(0), integerFor(work), () -> end[0] = sim.now());
    k.syscall(chip.thread(1), Syscall.of("getpid"), CnkRoute.LOCAL, r -> end[1] = sim.now());
    sim.run();
    assertEquals(2 * call, end[1]);
    assertEquals(2 * call + (work - call), end[0]);

    // Floating-point work uses the other slot: neither slows the other.
    Simulation s2 = new Simulation();
    Chip c2 = new Chip(s2, ChipParams.defaults());
    CnkKernel k2 = new CnkKernel(s2, p);
    long[] end2 = {-1, -1};
    k2.compute(
        c2.thread(0), Work.floatingPoint(work / (double) Time.BGQ_CYCLE), () -> end2[0] = s2.now());
    k2.syscall(c2.thread(1), Syscall.of("getpid"), CnkRoute.LOCAL, r -> end2[1] = s2.now());
    s2.run();
    assertEquals(call, end2[1]);
    assertEquals(work, end2[0]);
  }

  @Test
  void aCallFromAThreadStillComputingIsAModelError() {
    HardwareThread t = chip.thread(0);
    k.compute(t, integerFor(Time.us(1)), () -> {});
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> k.syscall(t, Syscall.of("getpid"), CnkRoute.LOCAL, r -> {}));
    assertTrue(e.getMessage().contains("is busy"), e.getMessage());
  }
}
