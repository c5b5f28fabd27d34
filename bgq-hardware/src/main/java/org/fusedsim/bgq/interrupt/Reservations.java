package org.fusedsim.bgq.interrupt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.core.Simulation;

/**
 * Load-reserve and {@code waitrsv}: a thread holding a reservation on a cache line sleeps until
 * another thread stores to that line, then wakes without an interrupt after the wakeup latency. The
 * SPC monitor waits this way for CL's RESUME command (bgq-facts.md, step 5).
 */
public final class Reservations {
  private record Waiter(int thread, Runnable onWake) {}

  private final Simulation sim;
  private final InterruptParams params;
  private final int lineBytes;
  // hashed: looked up on every store; sleeping() only sums sizes, so order never shows
  private final Map<Long, List<Waiter>> waiting = new LinkedHashMap<>();

  /** Creates the reservation logic of one node. */
  public Reservations(Simulation sim, InterruptParams params, int lineBytes) {
    this.sim = sim;
    this.params = params;
    this.lineBytes = lineBytes;
  }

  /** Puts {@code thread} to sleep on the line holding {@code address}. */
  public void waitrsv(int thread, long address, Runnable onWake) {
    waiting
        .computeIfAbsent(address / lineBytes, k -> new ArrayList<>(1))
        .add(new Waiter(thread, onWake));
  }

  /**
   * Records that {@code thread} stored to {@code address} now: every other thread waiting on that
   * line wakes after the wakeup latency. A thread's own store does not wake it.
   */
  public void store(int thread, long address) {
    List<Waiter> ws = waiting.get(address / lineBytes);
    if (ws == null) {
      return;
    }
    List<Waiter> keep = null;
    for (Waiter w : ws) {
      if (w.thread() == thread) {
        if (keep == null) {
          keep = new ArrayList<>(1);
        }
        keep.add(w);
      } else {
        sim.schedule(params.waitrsvWakePs(), w.onWake());
      }
    }
    if (keep == null) {
      waiting.remove(address / lineBytes);
    } else {
      waiting.put(address / lineBytes, keep);
    }
  }

  /** Returns how many threads are asleep in waitrsv. */
  public int sleeping() {
    int n = 0;
    for (List<Waiter> ws : waiting.values()) {
      n += ws.size();
    }
    return n;
  }
}
