package org.fusedsim.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class CnkKernelTest {
  private final CnkParams p = CnkParams.defaults();

  @Test
  void shippedCallsOfANodeAreSerializedByTheLock() {
    Simulation sim = new Simulation();
    CnkKernel k = new CnkKernel(sim, p);
    List<Long> done = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      k.syscall(new Syscall("write", 1, "", 0), CnkRoute.SHIP, r -> done.add(sim.now()));
    }
    sim.run();
    long one = p.syscallPs() + p.shipExchangePs();
    // All three trap at once; exchanges follow each other.
    assertEquals(List.of(one, one + p.shipExchangePs(), one + 2 * p.shipExchangePs()), done);
    assertEquals(3, k.shipped());
    assertEquals(2 * p.shipExchangePs(), k.lockWait().max());
  }

  @Test
  void localCallCostsEntryAndBody() {
    Simulation sim = new Simulation();
    CnkKernel k = new CnkKernel(sim, p);
    k.syscall(Syscall.of("getpid"), CnkRoute.LOCAL, r -> {});
    sim.run();
    assertEquals(p.syscallPs() + p.localServicePs(), sim.now());
  }

  @Test
  void workSpanningTicksIsStretchedByEachTick() {
    Simulation sim = new Simulation();
    CnkKernel k = new CnkKernel(sim, p);
    // 25 ms of work from t=0 crosses the ticks at 10 and 20 ms: two tick costs.
    assertEquals(Time.ms(25) + 2 * p.tickPs(), k.endOf(0, Time.ms(25)));
    // Work ending exactly before a tick is not stretched.
    assertEquals(Time.ms(5), k.endOf(Time.ms(1), Time.ms(4)));
    // Stretching can push the end over the next tick: it costs one more.
    // 20 ms minus half a tick crosses the 10 ms tick; that pushes the end over 20 ms: two ticks.
    long work = Time.ms(20) - p.tickPs() / 2;
    assertEquals(Time.ms(20) + p.tickPs() * 3 / 2, k.endOf(0, work));
  }
}
