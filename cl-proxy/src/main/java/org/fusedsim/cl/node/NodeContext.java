package org.fusedsim.cl.node;

import com.google.common.collect.ImmutableMap;
import java.util.function.Supplier;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.ninep.NinePClient;
import org.fusedsim.net.ninep.Sysiod;

/**
 * What the partition gives a personality to build one compute node from.
 *
 * @param hardware the node's hardware (its location names every component path)
 * @param rank the node's rank on the torus
 * @param config the scenario's parameter sections
 * @param net the network software's parameters
 * @param streams the run's random streams (a component draws from its own path's streams)
 * @param ninep the node's 9P mount from its IO node, made on first use
 * @param sysiod the node's function-shipping path to sysiod on its IO node, made on first use
 * @param mounts path prefixes mounted from the IO node ({@code true}) or node-local ({@code false})
 * @param shared the tables every node of the partition shares
 */
public record NodeContext(
    NodeHardware hardware,
    int rank,
    Sections config,
    NetParams net,
    RandomStreams streams,
    Supplier<NinePClient> ninep,
    Supplier<Sysiod> sysiod,
    ImmutableMap<String, Boolean> mounts,
    SharedTables shared) {}
