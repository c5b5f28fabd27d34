/**
 * What an OS personality is and what it gets: the {@link org.fusedsim.cl.node.Personality}
 * interface, its one registry ({@link org.fusedsim.cl.node.Personalities}), the workload's view of
 * a node ({@link org.fusedsim.cl.node.NodeOs}) and the threads network software runs in. The
 * personalities themselves live in their own packages (fusedos, cnk, linux, direct).
 */
package org.fusedsim.cl.node;
