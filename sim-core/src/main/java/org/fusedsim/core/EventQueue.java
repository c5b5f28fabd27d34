package org.fusedsim.core;

import java.util.Arrays;

/**
 * The pending-event set: a calendar of time buckets in front of a small heap.
 *
 * <p>Three tiers, in the spirit of the ladder queue (Tang, Goh and Thng, ACM TOMACS 2005) with a
 * single rung:
 *
 * <ul>
 *   <li><b>bottom</b>: an {@link EventHeap} with the events of the bucket being drained, ordered by
 *       (time, order);
 *   <li><b>rung</b>: {@code nb} buckets of width {@code 2^shift} picoseconds covering {@code
 *       [rungStart, rungEnd)}; each bucket is an unsorted singly linked list in pooled primitive
 *       arrays, so insertion is O(1) and allocates nothing;
 *   <li><b>top</b>: an unsorted list of events at or after {@code rungEnd}.
 * </ul>
 *
 * <p>An event goes to the bottom when its time falls before the end of the bucket being drained, to
 * its bucket when it falls inside the rung, and to the top otherwise. When the bottom empties, the
 * next non-empty bucket is moved into it; when the rung is used up, a new one is laid over the
 * top's events with about one bucket per event. Each event is thus moved a bounded number of times,
 * and the heap stays small when event times are spread out (the usual case). When many events share
 * a bucket the bottom heap simply grows, so the worst case stays O(log n).
 *
 * <p>The order is exactly (time, order) as with a plain heap: the tiers partition time into
 * disjoint ranges, and only the bottom is ever popped.
 */
final class EventQueue {
  private static final int NIL = -1;
  private static final int MIN_BUCKETS = 16;
  private static final int MAX_BUCKETS = 1 << 22;

  private static final int RUN_MAX = 64;

  /** How much wider than the median-based width the plain width must be to count as skewed. */
  private static final long SKEW = 64;

  /** Pushes per pending event between two spills. */
  private static final long SPILL_EVERY = 8;

  // Bottom tier: a short sorted run of pool slots, or a heap when a bucket is crowded.
  private final EventHeap heap;
  private boolean heapMode;
  private int[] run = new int[2 * RUN_MAX];
  private int runHead;
  private int runTail;

  // Pooled entries of the rung and the top.
  private long[] times;
  private long[] orders;
  private long[] args;
  private Object[] handlers;
  private int[] next;
  private int free = NIL;
  private int poolUsed;

  private int[] buckets = new int[0];
  private int nb;
  private int cur; // next bucket to move into the bottom
  private long rungStart;
  private int shift;
  private long bottomEnd; // events before this time belong in the bottom
  private long bottomMax = Long.MIN_VALUE; // latest event put into the bottom since its refill
  private long rungEnd;

  private long[] scratch = new long[0];

  private int topHead = NIL;
  private int topCount;
  private long topMin = Long.MAX_VALUE;
  private long topMax = Long.MIN_VALUE;

  private int size;
  private long pushesSinceSpill;
  private boolean skewed;
  private long spills;

  EventQueue(int initialCapacity) {
    int cap = Math.max(16, initialCapacity);
    heap = new EventHeap(64);
    times = new long[cap];
    orders = new long[cap];
    args = new long[cap];
    handlers = new Object[cap];
    next = new int[cap];
  }

  int size() {
    return size;
  }

  /** Returns how often a crowded bottom was spilled into a new rung (for tests). */
  long spills() {
    return spills;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Time of the next event; only valid when not empty. */
  long topTime() {
    return heapMode ? heap.topTime() : times[run[runHead]];
  }

  Object topHandler() {
    return heapMode ? heap.topHandler() : handlers[run[runHead]];
  }

  long topArg() {
    return heapMode ? heap.topArg() : args[run[runHead]];
  }

  private boolean bottomEmpty() {
    return heapMode ? heap.isEmpty() : runHead == runTail;
  }

  void push(long time, long order, Object handler, long arg) {
    size++;
    pushesSinceSpill++;
    if (time < bottomEnd && crowded()) {
      spill();
    }
    if (time < bottomEnd) {
      pushBottom(time, order, handler, arg);
      return;
    }
    int slot = allocate(time, order, handler, arg);
    if (time < rungEnd) {
      int b = (int) ((time - rungStart) >>> shift);
      next[slot] = buckets[b];
      buckets[b] = slot;
    } else {
      toTop(slot);
    }
    if (bottomEmpty()) {
      refill();
    }
  }

  void removeTop() {
    if (heapMode) {
      heap.removeTop();
      heapMode = !heap.isEmpty();
    } else {
      release(run[runHead++]);
    }
    size--;
    if (size > 0 && bottomEmpty()) {
      refill();
    }
  }

  private void pushBottom(long time, long order, Object handler, long arg) {
    bottomMax = Math.max(bottomMax, time);
    if (!heapMode && runTail - runHead >= RUN_MAX) {
      toHeap();
    }
    if (heapMode) {
      heap.push(time, order, handler, arg);
      return;
    }
    insertSorted(allocate(time, order, handler, arg));
  }

  /**
   * Returns whether the bottom is crowded with events at different times, so that a new rung may
   * sort them out. That happens when a rung was laid over a lone far-future event (its one bucket
   * then reaches from now to that event) and the near future has filled in since. Events all at one
   * time are left to the heap. At most one spill per {@link #SPILL_EVERY} times {@code size}
   * pushes, so spilling stays amortized constant per event even when the bottom is crowded only by
   * chance.
   */
  private boolean crowded() {
    int n = heapMode ? heap.size() : runTail - runHead;
    if (n < RUN_MAX || pushesSinceSpill < SPILL_EVERY * size) {
      return false;
    }
    long first = heapMode ? heap.topTime() : times[run[runHead]];
    return bottomMax > first;
  }

  /** Puts every pending event back into the top and lays a fresh rung. */
  private void spill() {
    spills++;
    pushesSinceSpill = 0;
    while (!heap.isEmpty()) {
      toTop(allocate(heap.topTime(), heap.topOrder(), heap.topHandler(), heap.topArg()));
      heap.removeTop();
    }
    heapMode = false;
    for (int i = runHead; i < runTail; i++) {
      toTop(run[i]);
    }
    runHead = 0;
    runTail = 0;
    for (int b = cur; b < nb; b++) {
      int slot = buckets[b];
      buckets[b] = NIL;
      while (slot != NIL) {
        int nx = next[slot];
        toTop(slot);
        slot = nx;
      }
    }
    cur = 0;
    nb = 0;
    skewed = true;
    layRung();
    refill();
  }

  private void toTop(int slot) {
    long t = times[slot];
    next[slot] = topHead;
    topHead = slot;
    topCount++;
    topMin = Math.min(topMin, t);
    topMax = Math.max(topMax, t);
  }

  /** Inserts a pool slot into the sorted run, scanning from the end (new events sort late). */
  private void insertSorted(int slot) {
    if (runTail == run.length) {
      System.arraycopy(run, runHead, run, 0, runTail - runHead);
      runTail -= runHead;
      runHead = 0;
    }
    long t = times[slot];
    long o = orders[slot];
    int i = runTail - 1;
    while (i >= runHead) {
      int other = run[i];
      long ot = times[other];
      if (ot < t || (ot == t && orders[other] < o)) {
        break;
      }
      run[i + 1] = other;
      i--;
    }
    run[i + 1] = slot;
    runTail++;
  }

  /** Moves the run into the heap, for a crowded bucket where sorted insertion would be slow. */
  private void toHeap() {
    for (int i = runHead; i < runTail; i++) {
      int slot = run[i];
      heap.push(times[slot], orders[slot], handlers[slot], args[slot]);
      release(slot);
    }
    runHead = 0;
    runTail = 0;
    heapMode = true;
  }

  /** Moves the earliest non-empty bucket into the bottom, laying a new rung when needed. */
  private void refill() {
    while (true) {
      while (cur < nb) {
        int b = cur++;
        int slot = buckets[b];
        if (slot != NIL) {
          buckets[b] = NIL;
          bottomEnd = bucketEnd(b);
          bottomMax = Long.MIN_VALUE;
          runHead = 0;
          runTail = 0;
          while (slot != NIL) {
            int nx = next[slot];
            bottomMax = Math.max(bottomMax, times[slot]);
            if (heapMode) {
              heap.push(times[slot], orders[slot], handlers[slot], args[slot]);
              release(slot);
            } else {
              insertSorted(slot);
              if (runTail - runHead >= RUN_MAX) {
                toHeap();
              }
            }
            slot = nx;
          }
          return;
        }
      }
      if (topHead == NIL) {
        throw new IllegalStateException("event queue lost track of " + size + " events");
      }
      layRung();
    }
  }

  private long bucketEnd(int b) {
    long end = rungStart + ((long) (b + 1) << shift);
    return end < rungStart ? Long.MAX_VALUE : end; // saturate on overflow
  }

  /**
   * Lays a new rung over the top's events, about one bucket per event over their whole span.
   *
   * <p>Once a rung has proved too coarse (its bottom crowded with events at different times, see
   * {@link #spill}), rungs are laid skewed until the far tail is gone: the width comes from the
   * earlier half of the events (two buckets per event up to their median time), since a few far
   * events (a timer seconds ahead among nanosecond-spaced work) would otherwise stretch every
   * bucket until the whole near future fell into the bottom. Events beyond such a rung stay in the
   * top for a later one; at least half of the top moves into it, so scanning the rest stays
   * amortized constant per event.
   */
  private void layRung() {
    int n = topCount;
    int count = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, Integer.highestOneBit(n) << 1));
    long reach = topMax;
    long perBucket = (topMax - topMin) / count + 1;
    if (skewed && n > MIN_BUCKETS) {
      if (scratch.length < n) {
        scratch = new long[Math.max(n, scratch.length * 2)];
      }
      int i = 0;
      for (int slot = topHead; slot != NIL; slot = next[slot]) {
        scratch[i++] = times[slot];
      }
      long median = select(scratch, n, n / 2);
      long half = median - topMin;
      long fine = half / n + 1; // n/2 events up to the median, two buckets each
      if (perBucket / SKEW <= fine) {
        // no far tail (any more); smooth spreads such as exponential delays stay well below SKEW
        skewed = false;
      } else {
        perBucket = fine;
        reach = half > topMax - median ? topMax : median + half;
      }
    }
    shift = 64 - Long.numberOfLeadingZeros(perBucket - 1); // smallest 2^shift >= perBucket
    rungStart = topMin;
    long needed = ((topMax - topMin) >>> shift) + 1;
    nb = (int) Math.min(needed, (long) count);
    if (reach < topMax) {
      // keep the rung no longer than it needs to be to hold the earlier half
      nb = (int) Math.max(1, Math.min(nb, ((reach - topMin) >>> shift) + 1));
    }
    if (buckets.length < nb) {
      buckets = new int[Math.max(nb, buckets.length * 2)];
      Arrays.fill(buckets, NIL);
    }
    cur = 0;
    rungEnd = bucketEnd(nb - 1);
    bottomEnd = rungStart;
    int slot = topHead;
    topHead = NIL;
    topCount = 0;
    topMin = Long.MAX_VALUE;
    topMax = Long.MIN_VALUE;
    while (slot != NIL) {
      int nx = next[slot];
      long t = times[slot];
      if (t < rungEnd) {
        int b = (int) ((t - rungStart) >>> shift);
        next[slot] = buckets[b];
        buckets[b] = slot;
      } else {
        toTop(slot);
      }
      slot = nx;
    }
  }

  /**
   * Returns the {@code k}-th smallest of {@code a[0..n)} (0-based), reordering {@code a}:
   * quickselect with a median-of-three pivot; deterministic, expected linear time.
   */
  static long select(long[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      long x = a[lo];
      long y = a[mid];
      long z = a[hi];
      long pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long tmp = a[i];
          a[i] = a[j];
          a[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private int allocate(long time, long order, Object handler, long arg) {
    int slot;
    if (free != NIL) {
      slot = free;
      free = next[slot];
    } else {
      if (poolUsed == times.length) {
        growPool();
      }
      slot = poolUsed++;
    }
    times[slot] = time;
    orders[slot] = order;
    handlers[slot] = handler;
    args[slot] = arg;
    return slot;
  }

  private void release(int slot) {
    handlers[slot] = null;
    next[slot] = free;
    free = slot;
  }

  private void growPool() {
    int cap = times.length;
    if (cap >= Integer.MAX_VALUE / 2) {
      throw new IllegalStateException("event queue full at " + cap + " pending events");
    }
    int n = cap + (cap >> 1) + 16;
    times = Arrays.copyOf(times, n);
    orders = Arrays.copyOf(orders, n);
    args = Arrays.copyOf(args, n);
    handlers = Arrays.copyOf(handlers, n);
    next = Arrays.copyOf(next, n);
  }
}
