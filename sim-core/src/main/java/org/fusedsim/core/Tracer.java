package org.fusedsim.core;

/**
 * Receives typed trace events. Components call {@link #enabled()} before building an event, so that
 * with tracing off the cost is one predictable branch and no allocation.
 */
public interface Tracer {
  /** A tracer that records nothing. */
  Tracer OFF =
      new Tracer() {
        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public void record(TraceEvent event) {}
      };

  /** Returns whether events should be built and recorded at all. */
  boolean enabled();

  /** Records one event; events arrive in simulated-time order. */
  void record(TraceEvent event);
}
