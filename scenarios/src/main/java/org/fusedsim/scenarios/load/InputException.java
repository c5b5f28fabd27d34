package org.fusedsim.scenarios.load;

/**
 * Bad input from a user: a scenario, a trace or a flag. The CLI prints it as {@code error:
 * FILE:LINE:COL: message} and exits with status 2, without a stack trace.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Location location;

  /** Creates the exception at a location with a message that says what was expected. */
  public InputException(Location location, String message) {
    super(Messages.oneLine(message));
    this.location = location;
  }

  /** Returns where the bad input is. */
  public Location location() {
    return location;
  }

  /** Returns the one-line form the CLI prints. */
  public String userMessage() {
    return "error: " + Messages.oneLine(location.toString()) + ": " + getMessage();
  }
}
