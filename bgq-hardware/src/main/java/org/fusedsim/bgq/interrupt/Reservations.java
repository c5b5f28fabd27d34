package org.fusedsim.bgq.interrupt;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.Simulation;

/**
 * Load-reserve and {@code waitrsv}: a thread holding a reservation on a cache line sleeps until
 * another thread stores to that line, then wakes without an interrupt after the wakeup latency. The
 * SPC monitor waits this way for CL's RESUME command (bgq-facts.md, step 5).
 *
 * <p>A component that uses one line over and over (a mailbox, a monitor's command slot) takes its
 * {@link Line} once and works on it directly.
 */
public final class Reservations {
  private record Waiter(int thread, Runnable onWake) {}

  /** The reservations held on one cache line. */
  public final class Line {
    private final List<Waiter> waiters = new ArrayList<>(1);

    private Line() {}

    /** Puts {@code thread} to sleep on this line. */
    public void waitrsv(int thread, Runnable onWake) {
      waiters.add(new Waiter(thread, onWake));
    }

    /**
     * Records that {@code thread} stored to this line now: every other thread waiting on it wakes
     * after the wakeup latency. A thread's own store does not wake it.
     */
    public void store(int thread) {
      int kept = 0;
      for (int i = 0; i < waiters.size(); i++) {
        Waiter w = waiters.get(i);
        if (w.thread() == thread) {
          waiters.set(kept++, w);
        } else {
          sim.schedule(params.waitrsvWakePs(), w.onWake());
        }
      }
      waiters.subList(kept, waiters.size()).clear();
    }

    /** Returns the thread asleep on this line if it is the only one, or -1. */
    public int soleWaiter() {
      return waiters.size() == 1 ? waiters.get(0).thread() : -1;
    }

    /**
     * Takes {@code thread}'s reservation away without waking it, as a store to the line does;
     * returns whether it had one. For a waiter that computes its own wake-up time ({@link
     * #wakePs()} after the store becomes visible).
     */
    public boolean cancel(int thread) {
      for (int i = 0; i < waiters.size(); i++) {
        if (waiters.get(i).thread() == thread) {
          waiters.remove(i);
          return true;
        }
      }
      return false;
    }

    /** Returns the time from a store becoming visible to a waiter running again. */
    public long wakePs() {
      return params.waitrsvWakePs();
    }
  }

  private final Simulation sim;
  private final InterruptParams params;
  private final int lineBytes;
  // open addressing by line number (one node's lines, a few dozen): no boxed key and no entry per
  // line; sleeping() only sums sizes, so the order of the slots never shows
  private long[] keys = new long[8];
  private Line[] slots = new Line[8];
  private int count;

  /** Creates the reservation logic of one node. */
  public Reservations(Simulation sim, InterruptParams params, int lineBytes) {
    this.sim = sim;
    this.params = params;
    this.lineBytes = lineBytes;
  }

  /** Returns the line holding {@code address}. */
  public Line line(long address) {
    long key = address / lineBytes;
    int i = slot(keys, slots, key);
    Line l = slots[i];
    if (l == null) {
      l = new Line();
      if (2 * (count + 1) > slots.length) {
        grow();
        i = slot(keys, slots, key);
      }
      keys[i] = key;
      slots[i] = l;
      count++;
    }
    return l;
  }

  /** Puts {@code thread} to sleep on the line holding {@code address}. */
  public void waitrsv(int thread, long address, Runnable onWake) {
    line(address).waitrsv(thread, onWake);
  }

  /**
   * Records that {@code thread} stored to {@code address} now: every other thread waiting on that
   * line wakes after the wakeup latency. A thread's own store does not wake it.
   */
  public void store(int thread, long address) {
    Line l = slots[slot(keys, slots, address / lineBytes)];
    if (l != null) {
      l.store(thread);
    }
  }

  /** Returns how many threads are asleep in waitrsv. */
  public int sleeping() {
    int n = 0;
    for (Line l : slots) {
      if (l != null) {
        n += l.waiters.size();
      }
    }
    return n;
  }

  /** The slot of {@code key}: where it is, or the free slot where it goes. */
  private static int slot(long[] keys, Line[] slots, long key) {
    int mask = slots.length - 1;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    while (slots[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] k = new long[2 * keys.length];
    Line[] v = new Line[2 * slots.length];
    for (int j = 0; j < slots.length; j++) {
      if (slots[j] != null) {
        int i = slot(k, v, keys[j]);
        k[i] = keys[j];
        v[i] = slots[j];
      }
    }
    keys = k;
    slots = v;
  }
}
