package org.fusedsim.scenarios.api;

/**
 * Bad input to the embedding API: a scenario that does not validate, an override of an unknown key,
 * a bound in the wrong unit, an unreadable baseline. The message has the same one-line form the
 * command line prints, {@code FILE:LINE:COL: what was expected}, and the parts are available
 * separately.
 */
public final class FusedsimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  FusedsimException(String file, int line, int column, String message) {
    super(file + ":" + line + ":" + column + ": " + message);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** Returns the file (or pseudo-source such as {@code <string>}) with the bad input. */
  public String file() {
    return file;
  }

  /** Returns the 1-based line of the bad input. */
  public int line() {
    return line;
  }

  /** Returns the 1-based column of the bad input. */
  public int column() {
    return column;
  }
}
