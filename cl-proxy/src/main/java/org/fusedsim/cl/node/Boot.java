package org.fusedsim.cl.node;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Time;

/** Boot phases in order with the simulated time each ended; reported as {@code boot.<phase>}. */
public final class Boot {
  private record Phase(String name, long start, long end) {}

  private final List<Phase> phases = new ArrayList<>();
  private long last;

  /** Records that {@code name} ended at {@code now}, having started when the previous ended. */
  public void done(String name, long now) {
    phases.add(new Phase(name, last, now));
    last = now;
  }

  public void report(Metrics m) {
    for (Phase p : phases) {
      m.put("boot." + p.name(), Time.toMicros(p.end() - p.start()) / 1000.0, "ms");
    }
    m.put("boot.total", Time.toMicros(last) / 1000.0, "ms");
  }
}
