package org.fusedsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferTracerTest {
  private static TraceEvent e(long t) {
    return new TraceEvent(t, "n/c", "k", 0, ImmutableMap.of());
  }

  @Test
  void eventsRecordedTogetherAreKeptTogetherOrDroppedTogether() {
    // room for three: one alone, then a pair fits (3 of 3), then a pair that would leave one end
    // behind is dropped whole, and a single event no longer fits either
    BufferTracer b = new BufferTracer(3);
    b.record(e(1));
    b.recordAll(List.of(e(2), e(3)));
    b.recordAll(List.of(e(4), e(5)));
    b.record(e(6));
    assertEquals(List.of(e(1), e(2), e(3)), b.events());
    assertEquals(3, b.dropped());
    BufferTracer c = new BufferTracer(2);
    c.record(e(1));
    c.recordAll(List.of(e(2), e(3)));
    c.record(e(4));
    // the pair did not fit beside the first event; the single one that came after it did
    assertEquals(List.of(e(1), e(4)), c.events());
    assertEquals(2, c.dropped());
  }
}
