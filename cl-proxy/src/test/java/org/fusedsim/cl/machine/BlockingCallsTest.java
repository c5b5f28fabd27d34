package org.fusedsim.cl.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.cl.fusedos.FusedosNode;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.spc.Block;
import org.fusedsim.spc.CnkParams;
import org.fusedsim.spc.SpcState;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocking calls are the kernel's: a futex wait sleeps until another thread's wake of the same
 * word, a timed wait ends at its timeout, a nanosleep lasts at least its length, under every
 * personality; under fusedos the CL pthread sleeps in Linux while its SPC stays trapped, under cnk
 * the wake is an IPI to the waiter's hardware thread and a sleep one decrementer interrupt.
 */
class BlockingCallsTest {
  private static final long WORD = 7;

  private static double metric(NodeOs node, String name) {
    Metrics m = new Metrics();
    node.report(m);
    return m.get(name).orElseThrow(() -> new AssertionError("no metric " + name)).value();
  }

  /** Thread 0 waits on WORD; thread 1 computes {@code delay} and wakes it. Returns times. */
  private static long[] waitAndWake(Simulation sim, NodeOs node, long delay) {
    return waitAndWake(sim, node, delay, () -> {});
  }

  /** As above; {@code probe} runs half-way through the delay. */
  private static long[] waitAndWake(Simulation sim, NodeOs node, long delay, Runnable probe) {
    long[] at = {-1, -1, -1, -1}; // waiter called, waiter returned, wake called, wake returned
    SyscallResult[] res = new SyscallResult[2];
    node.boot(
        new Runnable[] {
          () -> {
            at[0] = sim.now();
            sim.schedule(delay / 2, probe);
            node.syscall(
                0,
                Syscall.futexWait(WORD, -1),
                new Timeline(),
                r -> {
                  at[1] = sim.now();
                  res[0] = r;
                  node.exit(0, () -> {});
                });
          },
          () ->
              node.compute(
                  1,
                  delay,
                  () -> {
                    at[2] = sim.now();
                    node.syscall(
                        1,
                        Syscall.futexWake(WORD, 1),
                        new Timeline(),
                        r -> {
                          at[3] = sim.now();
                          res[1] = r;
                          node.exit(1, () -> {});
                        });
                  })
        });
    sim.runUntil(Time.s(8));
    assertEquals(new SyscallResult(0, 0), res[0], "the waiter is woken");
    assertEquals(new SyscallResult(1, 0), res[1], "the wake releases one waiter");
    return at;
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos", "cnk", "linux", "direct"})
  void aFutexWaitSleepsUntilTheWake(String personality) {
    Simulation sim = new Simulation();
    NodeOs node = TestMachines.machine(sim, personality).node(0);
    long delay = Time.us(200);
    long[] at = waitAndWake(sim, node, delay);
    assertTrue(at[1] > at[2], personality + ": the waiter returned before the wake was made");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos", "cnk", "linux", "direct"})
  void aTimedWaitEndsAtItsTimeoutAndASleepLastsItsLength(String personality) {
    Simulation sim = new Simulation();
    NodeOs node = TestMachines.machine(sim, personality).node(0);
    long[] at = {-1, -1, -1};
    SyscallResult[] res = new SyscallResult[1];
    node.boot(
        new Runnable[] {
          () -> {
            at[0] = sim.now();
            node.syscall(
                0,
                Syscall.futexWait(WORD, Time.us(50)),
                new Timeline(),
                r -> {
                  at[1] = sim.now();
                  res[0] = r;
                  node.syscall(
                      0,
                      Syscall.nanosleep(Time.us(80)),
                      new Timeline(),
                      r2 -> {
                        at[2] = sim.now();
                        node.exit(0, () -> {});
                      });
                });
          }
        });
    sim.runUntil(Time.s(8));
    assertEquals(new SyscallResult(-1, Block.ETIMEDOUT), res[0]);
    assertTrue(at[1] - at[0] >= Time.us(50), personality + " wait " + (at[1] - at[0]));
    assertTrue(at[1] - at[0] < Time.us(70), personality + " wait " + (at[1] - at[0]));
    assertTrue(at[2] - at[1] >= Time.us(80), personality + " sleep " + (at[2] - at[1]));
  }

  @Test
  void underCnkTheWakeIsAnIpiToTheWaitersThread() {
    Simulation sim = new Simulation();
    NodeOs node = TestMachines.machine(sim, "cnk").node(0);
    CnkParams p = CnkParams.defaults();
    long ipi = InterruptParams.defaults().ipiLatencyPs();
    long delay = Time.us(200);
    long[] at = waitAndWake(sim, node, delay);
    // threads 0 and 1 are on cores 0 and 1, each alone: the waker's entry, futex body and the work
    // for the one woken thread at full speed, then the IPI, then CNK's interrupt code on the
    // waiter's thread
    assertEquals(at[2] + p.syscallPs() + p.futexPs() + p.wakeThreadPs(), at[3]);
    assertEquals(at[3] + ipi + p.interruptPs(), at[1]);
    assertEquals(1, node.hardware().interrupts().ipisSent());
    assertEquals(0, metric(node, "cnk.ticks"));
    assertEquals(1, metric(node, "cnk.futex_waits"));
  }

  @Test
  void underFusedosTheClPthreadSleepsWhileItsSpcStaysTrapped() {
    Simulation sim = new Simulation();
    Machine m = TestMachines.machine(sim, "fusedos");
    FusedosNode node = (FusedosNode) m.node(0);
    long delay = Time.us(200);
    SpcState[] midway = new SpcState[1];
    String[] pthread = new String[1];
    long[] at =
        waitAndWake(
            sim,
            node,
            delay,
            () -> {
              midway[0] = node.spcMonitor(node.spcOf(0)).state();
              pthread[0] = node.clThread(node.spcOf(0)).state().name();
            });
    // half-way through the wait the SPC is still trapped in the monitor (waitrsv) and its CL
    // pthread sleeps in Linux on the futex
    assertEquals(SpcState.WAITING, midway[0]);
    assertEquals("SLEEPING", pthread[0]);
    // two traps for the futex calls, two IPIs to CPU 0, two CL wakeups by the IPI handler; the
    // waiter's pthread is woken a third time, by the futex wake, through the scheduler. Then the
    // exits: the first thread's exit returns and traps again in glibc's exit loop, the last one's
    // ends the job: three more traps and wakeups
    assertEquals(5, metric(node, "syscalls.offloaded"));
    assertEquals(5, metric(node, "fusedos.cl_wakeups"));
    // the application's futex wait and wake, and CL's broadcast at the end of the job (the first
    // exiter's pthread is still in the wait ioctl for the second trap, which SIGUSR1 interrupts)
    assertEquals(1, metric(node, "linux.futex_waits"));
    assertEquals(2, metric(node, "linux.futex_wakes"));
    assertEquals(2, metric(node, "cl.quit_ipis"));
    assertEquals(2, metric(node, "cl.threads_left"));
    assertEquals(2, metric(node, "cl.served.lnx"));
    // after the wake the pthread is switched in, leaves the futex call and stores RESUME
    LinuxParams lp = LinuxParams.defaults();
    assertTrue(at[1] - at[3] > lp.contextSwitchPs(), "wake to return " + (at[1] - at[3]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos", "cnk", "linux", "direct"})
  void aPollSleepsUntilItsDescriptorIsReady(String personality) {
    Simulation sim = new Simulation();
    NodeOs node = TestMachines.machine(sim, personality).node(0);
    long ready = Time.us(300);
    long[] at = {-1, -1, -1};
    SpcState[] midway = new SpcState[1];
    node.boot(
        new Runnable[] {
          () -> {
            at[0] = sim.now();
            if (node instanceof FusedosNode f) {
              sim.schedule(ready / 2, () -> midway[0] = f.spcMonitor(f.spcOf(0)).state());
            }
            node.syscall(
                0,
                new Syscall("poll", 3, "", 0, new Block(Block.Kind.READY, 0, 0, ready)),
                new Timeline(),
                r -> {
                  at[1] = sim.now();
                  node.exit(0, () -> at[2] = sim.now());
                });
          }
        });
    sim.runUntil(Time.s(8));
    // the caller sleeps until the descriptor is ready, then the call returns
    assertTrue(at[1] - at[0] >= ready, personality + ": returned after " + (at[1] - at[0]));
    assertTrue(at[1] - at[0] < ready + Time.us(200), personality + ": " + (at[1] - at[0]));
    assertTrue(at[2] >= at[1], "the job ended");
    if (node instanceof FusedosNode) {
      // the SPC stays trapped in the monitor while CL's pthread sleeps in Linux
      assertEquals(SpcState.WAITING, midway[0]);
    }
  }
}
