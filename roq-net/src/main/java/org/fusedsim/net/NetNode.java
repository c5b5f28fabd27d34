package org.fusedsim.net;

/**
 * What the OS of one node (compute or IO) offers the network stacks: interrupt-context work for
 * packet reception, and new kernel or daemon threads. Provided by the node's personality.
 */
public interface NetNode {
  /** Returns the node's endpoint on the partition's network. */
  int endpoint();

  /**
   * Runs {@code ps} of kernel work in interrupt context on the node (receive processing after a
   * Messaging Unit or RoQ interrupt), then {@code then}; a thread woken from {@code then} is woken
   * from that CPU.
   */
  void softirq(long ps, Runnable then);

  /** Starts a thread of the node's OS (a daemon's worker), asleep until woken. */
  NetThread newThread(String name);
}
