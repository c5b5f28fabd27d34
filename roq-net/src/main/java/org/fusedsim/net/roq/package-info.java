/**
 * RoQ transport: the back end on core 16, bursts over the torus and the IO links, the roq0 Ethernet
 * front end and the Linux TCP/IP cost model on the GPCs.
 */
package org.fusedsim.net.roq;
