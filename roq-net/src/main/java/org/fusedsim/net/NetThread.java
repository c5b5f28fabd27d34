package org.fusedsim.net;

/**
 * A thread of control on a node that network software runs in: an MPI rank's application thread, a
 * Linux task in a system call (a CL pthread in v9fs), a diod worker on an IO node. The node's OS
 * personality provides it, so the software's CPU time runs on the node's hardware threads and
 * competes with everything else there.
 *
 * <p>Protocol: the code running in the thread calls {@link #compute} (the thread must be running,
 * not in a {@code compute} already) and, when it must wait for the network, arranges a later {@link
 * #wake} and calls {@link #sleep}. A wake that comes before the sleep is kept and the sleep returns
 * at once. How a thread waits is the OS's: a Linux task blocks in the kernel; an application thread
 * under PAMI polls its reception FIFOs on its hardware thread.
 */
public interface NetThread {
  /** Runs {@code ps} of CPU time (at full speed) in this thread, then {@code then}. */
  void compute(long ps, Runnable then);

  /** The thread waits until {@link #wake}. */
  void sleep();

  /** Wakes the waiting thread from elsewhere on its node; {@code then} runs in the thread. */
  void wake(Runnable then);
}
