package org.fusedsim.bgq.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class InterruptTest {
  private final Simulation sim = new Simulation();
  private final InterruptParams p = InterruptParams.defaults();

  @Test
  void ipiArrivesAfterItsLatency() {
    InterruptController ic = new InterruptController(sim, p, "node0", 68);
    List<String> log = new ArrayList<>();
    sim.schedule(Time.ns(10), () -> ic.sendIpi(17, 0, from -> log.add(from + "@" + sim.now())));
    sim.run();
    assertEquals(List.of("17@" + (Time.ns(10) + Time.cycles(200))), log);
    assertEquals(1, ic.ipisSent());
  }

  @Test
  void waitrsvWakesOnAStoreFromAnotherThreadOnly() {
    Reservations rsv = new Reservations(sim, p, 64);
    long[] woke = {-1};
    rsv.waitrsv(5, 0x1000, () -> woke[0] = sim.now());
    rsv.store(5, 0x1008); // own store: stays asleep
    rsv.store(9, 0x2000); // other line: stays asleep
    assertEquals(1, rsv.sleeping());
    sim.schedule(Time.ns(100), () -> rsv.store(0, 0x103f)); // same 64 B line
    sim.run();
    assertEquals(Time.ns(100) + Time.cycles(20), woke[0]);
    assertEquals(0, rsv.sleeping());
  }

  @Test
  void mailboxResumeCostsALineTransferPlusTheWakeup() {
    // CL on thread 0 writes RESUME; the SPC thread 4 waits on the line with waitrsv.
    MemoryParams mp = MemoryParams.defaults();
    Reservations rsv = new Reservations(sim, p, mp.lineBytes());
    Mailbox box = new Mailbox(sim, rsv, 0x3000_0000L, mp);
    long[] resumed = {-1, -1};
    rsv.waitrsv(
        4,
        box.address(),
        () ->
            box.read(
                v -> {
                  resumed[0] = sim.now();
                  resumed[1] = v;
                }));
    box.write(0, 42);
    sim.run();
    // store visible after 80 cycles, wake 20 cycles later, then the load's own 80 cycles
    assertEquals(Time.cycles(80 + 20 + 80), resumed[0]);
    assertEquals(42, resumed[1]);
  }
}
