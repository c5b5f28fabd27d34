/** MPI over PAMI on the Blue Gene/Q torus: point-to-point protocols and collectives. */
package org.fusedsim.net.pami;
