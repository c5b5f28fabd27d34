package org.fusedsim.scenarios.run;

import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Tracer;

/**
 * What one run is given besides the scenario: which personality and replication it is, its random
 * streams, and where trace events go.
 *
 * @param personality the OS personality, or {@code none}
 * @param replication the replication index, from 0
 * @param streams the random streams of this replication
 * @param tracer the trace sink ({@link Tracer#OFF} unless {@code --trace})
 */
public record RunContext(
    String personality, int replication, RandomStreams streams, Tracer tracer) {}
