package org.fusedsim.core;

/**
 * A simulation that cannot finish: messages left undelivered or a thread left waiting when no event
 * remains, or a workload still running at the time limit. The message names what is stuck. It is a
 * fault of the model, never a result.
 */
public final class StuckException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what is stuck. */
  public StuckException(String message) {
    super(message);
  }
}
