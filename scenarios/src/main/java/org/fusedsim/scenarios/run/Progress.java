package org.fusedsim.scenarios.run;

import org.fusedsim.core.Simulation;

/**
 * Receives the runs and simulations of a scenario so that long ones can report how far they are.
 */
public interface Progress {
  /** Reports nothing. */
  Progress NONE = (sim, label) -> {};

  /** Starts observing a simulation; {@code label} names the run (personality and replication). */
  void attach(Simulation sim, String label);

  /** Says that run {@code index} (from 1) of {@code total} starts. */
  default void runStarted(int index, int total, String label) {}

  /** Says that every run has ended. */
  default void done() {}
}
