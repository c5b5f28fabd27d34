package org.fusedsim.cl;

/** A job that CL's launch rules reject; names the offending setting. */
public final class LaunchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /** Creates the exception for setting {@code key}. */
  public LaunchException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** Returns the offending setting. */
  public String key() {
    return key;
  }
}
