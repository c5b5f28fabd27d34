/**
 * The compute chip: 17 A2 cores of 4 SMT threads, core roles, and cycle-approximate execution of
 * work units with re-rating when the set of running threads changes.
 */
package org.fusedsim.bgq.chip;
