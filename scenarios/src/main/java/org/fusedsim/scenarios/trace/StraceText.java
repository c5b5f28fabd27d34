package org.fusedsim.scenarios.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical helpers for the argument text strace prints: splitting an argument list at its top-level
 * commas, finding the closing parenthesis of a call, decoding C string literals and {@code -y}
 * descriptor decorations ({@code 3</etc/passwd>}, {@code AT_FDCWD</home>}). All methods are total:
 * malformed text yields -1 or null, never an exception.
 */
final class StraceText {
  private StraceText() {}

  /**
   * Returns the index of the {@code )} that closes an argument list starting at {@code from} (just
   * after the {@code (}), or -1 if the text ends first.
   */
  static int closeParen(String s, int from) {
    int depth = 0;
    int i = from;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"') {
        i = skipString(s, i);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (c == '<' && i > from && isWordChar(s.charAt(i - 1))) {
        i = skipDecoration(s, i);
        if (i < 0) {
          return -1;
        }
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      } else if (c == ')') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
      i++;
    }
    return -1;
  }

  /** Splits an argument list at top-level commas and trims each argument. */
  static List<String> splitArgs(String s) {
    List<String> out = new ArrayList<>(6);
    int depth = 0;
    int start = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"') {
        int j = skipString(s, i);
        i = j < 0 ? n : j;
        continue;
      }
      if (c == '<' && i > 0 && isWordChar(s.charAt(i - 1))) {
        int j = skipDecoration(s, i);
        i = j < 0 ? n : j;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i).trim());
        start = i + 1;
      }
      i++;
    }
    String last = s.substring(Math.min(start, n)).trim();
    if (!last.isEmpty() || !out.isEmpty()) {
      out.add(last);
    }
    return out;
  }

  static boolean isWordChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  /** Returns the index after the closing quote (and any {@code ...}) of a string at {@code i}. */
  static int skipString(String s, int i) {
    int n = s.length();
    int j = i + 1;
    while (j < n) {
      char c = s.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '"') {
        j++;
        if (s.startsWith("...", j)) {
          j += 3;
        }
        return j;
      }
      j++;
    }
    return -1;
  }

  /** Returns the index after the {@code >} closing a decoration that starts at {@code i}. */
  static int skipDecoration(String s, int i) {
    int depth = 0;
    int n = s.length();
    for (int j = i + 1; j < n; j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
      } else if (c == '>' && depth == 0) {
        return j + 1;
      }
    }
    return -1;
  }

  /**
   * Decodes a quoted C string argument ({@code "a\nb"...}); returns null if {@code arg} is not one
   * (NULL, a pointer, a struct).
   */
  static String cString(String arg) {
    if (arg.length() < 2 || arg.charAt(0) != '"') {
      return null;
    }
    int end = skipString(arg, 0);
    if (end < 0) {
      return null;
    }
    int close = arg.charAt(end - 1) == '.' ? end - 4 : end - 1;
    return unescape(arg, 1, close);
  }

  /** Decodes C escapes ({@code \n \t \\ \" \xNN \NNN}) in {@code s[from, to)}. */
  static String unescape(String s, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'v' -> sb.append('\u000b');
        case 'f' -> sb.append('\f');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'x' -> {
          int v = 0;
          int k = 0;
          while (k < 2 && i + 1 < to && Cst.isHex(s.charAt(i + 1))) {
            v = v * 16 + Character.digit(s.charAt(++i), 16);
            k++;
          }
          sb.append((char) v);
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int k = 1;
            while (k < 3 && i + 1 < to && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
              v = v * 8 + (s.charAt(++i) - '0');
              k++;
            }
            sb.append((char) (v & 0xFF));
          } else {
            sb.append(e);
          }
        }
      }
    }
    return sb.toString();
  }

  /** The text inside a trailing {@code -y} decoration ({@code 3</a/b>} gives {@code /a/b}). */
  static String decoration(String arg) {
    int lt = arg.indexOf('<');
    if (lt <= 0 || !arg.endsWith(">") || !isWordChar(arg.charAt(lt - 1))) {
      return null;
    }
    String p = unescape(arg, lt + 1, arg.length() - 1);
    return p.isEmpty() ? null : p;
  }

  /** The part of an argument before any decoration. */
  static String bare(String arg) {
    int lt = arg.indexOf('<');
    return lt > 0 && arg.endsWith(">") && isWordChar(arg.charAt(lt - 1))
        ? arg.substring(0, lt)
        : arg;
  }

  /** Parses a decimal or 0x integer (optionally negative) from bare text; null if not one. */
  static Long integer(String arg) {
    String s = bare(arg);
    boolean neg = s.startsWith("-");
    String d = neg ? s.substring(1) : s;
    if (d.isEmpty() || d.length() > 18) {
      return null;
    }
    try {
      if (d.startsWith("0x")) {
        if (d.length() < 3) {
          return null;
        }
        long v = Long.parseLong(d.substring(2), 16);
        return neg ? -v : v;
      }
      for (int i = 0; i < d.length(); i++) {
        if (d.charAt(i) < '0' || d.charAt(i) > '9') {
          return null;
        }
      }
      long v = Long.parseLong(d);
      return neg ? -v : v;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Sums {@code tv_sec=S, tv_nsec=N} in a timespec; null if absent or out of range. */
  static Long timespecNs(String arg) {
    Long sec = field(arg, "tv_sec=");
    Long nsec = field(arg, "tv_nsec=");
    if (sec == null
        || nsec == null
        || sec < 0
        || sec > 9_000_000_000L
        || nsec < 0
        || nsec > 999_999_999L) {
      return null;
    }
    return sec * 1_000_000_000L + nsec;
  }

  /** The integer after {@code key} (e.g. {@code si_pid=}), or null. */
  static Long field(String s, String key) {
    int i = s.indexOf(key);
    if (i < 0) {
      return null;
    }
    int j = i + key.length();
    int k = j;
    if (k < s.length() && s.charAt(k) == '-') {
      k++;
    }
    while (k < s.length() && k - j < 19 && Character.isDigit(s.charAt(k))) {
      k++;
    }
    return integer(s.substring(j, k));
  }

  /** Sums every {@code iov_len=N} in an iovec array. */
  static long iovBytes(String arg) {
    long sum = 0;
    int i = 0;
    while ((i = arg.indexOf("iov_len=", i)) >= 0) {
      Long v = field(arg.substring(i), "iov_len=");
      if (v != null && v > 0) {
        sum = sum > Long.MAX_VALUE - v ? Long.MAX_VALUE : sum + v; // saturates, as SSIZE_MAX
      }
      i += 8;
    }
    return sum;
  }
}
