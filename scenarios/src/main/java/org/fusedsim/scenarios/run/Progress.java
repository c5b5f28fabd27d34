package org.fusedsim.scenarios.run;

import org.fusedsim.core.Simulation;

/** Receives the simulations of a run so that long runs can report how far they are. */
public interface Progress {
  /** Reports nothing. */
  Progress NONE = (sim, label) -> {};

  /** Starts observing a simulation; {@code label} names the run (personality and replication). */
  void attach(Simulation sim, String label);
}
