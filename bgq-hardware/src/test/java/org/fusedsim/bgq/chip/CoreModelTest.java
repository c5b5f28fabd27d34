package org.fusedsim.bgq.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.core.Simulation;
import org.junit.jupiter.api.Test;

/** The mechanisms of the profiled core and memory model, each checked on its own. */
class CoreModelTest {
  private static final double N = 1e7;
  private final Simulation sim = new Simulation();
  private final Chip chip = new Chip(sim, ChipParams.defaults());
  private final CoreParams p = ChipParams.defaults().core();

  @Test
  void dependencyStallIsTheExpectedShortfallOfAGeometricDistance() {
    // distance always 1: a 6-cycle producer stalls its consumer 5 cycles
    assertEquals(5, CoreModel.dependencyStall(6, 1), 1e-12);
    // mean 2 (q = 1/2): sum_{k=1..5} 1 - 2^-k = 5 - (1/2 + 1/4 + 1/8 + 1/16 + 1/32) = 4.03125
    assertEquals(4.03125, CoreModel.dependencyStall(6, 2), 1e-12);
    // a 1-cycle producer never stalls
    assertEquals(0, CoreModel.dependencyStall(1, 1), 0);
  }

  @Test
  void aStalledThreadLeavesItsSlotsToItsSibling() {
    double[] out = new double[2];
    // a latency-bound thread issuing 0.2 per cycle alone and an integer thread that could issue 1
    CoreModel.issue(new double[] {0.2, 1}, new double[] {0, 0}, 2, 1, 1, out);
    assertArrayEquals(new double[] {0.2, 0.8}, out, 1e-12);
  }

  @Test
  void twoFloatingPointThreadsShareTheOneAxuWhileAnIntegerSiblingRunsFree() {
    double[] out = new double[3];
    CoreModel.issue(new double[] {1, 1, 1}, new double[] {1, 1, 0}, 3, 1, 1, out);
    assertArrayEquals(new double[] {0.5, 0.5, 1}, out, 1e-12);
  }

  @Test
  void maxMinGivesASmallDemandAllItAsksAndSplitsTheRest() {
    double[] out = new double[3];
    CoreModel.maxMin(10, new double[] {8, 2, 8}, 3, out, new int[3]);
    assertArrayEquals(new double[] {4, 2, 4}, out, 1e-12);
  }

  /** Cycles per load of one pointer-chasing thread alone over {@code footprint} bytes. */
  private double cyclesPerLoad(double footprint) {
    WorkProfile w = WorkProfiles.POINTER_CHASE.withFootprint(footprint);
    chip.thread(2, 0).run(Work.of(w, N), () -> {});
    long t0 = sim.now();
    sim.run();
    return (sim.now() - t0) / (double) chip.params().cyclePs() / (N * w.load());
  }

  @Test
  void anL1ResidentChaseWaitsTheLoadUseLatency() {
    // each load waits for the previous one (6 cycles), the add and branch of every 8 loads issue
    // in between: (8 * 6 + 2) / 8 = 6.25 cycles per load
    assertEquals(6.25, cyclesPerLoad(8 * 1024), 1e-6);
  }

  @Test
  void anL2ResidentFootprintGetsTheL2Latency() {
    // 8 MiB: 99.8% of loads miss the 16 KiB L1 and all hit the L2
    double c = cyclesPerLoad(8 << 20);
    assertEquals(p.l2Cycles(), c, 0.05 * p.l2Cycles());
  }

  @Test
  void aFootprintBeyondTheL2GetsTheDramLatency() {
    double c = cyclesPerLoad(4.0 * (1L << 30));
    assertEquals(p.dramCycles(), c, 0.05 * p.dramCycles());
  }

  @Test
  void aLatencyBoundSiblingBarelySlowsAnIntegerThread() {
    long[] alone = {0};
    long[] beside = {0};
    Simulation s1 = new Simulation();
    Chip c1 = new Chip(s1, ChipParams.defaults());
    c1.thread(0, 0).run(Work.of(WorkProfiles.INTEGER, N), () -> alone[0] = s1.now());
    s1.run();
    Simulation s2 = new Simulation();
    Chip c2 = new Chip(s2, ChipParams.defaults());
    c2.thread(0, 0).run(Work.of(WorkProfiles.INTEGER, N), () -> beside[0] = s2.now());
    c2.thread(0, 1).run(Work.of(WorkProfiles.POINTER_CHASE, N), () -> {});
    s2.run();
    // the chaser issues one instruction in ~440 cycles: its slots go to the integer thread
    assertTrue(beside[0] < 1.01 * alone[0], beside[0] + " vs " + alone[0]);
  }

  @Test
  void dramBandwidthIsSharedMaxMinAndNeverExceedsTheSustainedRate() {
    // 16 STREAM threads want ~75 GB/s: together they get the sustained rate, each an equal share
    long[] end = new long[16];
    for (int c = 0; c < 16; c++) {
      int k = c;
      chip.thread(c, 0).run(Work.of(WorkProfiles.STREAM_TRIAD, N), () -> end[k] = sim.now());
    }
    // a pointer chaser's small demand is met in full beside them
    chip.thread(16, 0).run(Work.of(WorkProfiles.POINTER_CHASE, N / 100), () -> {});
    sim.run();
    double sustained = chip.params().sustainedBytesPerPs();
    HardwareThread.Counters all = chip.counters();
    long last = 0;
    for (long e : end) {
      last = Math.max(last, e);
      assertEquals(end[0], e, end[0] * 1e-6);
    }
    assertTrue(all.dramBytes() / last <= sustained * (1 + 1e-9));
    assertTrue(all.dramBytes() / last > 0.95 * sustained);
  }

  @Test
  void loadedDramLatencyRisesWithUtilization() {
    CoreModel m = new CoreModel(ChipParams.defaults());
    assertEquals(p.dramCycles(), m.dramCycles(0), 0);
    assertTrue(m.dramCycles(0.5) > m.dramCycles(0.1));
    assertTrue(m.dramCycles(0.9) > 2 * (m.dramCycles(0.5) - p.dramCycles()) + p.dramCycles());
  }

  @Test
  void staticMappingsNeverMissTheTlbAndPagedOnesPayTableWalks() {
    long[] t = new long[2];
    double[] misses = new double[2];
    for (Translation tr : Translation.values()) {
      Simulation s = new Simulation();
      Chip c = new Chip(s, ChipParams.defaults());
      c.thread(0, 0).setTranslation(tr);
      c.thread(0, 0).run(Work.of(WorkProfiles.POINTER_CHASE, N), () -> t[tr.ordinal()] = s.now());
      s.run();
      misses[tr.ordinal()] = c.counters().tlbMisses();
    }
    assertEquals(0, misses[Translation.STATIC.ordinal()], 0);
    // 256 MiB random over a 32 MiB TLB reach of 64 KiB pages: 7/8 of the loads miss
    assertEquals(N * 0.8 * 7 / 8, misses[Translation.PAGED.ordinal()], 1);
    assertTrue(t[Translation.PAGED.ordinal()] > 1.3 * t[Translation.STATIC.ordinal()]);
  }

  @Test
  void smtHidesLatencyForIntegerButNotBeyondTheXu() {
    double one = coreIpc(WorkProfiles.INTEGER, 1);
    double two = coreIpc(WorkProfiles.INTEGER, 2);
    double four = coreIpc(WorkProfiles.INTEGER, 4);
    assertTrue(one < 0.7);
    assertTrue(two > 1.5 * one);
    assertTrue(four <= 1 + 1e-9);
  }

  @Test
  void dgemmFillsTheAxuOnlyWithSeveralThreads() {
    double fp = WorkProfiles.DGEMM.fp();
    assertTrue(fp * coreIpc(WorkProfiles.DGEMM, 1) < 0.5);
    assertTrue(fp * coreIpc(WorkProfiles.DGEMM, 4) > 0.8);
  }

  private static double coreIpc(WorkProfile w, int k) {
    Simulation s = new Simulation();
    Chip c = new Chip(s, ChipParams.defaults());
    for (int i = 0; i < k; i++) {
      c.thread(0, i).run(Work.of(w, N), () -> {});
    }
    s.run();
    return k * N / (s.now() / (double) c.params().cyclePs());
  }

  @Test
  void aProfiledPieceInterruptedByOsWorkPaysTheRefillOfWhatItDisplaced() {
    // Hand: the integer profile alone runs at CPI 1 / 0.52528... ; an interrupt of 5,000 cycles of
    // OS work on the same thread displaces 5,000 x 2 B = 10,000 B of the L1, of which the piece's
    // 2 KiB working set is lost: 2,048 / 64 = 32 lines, each an L2 hit costing 80 - 6 = 74 cycles
    // (mlp 1): 2,368 cycles besides the interrupt's own 5,000.
    HardwareThread t = chip.thread(7, 0);
    long[] end = {0};
    Work[] rest = new Work[1];
    long cyc = chip.params().cyclePs();
    Runnable finish = () -> end[0] = sim.now();
    t.run(Work.of(WorkProfiles.INTEGER, N), finish);
    sim.schedule(
        1000 * cyc,
        () -> {
          rest[0] = t.suspend();
          t.run(Work.integer(5000), () -> t.run(rest[0], finish));
        });
    sim.run();
    Simulation quiet = new Simulation();
    Chip c = new Chip(quiet, ChipParams.defaults());
    c.thread(7, 0).run(Work.of(WorkProfiles.INTEGER, N), () -> {});
    quiet.run();
    assertEquals(quiet.now() + (5000 + 2368) * cyc, end[0], 2 * cyc);
    assertEquals(2368, chip.counters().refillCycles(), 1e-9);
  }

  @Test
  void costWorkKeepsItsMeaningBesideProfiledWork() {
    // Work.integer(n) alone still takes n cycles while a profiled piece runs on another core
    long[] done = {0};
    chip.thread(5, 0).run(Work.of(WorkProfiles.STREAM_TRIAD, N), () -> {});
    chip.thread(6, 0).run(Work.integer(N), () -> done[0] = sim.now());
    sim.run();
    assertEquals(N * chip.params().cyclePs(), done[0], 1);
  }
}
