package org.fusedsim.cl.node;

import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;

/**
 * What Linux on a node offers the network stacks: receive processing in interrupt context on the
 * CPU the Messaging Unit's interrupt goes to, and daemon threads as Linux tasks on the node's Linux
 * CPUs. While the receive processing runs, the tasks it wakes are woken from that CPU.
 */
public final class LinuxNetNode implements NetNode {
  private final LinuxKernel kernel;
  private final int endpoint;
  private final int irqTarget;
  private final int[] cpus;
  private int irqCpu = -1;

  /**
   * Creates the node's view.
   *
   * @param irqTarget the CPU the MU and RoQ interrupts go to
   * @param cpus the CPUs daemon threads may run on
   */
  public LinuxNetNode(LinuxKernel kernel, int endpoint, int irqTarget, int[] cpus) {
    this.kernel = kernel;
    this.endpoint = endpoint;
    this.irqTarget = irqTarget;
    this.cpus = cpus.clone();
  }

  @Override
  public int endpoint() {
    return endpoint;
  }

  @Override
  public void softirq(long ps, Runnable then) {
    kernel.interrupt(
        irqTarget,
        () -> ps,
        () -> {
          int before = irqCpu;
          irqCpu = irqTarget;
          then.run();
          irqCpu = before;
        });
  }

  @Override
  public NetThread newThread(String name) {
    return new TaskThread(kernel, kernel.spawn(name, cpus), this::irqCpu, true);
  }

  /** Returns the CPU in interrupt context now, or -1 outside receive processing. */
  public int irqCpu() {
    return irqCpu;
  }
}
