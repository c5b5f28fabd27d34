package org.fusedsim.net.roq;

import org.fusedsim.core.Simulation;

/**
 * A resource that does one piece of work at a time, in arrival order: a hardware thread running a
 * protocol stack, core 16's polling loop, a file server's disk bandwidth. Work whose cost is known
 * when it arrives, so a busy-until time is all the state needed.
 */
public final class Server {
  private final Simulation sim;
  private long freeAt;
  private long busy;

  /** Creates an idle server. */
  public Server(Simulation sim) {
    this.sim = sim;
  }

  /** Does {@code costPs} of work after all work already queued; {@code done} runs at its end. */
  public void serve(long costPs, Runnable done) {
    long start = Math.max(sim.now(), freeAt);
    freeAt = start + costPs;
    busy += costPs;
    sim.schedule(freeAt - sim.now(), done);
  }

  /** Returns the total work done or queued, in picoseconds. */
  public long busyTime() {
    return busy;
  }
}
