/** Replay of system-call traces (CST, strace) on a simulated node under the OS profiles. */
package org.fusedsim.scenarios.replay;
