package org.fusedsim.scenarios.run;

/**
 * One finished run with its identity and its cost in wall time.
 *
 * @param personality OS personality or {@code none}
 * @param replication replication index
 * @param output what the run produced
 * @param wallNanos wall-clock duration (goes to perf.json only)
 */
public record RunRecord(String personality, int replication, RunOutput output, long wallNanos) {}
