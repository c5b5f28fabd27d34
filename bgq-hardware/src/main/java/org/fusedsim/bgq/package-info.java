/**
 * The Blue Gene/Q hardware models: chip, memory, interrupts, Messaging Unit, 5D torus and IO nodes.
 * {@link org.fusedsim.bgq.BgqComponents} lists every component's parameters. No OS behaviour lives
 * here.
 */
package org.fusedsim.bgq;
