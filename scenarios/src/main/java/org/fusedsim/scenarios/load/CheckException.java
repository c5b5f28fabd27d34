package org.fusedsim.scenarios.load;

/**
 * A value that passed its own parameter checks but does not fit the model (an impossible torus
 * shape, a FIFO claimed twice, ...). Thrown by {@link ScenarioKind#check}; the loader turns it into
 * an {@link InputException} at the location of {@code section.key}.
 */
public final class CheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String section;
  private final String key;

  /**
   * Creates the exception.
   *
   * @param section the section the offending value is in
   * @param key the key of the offending value
   * @param message what was expected
   */
  public CheckException(String section, String key, String message) {
    super(message);
    this.section = section;
    this.key = key;
  }

  /** Returns the section of the offending value. */
  public String section() {
    return section;
  }

  /** Returns the key of the offending value. */
  public String key() {
    return key;
  }
}
