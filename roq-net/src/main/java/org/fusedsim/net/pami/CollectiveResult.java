package org.fusedsim.net.pami;

/**
 * The outcome of one collective.
 *
 * @param latencyPs from the call on every rank to the last rank's completion
 * @param networkRounds steps between nodes on the critical path (class route: 1; recursive
 *     doubling: log2 N; binomial: 2 log2 N)
 * @param localSteps shared-memory steps inside a node on the critical path
 * @param messages point-to-point messages between nodes
 * @param events kernel events of the simulation (0 for a closed form)
 */
public record CollectiveResult(
    long latencyPs, int networkRounds, int localSteps, long messages, long events) {}
