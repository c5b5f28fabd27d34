package org.fusedsim.scenarios.trace;

import java.io.Closeable;

/**
 * A stream of trace items read one at a time; memory does not grow with the length of the trace.
 * Bad input is reported as {@link org.fusedsim.scenarios.load.InputException} with the file, line
 * and column.
 */
public interface TraceSource extends Closeable {
  /** Returns the next item, or null at the end of the trace. */
  TraceItem next();

  /** Closes the underlying input; never throws a checked exception. */
  @Override
  void close();
}
