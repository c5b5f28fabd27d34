package org.fusedsim.net.roq;

import java.util.ArrayDeque;
import org.fusedsim.bgq.chip.Execution;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;

/**
 * The RoQ microcode of one node on a hardware thread of core 16 (bgq-facts.md, "RoQ and IO
 * forwarding"): a polling loop over the Ethernet front end's descriptor rings and RoQ's reception
 * FIFOs that takes up the thread whenever it has nothing to do, and serves each piece of work (a
 * poll that finds a burst, posting a descriptor) in arrival order.
 */
public final class RoqBackend {
  private final HardwareThread thread;
  private final double cyclePs;
  private final ArrayDeque<long[]> costs = new ArrayDeque<>();
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private long busyPs;
  private long served;
  private final Execution piece =
      new Execution() {
        @Override
        public void finished() {
          next();
        }

        @Override
        public String toString() {
          return "RoQ microcode";
        }
      };
  private Runnable current;

  /** Starts the microcode's polling loop on {@code thread}. */
  public RoqBackend(HardwareThread thread) {
    this.thread = thread;
    this.cyclePs = thread.chip().params().cyclePs();
    thread.spin(0, "RoQ microcode");
  }

  /** Returns the hardware thread the microcode runs on. */
  public HardwareThread thread() {
    return thread;
  }

  /** Does {@code ps} of work after all work already queued; {@code done} runs at its end. */
  public void serve(long ps, Runnable done) {
    costs.add(new long[] {ps});
    waiting.add(done);
    busyPs += ps;
    served++;
    if (current == null) {
      thread.suspend(); // leave the polling loop
      next();
    }
  }

  private void next() {
    Runnable finished = current;
    current = null;
    if (!costs.isEmpty()) {
      long ps = costs.poll()[0];
      current = waiting.poll();
      thread.start(Work.integer(ps / cyclePs), piece);
    } else {
      thread.spin(0, "RoQ microcode");
    }
    if (finished != null) {
      finished.run();
    }
  }

  /** Returns the work served so far, in picoseconds at full speed. */
  public long busyTime() {
    return busyPs;
  }

  /** Returns the pieces of work served so far. */
  public long served() {
    return served;
  }
}
