package org.fusedsim.scenarios.api;

import com.google.common.collect.ImmutableMap;

/**
 * One run of a simulation: one personality, one replication.
 *
 * @param personality the OS personality ({@code none} for kinds without an OS)
 * @param replication the replication index, from 0
 * @param simulatedTimePs simulated time at the end, in picoseconds
 * @param events events the kernel executed
 * @param metrics the run's metrics by name, sorted
 */
public record RunResult(
    String personality,
    int replication,
    long simulatedTimePs,
    long events,
    ImmutableMap<String, MetricValue> metrics) {}
