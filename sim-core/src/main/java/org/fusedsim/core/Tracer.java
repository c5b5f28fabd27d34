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

  /**
   * Records one event. Events may arrive out of simulated-time order (a component may report an
   * activity once it is over); exporters order them.
   */
  void record(TraceEvent event);

  /**
   * Records events that only make sense together (the two ends of a flow, with the slices between
   * them): a tracer that keeps a bounded number of events keeps all of them or none.
   */
  default void recordAll(java.util.List<TraceEvent> together) {
    for (TraceEvent e : together) {
      record(e);
    }
  }
}
