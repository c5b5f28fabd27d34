package org.fusedsim.cl;

/**
 * How CL places a process's threads on its SPC range (bgq-facts.md, "thread placement"). The range
 * starts at {@code first} (a multiple of 4) and spans the threads rounded up to whole cores.
 */
public enum Placement {
  /**
   * Default: each new thread 4 SPCs further (one per core first), then the next hardware thread.
   */
  CORES("cores"),
  /** Consecutive SPCs: fill a core's 4 threads before the next core. */
  LINEAR("linear"),
  /** Two threads per core first, then the other two. */
  TWO_THREADS("two-threads");

  private final String id;

  Placement(String id) {
    this.id = id;
  }

  /** Returns the name used in scenario files. */
  public String id() {
    return id;
  }

  /** Returns the placement with that name. */
  public static Placement of(String id) {
    for (Placement p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown placement " + id);
  }

  /**
   * Returns the SPC index of each of {@code threads} threads of a process starting at {@code
   * first}.
   */
  public int[] place(int first, int threads) {
    int span = (threads + 3) / 4 * 4;
    int cores = span / 4;
    int[] out = new int[threads];
    for (int i = 0; i < threads; i++) {
      out[i] =
          switch (this) {
            case LINEAR -> first + i;
            case CORES -> first + (i % cores) * 4 + i / cores;
            case TWO_THREADS -> {
              int half = cores * 2;
              int j = i % half;
              int pair = i / half;
              yield first + (j / 2) * 4 + pair * 2 + j % 2;
            }
          };
    }
    return out;
  }
}
