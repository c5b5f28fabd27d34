package org.fusedsim.scenarios.trace;

/**
 * One line of a CST trace as a reader delivers it: a header directive, a comment or a record. A
 * trace is consumed as a stream of items (see {@link TraceSource}), never as a list.
 */
public sealed interface TraceItem permits TraceHeader, TraceComment, TraceRecord {
  /** Source line the item came from (1-based), or 0 if it was synthesised. */
  int line();
}
