package org.fusedsim.spc;

import java.util.BitSet;

/**
 * The per-SPC bit mask in shared memory: a monitor sets its thread's bit before raising the IPI;
 * Linux's handler on CPU 0 takes all set bits at once and clears them. A handler may therefore find
 * a bit whose IPI is still in flight (it serves it early) or find nothing (a spurious IPI).
 */
public final class IpiMask {
  private final BitSet bits = new BitSet();

  /** Marks SPC {@code spc} as needing service. */
  public void set(int spc) {
    bits.set(spc);
  }

  /** Returns the marked SPCs in ascending order and clears them. */
  public int[] drain() {
    int[] out = new int[bits.cardinality()];
    int i = 0;
    for (int b = bits.nextSetBit(0); b >= 0; b = bits.nextSetBit(b + 1)) {
      out[i++] = b;
    }
    bits.clear();
    return out;
  }

  /** Returns whether any bit is set. */
  public boolean any() {
    return !bits.isEmpty();
  }
}
