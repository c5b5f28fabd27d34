/**
 * The three OS personalities of one node, behind one interface so that a workload runs unchanged
 * under each: FusedOS (Linux on the GPCs, SPC monitors, CL), CNK, and Linux on every thread.
 */
package org.fusedsim.cl.node;
