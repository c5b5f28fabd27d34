package org.fusedsim.scenarios.trace;

import java.util.List;

/**
 * A header directive such as {@code @thread 0.1 tid=10290}: its name, positional arguments (the
 * {@code <r.t>} of {@code @thread}, {@code <r> <fd>} of {@code @fd}, ...) and attributes.
 *
 * @param name directive name without the {@code @}
 * @param args positional arguments, encoded
 * @param attrs attributes in file order
 * @param line source line, 0 if synthesised
 */
public record TraceHeader(String name, List<String> args, List<Attr> attrs, int line)
    implements TraceItem {
  /** Copies the lists. */
  public TraceHeader {
    args = List.copyOf(args);
    attrs = List.copyOf(attrs);
  }

  /** Returns the encoded value of an attribute, or null. */
  public String attr(String key) {
    for (Attr a : attrs) {
      if (a.key().equals(key)) {
        return a.value();
      }
    }
    return null;
  }
}
