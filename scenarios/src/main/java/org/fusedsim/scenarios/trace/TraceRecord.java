package org.fusedsim.scenarios.trace;

import java.util.List;

/**
 * One completed call or event of a CST trace.
 *
 * @param ts start, ns since the clock origin
 * @param rank process index
 * @param thread thread index within the rank
 * @param op canonical call name, or {@code !start}, {@code !exit}, {@code !signal}, {@code !mark}
 * @param dur ns from entry to exit, or {@link #UNKNOWN_DUR} for {@code -}
 * @param ret result as written: a decimal or hex value, {@code -ENAME}, {@code ?} or {@code -}
 * @param attrs attributes in file order
 * @param line source line of the call's start (0 if synthesised)
 */
public record TraceRecord(
    long ts, int rank, int thread, String op, long dur, String ret, List<Attr> attrs, int line)
    implements TraceItem {
  /** The {@code dur} of a call whose duration is unknown. */
  public static final long UNKNOWN_DUR = -1;

  /** Copies the attribute list. */
  public TraceRecord {
    attrs = List.copyOf(attrs);
  }

  /** Returns true for {@code !start}, {@code !exit}, {@code !signal} and {@code !mark}. */
  public boolean isEvent() {
    return op.startsWith("!");
  }

  /** Returns {@code rank.thread}. */
  public String who() {
    return rank + "." + thread;
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

  /** Returns true if the call failed ({@code ret} is {@code -ENAME}). */
  public boolean failed() {
    return ret.length() > 1 && ret.charAt(0) == '-' && ret.charAt(1) == 'E';
  }
}
