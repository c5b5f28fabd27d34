package org.fusedsim.core;

/**
 * A cancellable event that one component arms, cancels and arms again many times, such as the end
 * of a CPU's running segment that interrupts keep moving. Unlike {@link EventHandle} it allocates
 * nothing per arming. At most one arming is pending; cancellation is lazy (the queued entry is
 * skipped when reached and not counted as an event), as for {@link EventHandle}.
 */
public final class Timer {
  private final Simulation sim;
  private final Runnable action;
  private long armed; // generation of the pending arming, 0 if none
  private long generation;

  Timer(Simulation sim, Runnable action) {
    this.sim = sim;
    this.action = action;
  }

  /**
   * Arms the timer: the action runs after {@code delay} picoseconds.
   *
   * @throws IllegalStateException if it is already armed
   */
  public void schedule(long delay) {
    if (armed != 0) {
      throw new IllegalStateException("timer already armed");
    }
    armed = ++generation;
    sim.enqueueTimer(delay, this, armed);
  }

  /**
   * Disarms the timer if it is armed.
   *
   * @return true if this call disarmed it
   */
  public boolean cancel() {
    if (armed == 0) {
      return false;
    }
    armed = 0;
    sim.noteCancelled();
    return true;
  }

  /** Returns whether the timer is armed. */
  public boolean isPending() {
    return armed != 0;
  }

  /** Disarms for a queued arming that is due; returns false if that arming was cancelled. */
  boolean take(long arming) {
    if (arming != armed) {
      return false;
    }
    armed = 0;
    return true;
  }

  void run() {
    action.run();
  }
}
