/** Scenario kinds for file IO through the IO nodes: io-write and mixed-traffic. */
package org.fusedsim.scenarios.io;
