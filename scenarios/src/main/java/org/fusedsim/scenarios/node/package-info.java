/** Scenario kinds on one node under the OS personalities fusedos, cnk and linux. */
package org.fusedsim.scenarios.node;
