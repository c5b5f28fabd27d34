/**
 * A node's hardware (chip, interrupt controller, wakeup unit, memory) and the location names that
 * tell the nodes of a partition apart.
 */
package org.fusedsim.bgq.node;
