package org.fusedsim.scenarios.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * Writes {@code perf.json}: how long the runs took on this machine, events per second of wall time
 * and memory. Never byte-identical between runs, which is why it is separate from {@code
 * results.json}.
 */
public final class PerfJson {
  private PerfJson() {}

  /** Renders the performance of the runs. */
  public static String render(List<RunRecord> runs) {
    StringWriter out = new StringWriter();
    long totalNanos = 0;
    long totalEvents = 0;
    try (JsonGenerator g = ResultsJson.pretty(out)) {
      g.writeStartObject();
      g.writeStringField("java_version", System.getProperty("java.version"));
      g.writeNumberField("available_processors", Runtime.getRuntime().availableProcessors());
      g.writeNumberField("max_heap_bytes", Runtime.getRuntime().maxMemory());
      g.writeNumberField("peak_heap_used_bytes", peakHeapUsed());
      g.writeArrayFieldStart("runs");
      for (RunRecord r : runs) {
        totalNanos += r.wallNanos();
        totalEvents += r.output().events();
        g.writeStartObject();
        g.writeStringField("personality", r.personality());
        g.writeNumberField("replication", r.replication());
        g.writeFieldName("wall_seconds");
        g.writeNumber(Numbers.format(r.wallNanos() / 1e9));
        g.writeNumberField("events", r.output().events());
        g.writeFieldName("events_per_second");
        g.writeNumber(Numbers.format(rate(r.output().events(), r.wallNanos())));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("total_wall_seconds");
      g.writeNumber(Numbers.format(totalNanos / 1e9));
      g.writeFieldName("total_events_per_second");
      g.writeNumber(Numbers.format(rate(totalEvents, totalNanos)));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString() + "\n";
  }

  private static double rate(long events, long nanos) {
    return nanos <= 0 ? 0 : events / (nanos / 1e9);
  }

  /** Returns the peak heap use over all heap pools since the JVM started. */
  public static long peakHeapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
