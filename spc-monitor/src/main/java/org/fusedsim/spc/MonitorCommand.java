package org.fusedsim.spc;

/**
 * The commands CL writes into an SPC thread's command slot (bgq-facts.md, "Monitor commands"). The
 * monitor reads the slot when the store wakes it from {@code waitrsv}.
 */
public enum MonitorCommand {
  /** Start the application thread at its entry point. */
  START,
  /** Resume the thread after a serviced system call, with the return value in the context. */
  RESUME,
  /** Write static TLB entries (argument: number of entries). */
  LOAD_TLB,
  /** Invalidate the static TLB entries. */
  UNLOAD_TLB,
  /** Stop the thread for good. */
  EXIT,
  /** Save the floating-point/QPX registers into the context area. */
  SAVE_FPU,
  /** Initialise the thread's universal performance counters. */
  UPC_INIT,
  /** Initialise the core's performance counter unit. */
  UPCP_INIT;

  /**
   * Returns whether the monitor answers the command with an IPI back to Linux once it is done (it
   * stores into the interrupt controller's send register), for which the CL thread that posted it
   * waits in the ioctl: every command but START, RESUME and EXIT (spcm/monitor.c).
   */
  public boolean answered() {
    return this != START && this != RESUME && this != EXIT;
  }
}
