package org.fusedsim.scenarios.phold;

import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Simulation;
import umontreal.ssj.rng.RandomStream;

/**
 * PHOLD on the fusedsim kernel. One handler object serves every event; the target process is the
 * event's {@code long} argument, so running an event allocates nothing.
 */
public final class PholdModel implements Simulation.Handler {
  private final Simulation sim;
  private final PholdParams params;
  private final PholdDraws draws;
  private final long[] perLp;
  private final LatencyHistogram delays;
  private long processed;
  private long remote;
  private long hash;

  /**
   * Creates the model and schedules the initial population.
   *
   * @param sim the kernel to run on
   * @param params the workload
   * @param stream the random stream of the draws
   * @param collectStatistics whether to record per-process counts and the delay histogram
   */
  public PholdModel(
      Simulation sim, PholdParams params, RandomStream stream, boolean collectStatistics) {
    this.sim = sim;
    this.params = params;
    this.draws = new PholdDraws(stream, params);
    this.perLp = collectStatistics ? new long[params.lps()] : null;
    this.delays = collectStatistics ? new LatencyHistogram("phold.delay") : null;
    for (int lp = 0; lp < params.lps(); lp++) {
      for (int k = 0; k < params.population(); k++) {
        sim.schedule(draws.delay(), this, lp);
      }
    }
  }

  @Override
  public void handle(long arg) {
    int lp = (int) arg;
    hash = PholdDraws.mix(hash, sim.now(), lp);
    if (++processed >= params.events()) {
      sim.stop();
      return;
    }
    int target = draws.target();
    long delay = draws.delay();
    if (perLp != null) {
      perLp[lp]++;
      delays.record(delay);
      if (target != lp) {
        remote++;
      }
    }
    sim.schedule(delay, this, target);
  }

  /** Returns how many events ran. */
  public long processed() {
    return processed;
  }

  /** Returns the hash over the (time, process) sequence of executed events. */
  public long hash() {
    return hash;
  }

  /** Returns events executed per process (statistics mode only). */
  public long[] perProcess() {
    return perLp.clone();
  }

  /** Returns the scheduled delays (statistics mode only). */
  public LatencyHistogram delays() {
    return delays;
  }

  /** Returns how many scheduled events went to another process (statistics mode only). */
  public long remote() {
    return remote;
  }
}
