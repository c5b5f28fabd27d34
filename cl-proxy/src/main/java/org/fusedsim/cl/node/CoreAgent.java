package org.fusedsim.cl.node;

import java.util.ArrayDeque;
import org.fusedsim.bgq.chip.Execution;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;

/**
 * Kernel work queued on one hardware thread and done in arrival order (CNK's system agent on core
 * 16 taking the Messaging Unit's interrupts); the thread is idle in between.
 */
public final class CoreAgent {
  private final HardwareThread thread;
  private final ArrayDeque<long[]> costs = new ArrayDeque<>();
  private final ArrayDeque<Runnable> done = new ArrayDeque<>();
  private Runnable current;
  private final Execution piece;

  /** Creates the agent on {@code thread}. */
  public CoreAgent(HardwareThread thread, String name) {
    this.thread = thread;
    this.piece =
        new Execution() {
          @Override
          public void finished() {
            next();
          }

          @Override
          public String toString() {
            return name;
          }
        };
  }

  /** Does {@code ps} of work after all work already queued; {@code then} runs at its end. */
  public void serve(long ps, Runnable then) {
    costs.add(new long[] {ps});
    done.add(then);
    if (current == null) {
      next();
    }
  }

  private void next() {
    Runnable finished = current;
    current = null;
    if (!costs.isEmpty()) {
      long ps = costs.poll()[0];
      current = done.poll();
      thread.start(Work.integer(ps / (double) thread.chip().params().cyclePs()), piece);
    }
    if (finished != null) {
      finished.run();
    }
  }
}
