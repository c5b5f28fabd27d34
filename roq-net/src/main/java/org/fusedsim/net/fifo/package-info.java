/** Messaging Unit FIFO allocation of RoQ, PAMI and the system on each node, and RoQ's layout. */
package org.fusedsim.net.fifo;
