package org.fusedsim.bgq.torus;

/**
 * A partition shape that cannot exist on a Blue Gene/Q: unparsable text, a dimension that is zero
 * or negative, an E dimension larger than 2, or a sub-block that does not divide its parent. The
 * message says what was expected, so the CLI can print it as a bad-input error (exit 2).
 */
public final class ShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the offending text and the rule. */
  public ShapeException(String message) {
    super(message);
  }
}
