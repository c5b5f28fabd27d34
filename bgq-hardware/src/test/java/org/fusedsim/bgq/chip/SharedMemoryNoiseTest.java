package org.fusedsim.bgq.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.core.Simulation;
import org.fusedsim.core.param.ParamValues;
import org.junit.jupiter.api.Test;

/**
 * What a core's OS work costs the other cores through the shared L2 and DRAM, and the issue slots a
 * DRAM-bound thread leaves to its siblings.
 */
class SharedMemoryNoiseTest {
  private static final double N = 1e7;

  /** Runs stencil7 on thread 0 of core 1, with {@code osCycles} of OS work on core 0 at 1,000. */
  private static long[] stencilBesideOsWork(ChipParams params, double osCycles) {
    Simulation sim = new Simulation();
    Chip chip = new Chip(sim, params);
    long cyc = params.cyclePs();
    long[] end = {0, 0};
    chip.thread(1, 0).run(Work.of(WorkProfiles.STENCIL7, N), () -> end[0] = sim.now());
    if (osCycles > 0) {
      sim.schedule(1000 * cyc, () -> chip.thread(0, 0).run(Work.integer(osCycles), () -> {}));
    }
    sim.run();
    HardwareThread.Counters os = chip.counters(0);
    HardwareThread.Counters app = chip.counters(1);
    end[1] = Math.round(app.l2RefillCycles() * 1e6);
    assertEquals(os.dramBytes(), osCycles == 0 ? 0 : osCycles * 2 / 8, 1e-9);
    assertEquals(app.l2RefillCycles(), chip.l2RefillCycles(0), 1e-9);
    return end;
  }

  @Test
  void anSpcThreadPaysForTheL2LinesCore0sOsWorkDisplaced() {
    // Hand: stencil7 alone holds its 4 MiB of the 32 MiB L2 (pressure 1/8) and hits the L2 on
    // every L1 miss (reuse 1). 5,000 cycles of OS work on core 0 touch 5,000 x 2 B = 10,000 B of
    // L2 lines: an eighth of them were evicted (1,250 B from DRAM), and each evicts a stencil line
    // with probability 4/32: 1,250 B = 9.765625 lines, each fetched back over mlp 2. The latency
    // is the one the OS work's own traffic loads DRAM to: 0.25 B per cycle of the 42.7 GB/s x 0.7
    // = 18.68125 B per cycle sustained, rho = 0.0133824; a 128 B line serves in 6.85180 cycles, so
    // 350 + 6.85180 x rho / (1 - rho) = 350.0929 (solved to 0.01 cycle): 1,709.44 cycles.
    ChipParams params = ChipParams.defaults();
    long[] quiet = stencilBesideOsWork(params, 0);
    long[] noisy = stencilBesideOsWork(params, 5000);
    long cyc = params.cyclePs();
    assertEquals(1709.4386e6, noisy[1], 0.06e6);
    assertEquals(quiet[0] + 1709.44 * cyc, noisy[0], 2 * cyc);
  }

  @Test
  void aStreamBeyondTheL2LosesNothingItWouldHaveHitAgain() {
    // STREAM's lines are evicted before they are reused whatever the OS does: every L1 miss is an
    // L2 miss (a 128 B L2 line per two 64 B L1 lines), so OS work on core 0 costs it no refill; the
    // OS work's own lines come from DRAM (48 of the 32 MiB: pressure 1) beside the stream's traffic
    Simulation sim = new Simulation();
    Chip chip = new Chip(sim, ChipParams.defaults());
    chip.thread(1, 0).run(Work.of(WorkProfiles.STREAM_TRIAD, N), () -> {});
    sim.schedule(
        1000 * chip.params().cyclePs(), () -> chip.thread(0, 0).run(Work.integer(5000), () -> {}));
    sim.run();
    assertEquals(0, chip.l2RefillCycles(), 0);
    assertEquals(5000 * 2, chip.counters(0).dramBytes(), 1e-6);
    assertEquals(5000 * 2, chip.l2TouchedBytes(0), 0);
  }

  @Test
  void withoutL2TouchTheOtherCoresOsWorkCostsNothing() {
    ChipParams params =
        ChipParams.from(ParamValues.builder(ChipParams.SPEC).set("os_l2_touch", "0").build());
    long[] quiet = stencilBesideOsWork(ChipParams.defaults(), 0);
    Simulation sim = new Simulation();
    Chip chip = new Chip(sim, params);
    long[] end = {0};
    chip.thread(1, 0).run(Work.of(WorkProfiles.STENCIL7, N), () -> end[0] = sim.now());
    sim.schedule(
        1000 * params.cyclePs(), () -> chip.thread(0, 0).run(Work.integer(5000), () -> {}));
    sim.run();
    assertEquals(quiet[0], end[0]);
    assertEquals(0, chip.counters(0).dramBytes(), 0);
  }

  @Test
  void osWorkAloneKeepsItsCostInCycles() {
    // no profiled work on the chip: nothing is evicted, no line comes from DRAM
    Simulation sim = new Simulation();
    Chip chip = new Chip(sim, ChipParams.defaults());
    chip.thread(0, 0).run(Work.integer(5000), () -> {});
    sim.run();
    assertEquals(5000 * chip.params().cyclePs(), sim.now());
    assertEquals(0, chip.counters().dramBytes(), 0);
  }

  /**
   * A sparse stream: one load in 25 instructions, each a new 32 B piece of a 48 MiB sweep; alone at
   * the loaded latency it could issue about 0.6 per cycle, but 65 of them ask for more than DRAM
   * carries.
   */
  private static final WorkProfile SPARSE_STREAM =
      new WorkProfile("sparse_stream", 0.04, 0, 0, 0.05, 4, 0.001, 32, 48 << 20, 0, 1, 1, 2);

  @Test
  void aDramBoundThreadLeavesItsIssueSlotsToItsSibling() {
    // 64 sparse streams on cores 1-16 saturate DRAM; on core 0 one beside an integer cost. Its
    // DRAM share carries fewer instructions than its rate alone at the loaded latency, so it issues
    // only what its share carries and the integer thread takes the rest of the XU: more than the
    // half it would get if the stream kept its slots while it waited
    Simulation sim = new Simulation();
    Chip chip = new Chip(sim, ChipParams.defaults());
    for (int c = 1; c < chip.cores(); c++) {
      for (int i = 0; i < 4; i++) {
        chip.thread(c, i).run(Work.of(SPARSE_STREAM, N), () -> {});
      }
    }
    HardwareThread stream = chip.thread(0, 0);
    HardwareThread integer = chip.thread(0, 1);
    stream.run(Work.of(SPARSE_STREAM, N), () -> {});
    integer.run(Work.integer(N), () -> {});
    double alone = stream.rating().ipcAlone(1, chip.dramLatencyCycles());
    double carried = stream.memShare() * chip.params().cyclePs() / stream.bytesPerInstruction();
    // the stream would keep more than half the XU if it issued at its rate alone
    assertTrue(alone > 0.5, "rate alone " + alone);
    assertEquals(carried, stream.ipc(), 1e-9 * carried);
    assertTrue(integer.ipc() > 0.5, "integer thread issues " + integer.ipc());
    // the XU is full: the integer thread has every slot the stream leaves
    assertEquals(1, integer.ipc() + stream.ipc(), 1e-9);
  }
}
