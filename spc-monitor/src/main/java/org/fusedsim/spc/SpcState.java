package org.fusedsim.spc;

/** Where one SPC hardware thread is in the monitor's state machine. */
public enum SpcState {
  /** Booted, waiting in {@code waitrsv} for START. */
  IDLE,
  /** Running application code. */
  RUNNING,
  /** In the monitor: saving context after a trap, or serving a monitor-local call. */
  TRAPPED,
  /** Context saved, IPI sent, asleep in {@code waitrsv} until CL writes a command. */
  WAITING,
  /** Executing a command other than RESUME, then back to waiting. */
  COMMAND,
  /** Restoring the context before returning to the application. */
  RESTORING,
  /** Stopped by EXIT or an unrecoverable exception. */
  EXITED
}
