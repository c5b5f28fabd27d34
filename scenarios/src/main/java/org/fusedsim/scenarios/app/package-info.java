/**
 * MPI applications on the partition: SimGrid's time-independent traces read and replayed rank by
 * rank on the nodes' OS personalities, PAMI and the torus.
 */
package org.fusedsim.scenarios.app;
