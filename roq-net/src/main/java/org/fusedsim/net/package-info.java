/**
 * Software on the network: Messaging Unit FIFO allocation (PAMI vs RoQ), PAMI/MPI, the RoQ back end
 * and Ethernet front end, TCP/IP, and 9P file service through the IO nodes.
 */
package org.fusedsim.net;
