package org.fusedsim.bgq.chip;

import org.fusedsim.core.Simulation;
import org.fusedsim.core.Tracer;

/**
 * A closed loop of work units on every hardware thread of one chip, for {@code fusedsim bench
 * chip}: each thread runs {@code units} pieces one after the other, of a size drawn from a fixed
 * sequence, either profiled (the five catalog profiles in turn) or as costs of the same size (the
 * baseline: the throughput model's arithmetic). Every start and end re-rates the chip, so the
 * figure is re-rated work units per second of wall time. No wall clock here: the caller times it.
 *
 * @param units work units run
 * @param events kernel events
 * @param simulatedPs simulated time
 * @param coreSeconds simulated time times the chip's cores (every core is busy throughout)
 */
public record ChipBench(long units, long events, long simulatedPs, double coreSeconds) {
  /** Runs {@code unitsPerThread} pieces on each of the 68 threads; profiled or not. */
  public static ChipBench run(int unitsPerThread, boolean profiled) {
    Simulation sim = new Simulation(Tracer.OFF, 256);
    Chip chip = new Chip(sim, ChipParams.defaults());
    WorkProfile[] profiles = WorkProfiles.ALL.values().toArray(new WorkProfile[0]);
    long[] units = {0};
    for (int id = 0; id < chip.threadCount(); id++) {
      HardwareThread t = chip.thread(id);
      if (id % 2 == 0) {
        t.setTranslation(Translation.PAGED);
      }
      new Runnable() {
        private int left = unitsPerThread;
        private int k = t.id();

        @Override
        public void run() {
          if (left-- == 0) {
            return;
          }
          units[0]++;
          k = (k * 1103515245 + 12345) & 0x7fffffff; // a fixed sequence, not a random stream
          double n = 20_000 + (k % 200_000);
          WorkProfile p = profiles[k % profiles.length];
          t.run(profiled ? Work.of(p, n) : new Work(n, p.fp(), 0), this);
        }
      }.run();
    }
    sim.run();
    return new ChipBench(units[0], sim.eventCount(), sim.now(), sim.now() / 1e12 * chip.cores());
  }
}
