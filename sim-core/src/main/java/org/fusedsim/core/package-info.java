/**
 * The simulation kernel: integer picosecond time and unit parsing, the event kernel, named random
 * streams, statistics, metrics and typed tracing. Nothing here knows about Blue Gene/Q.
 */
package org.fusedsim.core;
