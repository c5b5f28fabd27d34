package org.fusedsim.spc;

/**
 * The instants one offloaded system call passes through, in order (bgq-facts.md, "One system call
 * from an SPC"). The time between two consecutive marks is one step of the breakdown, so the steps
 * sum exactly to the call's total.
 */
public enum Step {
  /** The application executes {@code sc}. */
  TRAP("trap"),
  /** Context saved; the monitor writes the IPI send register. */
  IPI_SENT("trap_save"),
  /** CPU 0 starts the handler that finds this SPC's bit (IPI latency plus any wait at CPU 0). */
  HANDLER("ipi"),
  /** The handler has woken this SPC's wait queue. */
  WOKEN("cpu0_handler"),
  /** The CL pthread runs in user space with the call (wakeup, scheduling, ioctl return). */
  CL_RUNNING("cl_wakeup"),
  /** CL has served the call and issues the RESUME store. */
  RESUME_STORE("service"),
  /** The store is visible in L2 and kills the reservation. */
  STORE_VISIBLE("resume_store"),
  /** The SPC thread issues again after {@code waitrsv}. */
  SPC_AWAKE("waitrsv_wake"),
  /** Context restored; back in the application. */
  RETURNED("restore");

  private final String stepName;

  Step(String stepName) {
    this.stepName = stepName;
  }

  /** Returns the name of the step that ends at this mark (the mark's own name for TRAP). */
  public String stepName() {
    return stepName;
  }
}
