package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.machine.TestMachines;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NodeOs#computeThenSyscall} is computing followed by the call, whatever the personality
 * does to take them in fewer events: the same call time (computing stretched by ticks and noise
 * included) and the same return.
 */
class ComputeThenSyscallTest {
  private static final long COMPUTE = Time.ms(25); // spans several 100 Hz ticks

  /** Returns [start of computing, time of the call, return], for one call after computing. */
  private static List<Long> run(String personality, boolean together) {
    Simulation sim = new Simulation();
    NodeOs node = TestMachines.machine(sim, personality).node(0);
    List<Long> out = new ArrayList<>(List.of(-1L, -1L, -1L));
    Syscall call = Syscall.of("getpid");
    Runnable entry =
        together
            ? () -> {
              out.set(0, sim.now());
              node.computeThenSyscall(
                  0,
                  COMPUTE,
                  call,
                  new Timeline(),
                  at -> out.set(1, at),
                  r -> {
                    out.set(2, sim.now());
                    node.exit(0, () -> {});
                  });
            }
            : () -> {
              out.set(0, sim.now());
              node.compute(
                  0,
                  COMPUTE,
                  () -> {
                    out.set(1, sim.now());
                    node.syscall(
                        0,
                        call,
                        new Timeline(),
                        r -> {
                          out.set(2, sim.now());
                          node.exit(0, () -> {});
                        });
                  });
            };
    node.boot(new Runnable[] {entry});
    sim.runUntil(Time.s(8));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos", "cnk", "linux", "direct"})
  void takingComputingAndCallTogetherChangesNoTime(String personality) {
    List<Long> apart = run(personality, false);
    List<Long> together = run(personality, true);
    assertEquals(apart, together);
    assertTrue(together.get(2) > together.get(1), together.toString());
    if (personality.equals("linux")) {
      // the ticks of the application's own CPU take time from the computing: the call is made
      // after start + COMPUTE
      assertTrue(together.get(1) > together.get(0) + COMPUTE, together.toString());
    } else {
      // an SPC (fusedos, direct) runs no Linux, and CNK arms no periodic tick: the application's
      // hardware thread is alone on its core and nothing interrupts it
      assertEquals(together.get(0) + COMPUTE, together.get(1));
    }
  }
}
