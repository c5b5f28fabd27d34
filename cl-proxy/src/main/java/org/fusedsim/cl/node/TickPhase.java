package org.fusedsim.cl.node;

import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.NoiseParams;

/**
 * Where a node's Linux ticks fall within the tick period: the node booted at its own instant, so
 * its phase is drawn from its own stream; with {@code noise.coscheduled} every node ticks at the
 * same instants.
 */
public final class TickPhase {
  private TickPhase() {}

  /** Returns the tick phase of the node {@code ctx} builds, in picoseconds. */
  public static long of(NodeContext ctx, NoiseParams noise, LinuxParams lp) {
    if (noise.coscheduled()) {
      return 0;
    }
    double u =
        ctx.streams().stream(ctx.hardware().location() + "/linux/tick", "phase").nextDouble();
    return (long) (u * lp.tickPeriodPs());
  }
}
