/** Inter-processor interrupts and the wait-on-reservation ({@code waitrsv}) wakeup. */
package org.fusedsim.bgq.interrupt;
