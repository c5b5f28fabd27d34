/**
 * The 5D torus: partition shapes, topology and minimal routing, the packet-level and flow-level
 * network models, collective class routes, and the standard experiments (ping-pong, contention,
 * benchmark).
 */
package org.fusedsim.bgq.torus;
