package org.fusedsim.bgq.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class ChipTest {
  private static final long N = 1_600_000; // 1.6 M instructions = 1 ms at 1 per cycle, 1.6 GHz

  private final Simulation sim = new Simulation();
  private final Chip chip = new Chip(sim, ChipParams.defaults());

  /** A chip whose DRAM sustains its whole peak, for hand arithmetic in GB/s of the peak. */
  private Chip fullPeak() {
    return new Chip(
        sim,
        ChipParams.from(
            org.fusedsim.core.param.ParamValues.builder(ChipParams.SPEC)
                .set("dram_efficiency", "1")
                .build()));
  }

  private final long[] done = {-1, -1, -1};

  @Test
  void hasSeventeenCoresOfFourThreads() {
    assertEquals(68, chip.threadCount());
    chip.assignRole(0, CoreRole.GPC);
    assertEquals(CoreRole.GPC, chip.role(0));
    assertEquals(CoreRole.UNASSIGNED, chip.role(1));
  }

  @Test
  void aThreadAloneIssuesOneInstructionPerCycle() {
    chip.thread(1, 0).run(Work.integer(N), () -> done[0] = sim.now());
    sim.run();
    assertEquals(Time.ms(1), done[0]);
  }

  @Test
  void aDaemonOnAnotherCoreDoesNotSlowTheThread() {
    chip.thread(1, 0).run(Work.integer(N), () -> done[0] = sim.now());
    sim.schedule(Time.us(100), () -> chip.thread(0, 0).run(Work.integer(N / 10), () -> {}));
    sim.run();
    assertEquals(Time.ms(1), done[0], 1);
  }

  @Test
  void twoIntegerSiblingsHalveEachOtherAndWorkIsReRated() {
    // Hand: t0 alone for 0.5 ms does 0.8 M instructions; from then both share the integer pipe
    // at 0.5 per cycle: t0's remaining 0.8 M and t1's 0.8 M each take 1.6 M cycles = 1 ms.
    chip.thread(1, 0).run(Work.integer(N), () -> done[0] = sim.now());
    sim.schedule(
        Time.us(500), () -> chip.thread(1, 1).run(Work.integer(N / 2), () -> done[1] = sim.now()));
    sim.run();
    assertEquals(Time.us(1500), done[0], 2);
    assertEquals(Time.us(1500), done[1], 2);
  }

  @Test
  void everyPieceIsASliceOnItsThreadsTrack() {
    org.fusedsim.core.BufferTracer tr = new org.fusedsim.core.BufferTracer(100);
    Simulation traced = new Simulation(tr, 16);
    Chip c = new Chip(traced, ChipParams.defaults(), "R00-M0-N00-J01");
    c.thread(3, 2).run(Work.integer(N), "application", () -> {});
    c.thread(16, 0).spin(0, "RoQ microcode");
    traced.schedule(Time.us(250), () -> c.thread(16, 0).suspend());
    traced.run();
    // the piece that finished, then the polling loop suspended at 250 us (in the order they ended)
    assertEquals(2, tr.events().size());
    var loop = tr.events().get(0);
    assertEquals("R00-M0-N00-J01/core16/t0", loop.component());
    assertEquals("RoQ microcode polling", loop.kind());
    assertEquals(Time.us(250), loop.durationPs());
    var app = tr.events().get(1);
    assertEquals("R00-M0-N00-J01/core03/t2", app.component());
    assertEquals("application", app.kind());
    assertEquals(0, app.time());
    assertEquals(Time.ms(1), app.durationPs());
  }

  @Test
  void anIntegerAndAFloatingPointSiblingDualIssue() {
    chip.thread(2, 0).run(Work.integer(N), () -> done[0] = sim.now());
    chip.thread(2, 1).run(Work.floatingPoint(N), () -> done[1] = sim.now());
    sim.run();
    assertEquals(Time.ms(1), done[0], 1);
    assertEquals(Time.ms(1), done[1], 1);
  }

  @Test
  void suspendReturnsTheRemainingWorkAndSpeedsUpTheSibling() {
    HardwareThread a = chip.thread(3, 0);
    HardwareThread b = chip.thread(3, 1);
    a.run(Work.integer(N), () -> done[0] = sim.now());
    b.run(Work.integer(N), () -> done[1] = sim.now());
    Work[] left = new Work[1];
    // At 1 ms both have done 0.8 M at 0.5 per cycle; b is then suspended and a runs alone.
    sim.schedule(Time.ms(1), () -> left[0] = b.suspend());
    sim.run();
    assertEquals(N / 2, left[0].instructions(), 1e-6);
    assertEquals(Time.us(1500), done[0], 2);
    assertEquals(-1, done[1]);
  }

  @Test
  void memoryBoundWorkSharesTheNodeBandwidth() {
    Chip c = fullPeak();
    // 42.7 GB/s split between two memory-bound threads on different cores: 42.7e6 bytes each
    // take 2 ms instead of 1 ms.
    long bytes = 42_700_000;
    c.thread(4, 0).run(new Work(1000, 0, bytes), () -> done[0] = sim.now());
    c.thread(5, 0).run(new Work(1000, 0, bytes), () -> done[1] = sim.now());
    sim.run();
    assertEquals(Time.ms(2), done[0], 2);
    assertEquals(Time.ms(2), done[1], 2);
  }

  @Test
  void aLightMemoryUserGetsItsDemandAndTheHeavyOnesSplitTheRest() {
    Chip c = fullPeak();
    // Max-min: thread A streams 42.7e6 bytes with 1.6 M instructions (demand 42.7 GB/s alone);
    // thread B moves 4.27e6 bytes over the same 1 ms of compute (demand 4.27 GB/s). B gets its
    // 4.27 GB/s and finishes at 1 ms; A gets the other 38.43 GB/s until then (38.43e6 bytes),
    // then all 42.7 GB/s for the last 4.27e6 bytes (0.1 ms): 1.1 ms.
    c.thread(4, 0).run(new Work(N, 0, 42_700_000), () -> done[0] = sim.now());
    c.thread(5, 0).run(new Work(N, 0, 4_270_000), () -> done[1] = sim.now());
    sim.run();
    assertEquals(Time.ms(1), done[1], 2);
    assertEquals(Time.us(1100), done[0], 2);
  }

  @Test
  void aMarkIsStampedWhereTheThreadPassesItAcrossARerate() {
    // t0: 1.6 M instructions, mark at 1.2 M. Alone until 0.5 ms (0.8 M done), then shared at
    // 0.5 per cycle: the remaining 0.4 M to the mark take 0.8 M cycles = 0.5 ms -> mark at 1 ms.
    long[] at = {-1};
    chip.thread(1, 0)
        .start(
            Work.integer(1_200_000),
            Work.integer(N - 1_200_000),
            t -> at[0] = t,
            new Execution() {
              @Override
              public void finished() {
                done[0] = sim.now();
              }
            });
    sim.schedule(Time.us(500), () -> chip.thread(1, 1).run(Work.integer(N), () -> {}));
    sim.run();
    assertEquals(Time.ms(1), at[0], 2);
  }

  /**
   * A marked piece against the two pieces it stands for, run back to back, with siblings starting
   * and stopping around the mark at rates (1/3 per cycle) whose times are not whole picoseconds:
   * the mark, the end and the siblings' ends must be the same picoseconds.
   */
  @Test
  void aMarkedPieceEndsExactlyAsTheTwoPiecesItFolds() {
    // 40 sizes and sibling timings, so that many of the roundings involved fall on either side
    for (int k = 0; k < 40; k++) {
      assertEquals(
          java.util.Arrays.toString(markedOrSplit(k, false)),
          java.util.Arrays.toString(markedOrSplit(k, true)),
          "case " + k);
    }
  }

  /** Mark time, end, and the two siblings' ends of case {@code k}, folded or as two pieces. */
  private static long[] markedOrSplit(int k, boolean folded) {
    Simulation s = new Simulation();
    Chip c = new Chip(s, ChipParams.defaults());
    long[] t = {-1, -1, -1, -1};
    Work a = Work.integer(1_000_003.3 + 7.77 * k);
    Work b = Work.integer(777_777.7 + 13.13 * k);
    HardwareThread x = c.thread(1, 0);
    if (folded) {
      x.start(
          a,
          b,
          m -> t[0] = m,
          new Execution() {
            @Override
            public void finished() {
              t[1] = s.now();
            }
          });
    } else {
      x.run(
          a,
          () -> {
            t[0] = s.now();
            x.run(b, () -> t[1] = s.now());
          });
    }
    Work w1 = Work.integer(555_555.5 + 3.3 * k);
    Work w2 = Work.integer(999_999.9 - 5.5 * k);
    s.schedule(123_457 + 101L * k, () -> c.thread(1, 1).run(w1, () -> t[2] = s.now()));
    s.schedule(456_789 + 37L * k, () -> c.thread(1, 2).run(w2, () -> t[3] = s.now()));
    s.run();
    return t;
  }

  /**
   * Asking how far a marked piece is after its mark (as the Linux scheduler does when it compares
   * run times) passes the mark; a later change on the core that leaves this thread's rate alone
   * must not move its end. It once did, by the time between the question and the change.
   */
  @Test
  void askingAfterTheMarkDoesNotMoveTheEnd() {
    long[] end = {-1, -1};
    for (int ask = 0; ask < 2; ask++) {
      Simulation s = new Simulation();
      Chip c = new Chip(s, ChipParams.defaults());
      HardwareThread x = c.thread(1, 0);
      HardwareThread y = c.thread(1, 1);
      int i = ask;
      // both share the integer pipe from the start (half a cycle each): x's mark at 0.5 ms
      x.start(
          Work.integer(N / 4),
          Work.integer(N),
          m -> {},
          new Execution() {
            @Override
            public void finished() {
              end[i] = s.now();
            }
          });
      // y's first piece ends at 1 ms and its next follows at once: the core's rates stay as they
      // are, but every thread of the core is replanned if marked for it
      y.run(Work.integer(N / 2), () -> y.run(Work.integer(N), () -> {}));
      if (ask == 1) {
        s.schedule(Time.us(600), () -> x.instructionsLeft()); // after the mark: passes it
      }
      s.run();
    }
    assertEquals(end[0], end[1]);
  }

  @Test
  void theOwnerOfAPieceIsToldWhenItsEndMoves() {
    int[] rerated = {0};
    chip.thread(1, 0)
        .start(
            Work.integer(N),
            new Execution() {
              @Override
              public void finished() {
                done[0] = sim.now();
              }

              @Override
              public void rerated() {
                rerated[0]++;
              }
            });
    assertEquals(Time.ms(1), chip.thread(1, 0).projectedEnd());
    sim.schedule(Time.us(500), () -> chip.thread(1, 1).run(Work.integer(N / 4), () -> {}));
    sim.run();
    // slowed when the sibling starts, sped up again when it ends
    assertEquals(2, rerated[0]);
    // 0.5 ms alone (0.8 M), 0.5 ms shared at 0.5 per cycle (0.4 M each: the sibling is done),
    // then 0.25 ms alone for the last 0.4 M
    assertEquals(Time.us(1250), done[0], 2);
  }

  @Test
  void aBusyThreadRefusesMoreWork() {
    chip.thread(0, 0).run(Work.integer(10), () -> {});
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> chip.thread(0, 0).run(Work.integer(1), () -> {}));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("node/core00/t0 is busy"), e.getMessage());
  }
}
