package org.fusedsim.spc;

import java.util.Arrays;

/**
 * The simulated times at which one call reached each {@link Step}, stamped by the components that
 * make the call happen (monitor, Linux, CL). Steps not passed (a monitor-local call) stay unset.
 */
public final class Timeline {
  private static final long UNSET = -1;
  private static final Step[] STEPS = Step.values();
  private final long[] at = new long[STEPS.length];

  /** Creates an empty timeline. */
  public Timeline() {
    Arrays.fill(at, UNSET);
  }

  /** Records that the call reached {@code s} at {@code time}. */
  public void mark(Step s, long time) {
    at[s.ordinal()] = time;
  }

  /** Returns the time of {@code s}, or -1 if the call did not pass it. */
  public long at(Step s) {
    return at[s.ordinal()];
  }

  /** Returns whether every step was marked (the call went the whole offload path). */
  public boolean complete() {
    for (long t : at) {
      if (t == UNSET) {
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
