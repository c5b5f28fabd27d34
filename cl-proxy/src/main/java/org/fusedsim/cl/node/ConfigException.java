package org.fusedsim.cl.node;

/**
 * A personality's configuration that does not fit the node (a memory layout that does not hold the
 * SPC chunks, more application threads than the personality offers); names the section and key
 * whose value is at fault, so that the scenario loader reports it where it was written.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String section;
  private final String key;

  /** Creates the exception for {@code section.key}. */
  public ConfigException(String section, String key, String message) {
    super(message);
    this.section = section;
    this.key = key;
  }

  /** Returns the section at fault. */
  public String section() {
    return section;
  }

  /** Returns the key at fault. */
  public String key() {
    return key;
  }
}
