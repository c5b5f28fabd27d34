package org.fusedsim.cl.node;

import java.util.function.BiConsumer;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.net.NetThread;

/**
 * An application or kernel thread bound to one hardware thread (an SPC thread under its monitor, a
 * CNK thread) as a thread network software runs in. Its CPU time is work on that hardware thread;
 * it waits either by polling (PAMI spinning on its reception FIFOs: the thread keeps issuing and
 * takes its share of the core) or idle (a kernel wait that issues nothing).
 */
public final class PollingThread implements NetThread {
  private final HardwareThread thread;
  private final BiConsumer<Work, Runnable> compute;
  private final boolean spins;
  private final String owner;
  private boolean sleeping;
  private Runnable early;

  /**
   * Creates the thread.
   *
   * @param compute how the thread's work is run (through its monitor or kernel)
   * @param spins whether waiting polls (true) or leaves the hardware thread idle (false)
   */
  public PollingThread(
      HardwareThread thread, BiConsumer<Work, Runnable> compute, boolean spins, String owner) {
    this.thread = thread;
    this.compute = compute;
    this.spins = spins;
    this.owner = owner;
  }

  @Override
  public void compute(long ps, Runnable then) {
    compute.accept(Work.integer(ps / (double) thread.chip().params().cyclePs()), then);
  }

  @Override
  public void sleep() {
    if (early != null) {
      Runnable r = early;
      early = null;
      r.run();
      return;
    }
    sleeping = true;
    if (spins) {
      thread.spin(0, owner);
    }
  }

  @Override
  public void wake(Runnable then) {
    if (!sleeping) {
      if (early != null) {
        throw new IllegalStateException(owner + " woken twice before it slept");
      }
      early = then;
      return;
    }
    sleeping = false;
    if (thread.spinning()) {
      thread.suspend();
    }
    then.run();
  }
}
