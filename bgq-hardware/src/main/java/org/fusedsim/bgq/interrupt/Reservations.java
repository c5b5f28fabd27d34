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

  /**
   * Returns the map key of the line holding {@code address}. The line number is multiplied by an
   * odd constant (a bijection) so that lines a power of two apart, such as the SPCs' context areas,
   * do not all fall into one hash bin.
   */
  private Long key(long address) {
    return (address / lineBytes) * 0x9E37_79B9_7F4A_7C15L;
  }

  /** Puts {@code thread} to sleep on the line holding {@code address}. */
  public void waitrsv(int thread, long address, Runnable onWake) {
    waiting.computeIfAbsent(key(address), k -> new ArrayList<>(1)).add(new Waiter(thread, onWake));
  }

  /** Returns the thread asleep on the line holding {@code address} if it is the only one, or -1. */
  public int soleWaiter(long address) {
    List<Waiter> ws = waiting.get(key(address));
    return ws != null && ws.size() == 1 ? ws.get(0).thread() : -1;
  }

  /**
   * Takes {@code thread}'s reservation on the line holding {@code address} away without waking it,
   * as a store to the line does; returns whether it had one. For a waiter that computes its own
   * wake-up time ({@link #wakePs()} after the store becomes visible).
   */
  public boolean cancel(int thread, long address) {
    Long k = key(address);
    List<Waiter> ws = waiting.get(k);
    if (ws == null || !ws.removeIf(w -> w.thread() == thread)) {
      return false;
    }
    if (ws.isEmpty()) {
      waiting.remove(k);
    }
    return true;
  }

  /** Returns the time from a store becoming visible to a waiter running again. */
  public long wakePs() {
    return params.waitrsvWakePs();
  }

  /**
   * Records that {@code thread} stored to {@code address} now: every other thread waiting on that
   * line wakes after the wakeup latency. A thread's own store does not wake it.
   */
  public void store(int thread, long address) {
    Long k = key(address);
    List<Waiter> ws = waiting.get(k);
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
      waiting.remove(k);
    } else {
      waiting.put(k, keep);
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
