/**
 * Linux on the general-purpose cores (scheduler, ticks, noise, wait queues, VFS) and the fusedosfs
 * driver that exposes SPC hardware threads to CL.
 */
package org.fusedsim.fusedosfs;
