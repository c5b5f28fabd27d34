package org.fusedsim.scenarios.load;

/**
 * Where a value was written: a file (or a pseudo-source such as {@code --set}), a 1-based line and
 * a 1-based column.
 *
 * @param source the file path as the user gave it, or a pseudo-source name
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(String source, int line, int column) {
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
