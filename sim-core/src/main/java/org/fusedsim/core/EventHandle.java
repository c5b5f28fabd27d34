package org.fusedsim.core;

/**
 * A scheduled event that can still be cancelled. Returned only by {@link
 * Simulation#scheduleCancellable}; cancelling leaves the entry queued and the kernel skips it.
 */
public final class EventHandle {
  private final Simulation sim;
  private final Runnable action;
  private byte state; // 0 pending, 1 fired, 2 cancelled

  EventHandle(Simulation sim, Runnable action) {
    this.sim = sim;
    this.action = action;
  }

  /**
   * Cancels the event if it has neither run nor been cancelled.
   *
   * @return true if this call cancelled it
   */
  public boolean cancel() {
    if (state != 0) {
      return false;
    }
    state = 2;
    sim.noteCancelled();
    return true;
  }

  /** Returns whether the event is still waiting to run. */
  public boolean isPending() {
    return state == 0;
  }

  boolean isCancelled() {
    return state == 2;
  }

  void fire() {
    state = 1;
    action.run();
  }
}
