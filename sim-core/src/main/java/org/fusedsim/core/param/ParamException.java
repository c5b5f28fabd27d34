package org.fusedsim.core.param;

/** A parameter value that is of the wrong type, lacks its unit, or is out of range. */
public final class ParamException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was expected. */
  public ParamException(String message) {
    super(message);
  }
}
