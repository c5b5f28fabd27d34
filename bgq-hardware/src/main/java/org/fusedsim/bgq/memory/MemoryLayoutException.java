package org.fusedsim.bgq.memory;

/** A memory layout whose regions overlap or do not fit: names both regions and their ranges. */
public final class MemoryLayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public MemoryLayoutException(String message) {
    super(message);
  }
}
