package org.fusedsim.bgq.node;

import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.Reservations;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.core.Simulation;

/**
 * The hardware of one node, compute or IO: the chip (everything that runs on the node runs on one
 * of its hardware threads), the interrupt controller, the wakeup unit's reservations and the memory
 * parameters. Its Messaging Unit is the partition's {@link org.fusedsim.bgq.mu.MessagingUnits} seen
 * at this node's endpoint.
 */
public final class NodeHardware {
  private final Simulation sim;
  private final int endpoint;
  private final String location;
  private final Chip chip;
  private final InterruptController interrupts;
  private final Reservations reservations;
  private final MemoryParams memory;

  /**
   * Builds the node.
   *
   * @param endpoint the node's endpoint on the partition's network (the rank for compute nodes)
   * @param location the location name, prefix of every component path of the node
   */
  public NodeHardware(Simulation sim, HardwareParams p, int endpoint, String location) {
    this.sim = sim;
    this.endpoint = endpoint;
    this.location = location;
    this.chip = new Chip(sim, p.chip(), location);
    this.interrupts = new InterruptController(sim, p.interrupt(), location, chip.threadCount());
    interrupts.traceThreads(i -> chip.thread(i).path(), endpoint);
    this.reservations = new Reservations(sim, p.interrupt(), p.memory().lineBytes());
    this.memory = p.memory();
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the node's endpoint on the network (its rank for a compute node). */
  public int endpoint() {
    return endpoint;
  }

  /** Returns the location name, e.g. {@code R00-M0-N04-J07}. */
  public String location() {
    return location;
  }

  /** Returns the chip. */
  public Chip chip() {
    return chip;
  }

  /** Returns the interrupt controller. */
  public InterruptController interrupts() {
    return interrupts;
  }

  /** Returns the reservations of the wakeup unit ({@code waitrsv}). */
  public Reservations reservations() {
    return reservations;
  }

  /** Returns the memory parameters. */
  public MemoryParams memory() {
    return memory;
  }
}
