package org.fusedsim.spc;

/**
 * The simulated times at which one call reached each {@link Step}, stamped by the components that
 * make the call happen (monitor, Linux, CL). Steps not passed (a monitor-local call) stay unset.
 */
public final class Timeline {
  private static final Step[] STEPS = Step.values();
  // time + 1, so that a fresh array (all zero) means no step reached yet: one is made per call
  private final long[] at = new long[STEPS.length];

  /** Creates an empty timeline. */
  public Timeline() {}

  /** Records that the call reached {@code s} at {@code time} ({@code >= 0}). */
  public void mark(Step s, long time) {
    if (time < 0) {
      throw new IllegalArgumentException("time " + time + " < 0");
    }
    at[s.ordinal()] = time + 1;
  }

  /** Takes back the mark of {@code s} (a step taken ahead of time and then undone). */
  public void clear(Step s) {
    at[s.ordinal()] = 0;
  }

  /** Returns the time of {@code s}, or -1 if the call did not pass it. */
  public long at(Step s) {
    return at[s.ordinal()] - 1;
  }

  /** Returns whether every step was marked (the call went the whole offload path). */
  public boolean complete() {
    for (long t : at) {
      if (t == 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the duration of the step ending at mark {@code s} (not for TRAP). */
  public long step(Step s) {
    if (s == Step.TRAP) {
      throw new IllegalArgumentException("TRAP starts the call");
    }
    return at(s) - at(STEPS[s.ordinal() - 1]);
  }

  /** Returns the total from trap to return. */
  public long total() {
    return at(Step.RETURNED) - at(Step.TRAP);
  }
}
