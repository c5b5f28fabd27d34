/**
 * System-call trace formats: the CST/1 reader and writer, the strace importer, format detection and
 * the streaming trace summary. Everything here streams: a trace is a sequence of {@link
 * org.fusedsim.scenarios.trace.TraceItem}s pulled from a {@link
 * org.fusedsim.scenarios.trace.TraceSource}, and bad input is an {@link
 * org.fusedsim.scenarios.load.InputException} with file, line and column. See
 * docs/trace-formats.md.
 */
package org.fusedsim.scenarios.trace;
