package org.fusedsim.scenarios.run;

import org.fusedsim.core.BufferTracer;

/**
 * One finished run with its identity, its cost in wall time, and its trace if one was kept.
 *
 * @param personality OS personality or {@code none}
 * @param replication replication index
 * @param output what the run produced
 * @param wallNanos wall-clock duration (goes to perf.json only)
 * @param trace the events recorded with {@code --trace}, or {@code null}
 */
public record RunRecord(
    String personality, int replication, RunOutput output, long wallNanos, BufferTracer trace) {

  /** Creates a record without a trace. */
  public RunRecord(String personality, int replication, RunOutput output, long wallNanos) {
    this(personality, replication, output, wallNanos, null);
  }
}
