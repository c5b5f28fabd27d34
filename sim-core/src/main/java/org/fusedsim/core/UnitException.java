package org.fusedsim.core;

/** A quantity string that does not parse: no unit, an unknown unit, or a value out of range. */
public final class UnitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was expected. */
  public UnitException(String message) {
    super(message);
  }
}
