/** IO nodes: placement at a compute-to-IO ratio, nearest IO node, IO link costs. */
package org.fusedsim.bgq.io;
