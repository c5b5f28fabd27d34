package org.fusedsim.scenarios.phold;

import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * PHOLD on SSJ's {@link Simulator}, written the way SSJ's own examples are: its default event list
 * (a splay tree) and one {@link Event} object per scheduled event. Time is kept in picoseconds as a
 * double, which is exact below 2^53 ps (about 2.5 hours), so both engines order events identically
 * and the hash of the executed sequence can be compared.
 */
public final class SsjPhold {
  private final Simulator simulator = new Simulator();
  private final PholdParams params;
  private final PholdDraws draws;
  private long processed;
  private long hash;

  /** Creates the model and schedules the initial population. */
  public SsjPhold(PholdParams params, RandomStream stream) {
    this.params = params;
    this.draws = new PholdDraws(stream, params);
    simulator.init();
    for (int lp = 0; lp < params.lps(); lp++) {
      for (int k = 0; k < params.population(); k++) {
        new PholdEvent(lp).schedule(draws.delay());
      }
    }
  }

  /** Runs until the configured number of events has executed. */
  public void run() {
    simulator.start();
  }

  /** Returns how many events ran. */
  public long processed() {
    return processed;
  }

  /** Returns the hash over the (time, process) sequence of executed events. */
  public long hash() {
    return hash;
  }

  /** Returns the simulated time in picoseconds. */
  public long now() {
    return (long) simulator.time();
  }

  private final class PholdEvent extends Event {
    private final int lp;

    PholdEvent(int lp) {
      super(simulator);
      this.lp = lp;
    }

    @Override
    public void actions() {
      hash = PholdDraws.mix(hash, (long) simulator.time(), lp);
      if (++processed >= params.events()) {
        simulator.stop();
        return;
      }
      int target = draws.target();
      new PholdEvent(target).schedule(draws.delay());
    }
  }
}
