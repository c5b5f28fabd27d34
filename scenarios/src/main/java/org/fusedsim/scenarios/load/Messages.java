package org.fusedsim.scenarios.load;

/**
 * Makes a message fit for one line of a terminal: control characters are escaped (a scenario value
 * holding {@code ESC [2J} must not clear the user's screen, a newline must not start a second
 * line), an echoed value longer than {@link #MAX_VALUE} characters is cut, and the whole message is
 * cut at {@link #MAX_MESSAGE} characters.
 */
public final class Messages {
  /** Longest quoted value a message echoes whole. */
  public static final int MAX_VALUE = 80;

  /** Longest message, after escaping. */
  public static final int MAX_MESSAGE = 1000;

  private Messages() {}

  /** Returns {@code message} escaped and cut to fit one line. */
  public static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String escaped = escape(message);
    String cut = cutQuoted(escaped);
    if (cut.length() > MAX_MESSAGE) {
      int dropped = cut.length() - MAX_MESSAGE;
      cut = cut.substring(0, MAX_MESSAGE) + "... (" + dropped + " more characters)";
    }
    return cut;
  }

  /**
   * Escapes control characters as {@code \n}, {@code \t}, {@code \r} or {@code \xNN}/{@code
   * \\uNNNN}.
   */
  static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (!control) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default ->
            b.append(
                c < 0x100
                    ? String.format(java.util.Locale.ROOT, "\\x%02x", (int) c)
                    : String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Cuts every quoted value longer than {@link #MAX_VALUE} characters. A quote opens a value only
   * at the start of a word and closes it only at the end of one, so the apostrophe of prose such as
   * "RoQ's" is not taken for a quote.
   */
  static String cutQuoted(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_MESSAGE + 64));
    int i = 0;
    while (i < s.length()) {
      int open = nextQuote(s, i, true);
      int close = open < 0 ? -1 : nextQuote(s, open + 1, false);
      if (open < 0 || close < 0) {
        b.append(s, i, s.length());
        break;
      }
      b.append(s, i, open + 1);
      int len = close - open - 1;
      if (len > MAX_VALUE) {
        b.append(s, open + 1, open + 1 + MAX_VALUE)
            .append("...' (")
            .append(len)
            .append(" characters, cut at ")
            .append(MAX_VALUE)
            .append(")");
      } else {
        b.append(s, open + 1, close + 1);
      }
      i = close + 1;
    }
    return b.toString();
  }

  private static int nextQuote(String s, int from, boolean opening) {
    for (int q = s.indexOf('\'', from); q >= 0; q = s.indexOf('\'', q + 1)) {
      if (opening) {
        if (q == 0 || " (=:[,".indexOf(s.charAt(q - 1)) >= 0) {
          return q;
        }
      } else if (q + 1 == s.length() || " ),;:].".indexOf(s.charAt(q + 1)) >= 0) {
        return q;
      }
    }
    return -1;
  }
}
