package org.fusedsim.scenarios.trace;

/**
 * One {@code key=value} attribute of a CST record or header. The value is kept in its encoded CST
 * form (percent-escapes included), so that attributes a reader does not know are written back byte
 * for byte.
 *
 * @param key attribute key, {@code [a-z0-9_]+}
 * @param value encoded value, see {@link Cst#isValue(String)}
 */
public record Attr(String key, String value) {
  /** Returns an attribute whose value is {@code text} percent-encoded as a CST pstring. */
  public static Attr text(String key, String text) {
    return new Attr(key, Cst.encode(text));
  }

  /** Returns an integer attribute. */
  public static Attr of(String key, long value) {
    return new Attr(key, Long.toString(value));
  }
}
