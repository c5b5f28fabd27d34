package org.fusedsim.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tracer that keeps events in memory up to a limit and counts what it dropped, so that a large
 * run cannot exhaust the heap through its trace.
 */
public final class BufferTracer implements Tracer {
  private final int limit;
  private final List<TraceEvent> events = new ArrayList<>();
  private long dropped;

  /** Creates a tracer that keeps at most {@code limit} events. */
  public BufferTracer(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    this.limit = limit;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void record(TraceEvent event) {
    if (events.size() < limit) {
      events.add(event);
    } else {
      dropped++;
    }
  }

  @Override
  public void recordAll(List<TraceEvent> together) {
    if (events.size() + together.size() <= limit) {
      events.addAll(together);
    } else {
      dropped += together.size();
    }
  }

  /** Returns the kept events in the order recorded. */
  public List<TraceEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Returns how many events did not fit under the limit. */
  public long dropped() {
    return dropped;
  }
}
