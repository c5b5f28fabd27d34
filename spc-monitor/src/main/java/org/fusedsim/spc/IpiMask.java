package org.fusedsim.spc;

import java.util.Arrays;

/**
 * The per-SPC bit mask in shared memory: a monitor sets its thread's bit before raising the IPI;
 * Linux's handler on CPU 0 takes all set bits at once and clears them. A handler may therefore find
 * a bit whose IPI is still in flight (it serves it early) or find nothing (a spurious IPI).
 *
 * <p>A bit carries the time it is set, which may lie ahead: a monitor that knows when its thread
 * will trap sets the bit at once, and a handler running before that time does not see it. The bits
 * are kept in order of that time, so a handler pays for the bits it takes, not for all SPCs.
 */
public final class IpiMask {
  private static final int[] NONE = new int[0];

  // a binary min-heap of (time, spc), ordered by time then spc
  private long[] times = new long[16];
  private int[] spcs = new int[16];
  private int size;
  private boolean[] marked = new boolean[0];

  /**
   * Marks SPC {@code spc} as needing service from time {@code at} on; a bit already set stays as it
   * is.
   */
  public void set(int spc, long at) {
    if (spc >= marked.length) {
      marked = Arrays.copyOf(marked, Math.max(spc + 1, marked.length * 2));
    }
    if (marked[spc]) {
      return;
    }
    marked[spc] = true;
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      spcs = Arrays.copyOf(spcs, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(at, spc, times[parent], spcs[parent])) {
        break;
      }
      times[i] = times[parent];
      spcs[i] = spcs[parent];
      i = parent;
    }
    times[i] = at;
    spcs[i] = spc;
  }

  /** Returns the SPCs marked at or before {@code now} in ascending order and clears them. */
  public int[] drain(long now) {
    if (size == 0 || times[0] > now) {
      return NONE;
    }
    int[] out = new int[4];
    int n = 0;
    while (size > 0 && times[0] <= now) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      int spc = spcs[0];
      out[n++] = spc;
      marked[spc] = false;
      removeTop();
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  private void removeTop() {
    size--;
    long t = times[size];
    int s = spcs[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && before(times[child + 1], spcs[child + 1], times[child], spcs[child])) {
        child++;
      }
      if (!before(times[child], spcs[child], t, s)) {
        break;
      }
      times[i] = times[child];
      spcs[i] = spcs[child];
      i = child;
    }
    times[i] = t;
    spcs[i] = s;
  }

  private static boolean before(long t1, int s1, long t2, int s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  /** Returns whether any bit is set (now or ahead). */
  public boolean any() {
    return size > 0;
  }
}
