package org.fusedsim.scenarios.replay;

import java.util.Arrays;

/**
 * Growable columns of primitives for {@link LoadedTrace}: one array element per record instead of
 * one object, stored in chunks so that growing never copies more than one chunk (a 20 M-record
 * trace needs no second copy of a column while it is read).
 */
final class Columns {
  static final int SHIFT = 14;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;

  private Columns() {}

  /** Chunks of {@code long}; the first chunk starts small and doubles up to {@link #CHUNK}. */
  static final class Longs {
    private long[][] chunks = {new long[8]};
    private int size;

    void add(long v) {
      int c = size >>> SHIFT;
      if (c == chunks.length) {
        chunks = Arrays.copyOf(chunks, c * 2);
      }
      long[] a = chunks[c];
      if (a == null) {
        a = chunks[c] = new long[CHUNK];
      } else if ((size & MASK) == a.length) {
        a = chunks[c] = Arrays.copyOf(a, Math.min(CHUNK, a.length * 2));
      }
      a[size & MASK] = v;
      size++;
    }

    long get(int i) {
      return chunks[i >>> SHIFT][i & MASK];
    }

    int size() {
      return size;
    }
  }

  /** Chunks of {@code int}, growing like {@link Longs}. */
  static final class Ints {
    private int[][] chunks = {new int[4]};
    private int size;

    void add(int v) {
      int c = size >>> SHIFT;
      if (c == chunks.length) {
        chunks = Arrays.copyOf(chunks, c * 2);
      }
      int[] a = chunks[c];
      if (a == null) {
        a = chunks[c] = new int[CHUNK];
      } else if ((size & MASK) == a.length) {
        a = chunks[c] = Arrays.copyOf(a, Math.min(CHUNK, a.length * 2));
      }
      a[size & MASK] = v;
      size++;
    }

    int get(int i) {
      return chunks[i >>> SHIFT][i & MASK];
    }

    int size() {
      return size;
    }
  }

  /** Chunks of {@code byte}, growing like {@link Longs}. */
  static final class Bytes {
    private byte[][] chunks = {new byte[8]};
    private int size;

    void add(byte v) {
      int c = size >>> SHIFT;
      if (c == chunks.length) {
        chunks = Arrays.copyOf(chunks, c * 2);
      }
      byte[] a = chunks[c];
      if (a == null) {
        a = chunks[c] = new byte[CHUNK];
      } else if ((size & MASK) == a.length) {
        a = chunks[c] = Arrays.copyOf(a, Math.min(CHUNK, a.length * 2));
      }
      a[size & MASK] = v;
      size++;
    }

    byte get(int i) {
      return chunks[i >>> SHIFT][i & MASK];
    }
  }
}
