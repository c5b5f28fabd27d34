/**
 * The Messaging Unit: injection and reception memory FIFOs in 68 subgroups, their ownership table,
 * 64 B descriptors, memory-FIFO, remote put and remote get transfers over the torus.
 */
package org.fusedsim.bgq.mu;
