package org.fusedsim.cl.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.machine.TestMachines;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class DirectNodeTest {
  /** The timeline of one getpid from application thread 0 (an SPC) under {@code personality}. */
  private static Timeline getpid(Machine m) {
    Simulation sim = m.sim();
    NodeOs node = m.node(0);
    Timeline tl = new Timeline();
    boolean[] returned = {false};
    // a little computing first: the server of the SPC is asleep by the time it calls
    node.boot(
        new Runnable[] {
          () ->
              node.compute(
                  0,
                  Time.us(50),
                  () -> node.syscall(0, Syscall.of("getpid"), tl, r -> returned[0] = true))
        });
    sim.runUntil(Time.s(7));
    assertTrue(returned[0], node.personality() + ": getpid did not return");
    assertTrue(tl.complete(), node.personality() + ": not every step was passed");
    return tl;
  }

  @Test
  void theKernelServesAnSpcCallWithoutClsTripThroughUserSpace() {
    Machine fm = TestMachines.machine(new Simulation(), "fusedos");
    Machine dm = TestMachines.machine(new Simulation(), "direct");
    Timeline fusedos = getpid(fm);
    Timeline direct = getpid(dm);
    // The same split, monitor and IPI handler: trap to wake_up cost the same, and so does the way
    // back from the RESUME store to the application.
    for (Step s :
        new Step[] {
          Step.IPI_SENT, Step.HANDLER, Step.WOKEN, Step.STORE_VISIBLE, Step.SPC_AWAKE, Step.RETURNED
        }) {
      assertEquals(fusedos.step(s), direct.step(s), s.stepName());
    }
    Sections cfg = dm.spec().config();
    LinuxParams lp = LinuxParams.from(cfg.section(LinuxParams.KIND));
    ClParams cl = ClParams.from(cfg.section(ClParams.KIND));
    DirectParams d = DirectParams.from(cfg.section(DirectParams.KIND));
    // Wakeup: both wake a sleeping thread on CPU 0 from its own IPI handler (irq exit, switch),
    // but CL's pthread must then leave the wait ioctl for user space; the kernel worker is already
    // where it serves the call.
    assertEquals(lp.irqExitPs() + lp.contextSwitchPs(), direct.step(Step.CL_RUNNING));
    assertEquals(direct.step(Step.CL_RUNNING) + lp.syscallExitPs(), fusedos.step(Step.CL_RUNNING));
    // Service: the kernel reads the context and dispatches on the call number itself, with no
    // user-space unpacking into a call of CL's.
    assertEquals(
        d.contextReadPs() + d.dispatchPs() + d.internalPs(), direct.step(Step.RESUME_STORE));
    assertEquals(
        cl.contextReadPs() + cl.dispatchPs() + cl.clInternalPs(), fusedos.step(Step.RESUME_STORE));
    assertTrue(direct.step(Step.RESUME_STORE) < fusedos.step(Step.RESUME_STORE));
    // So the whole call is shorter by exactly those two differences.
    assertEquals(
        fusedos.total()
            - lp.syscallExitPs()
            - (fusedos.step(Step.RESUME_STORE) - direct.step(Step.RESUME_STORE)),
        direct.total());
    assertTrue(direct.total() < fusedos.total());
  }
}
