package org.fusedsim.scenarios.trace;

import java.util.List;

/**
 * Lexical rules of CST/1 ({@code docs/trace-formats.md}, from the project's cst-format reference):
 * which characters a key, value, call name or result may hold, and the percent-encoding of
 * pstrings. Text is handled as ISO-8859-1 characters, one per byte, so encoding and decoding keep
 * the original bytes of non-ASCII paths.
 */
public final class Cst {
  /** The first line of every CST/1 file. */
  public static final String MAGIC = "#CST 1";

  /** Header directives CST/1 knows. */
  public static final List<String> HEADERS =
      List.of("clock", "job", "source", "rank", "thread", "fd", "mount");

  /** Event names after {@code !}. */
  public static final List<String> EVENTS = List.of("start", "exit", "signal", "mark");

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Cst() {}

  /** True for characters a pstring may hold unescaped. */
  static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '/'
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '~'
        || c == '+'
        || c == ':'
        || c == ',';
  }

  /**
   * Percent-encodes text as a pstring: every character that is not plain becomes {@code %XX} of its
   * byte (characters above U+00FF are written as {@code ?}, which cannot happen for text read as
   * ISO-8859-1). The empty string encodes as the empty string, which is not a valid value: callers
   * omit empty attributes.
   */
  public static String encode(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isPlain(c)) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length() + 16);
        sb.append(text, 0, i);
      }
      int b = c > 0xFF ? '?' : c;
      sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }
    return sb == null ? text : sb.toString();
  }

  /** Encodes a flag set such as {@code O_RDWR|O_CREAT} as-is if it is one, else as a pstring. */
  public static String encodeSymbols(String text) {
    return isSymbols(text) ? text : encode(text);
  }

  /** Decodes a pstring (the inverse of {@link #encode}); the value must be valid. */
  public static String decode(String value) {
    int pct = value.indexOf('%');
    if (pct < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    sb.append(value, 0, pct);
    for (int i = pct; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        sb.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** True if {@code s} is a valid attribute value (pstring, number, symbols or who). */
  public static boolean isValue(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!isPlain(c) && c != '|') {
        return false;
      }
    }
    return true;
  }

  /** True for {@code symbol *( "|" symbol )}, a symbol being letters, digits and {@code _}. */
  public static boolean isSymbols(String s) {
    if (s.isEmpty() || s.charAt(0) == '|' || s.charAt(s.length() - 1) == '|') {
      return false;
    }
    char prev = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean word =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!word && !(c == '|' && prev != '|')) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  /** True for an attribute key or call name: {@code 1*( a-z / DIGIT / "_" )}. */
  public static boolean isName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** True for {@code 1*DIGIT} without a leading zero (the canonical form of an unsigned number). */
  public static boolean isUnsigned(String s) {
    if (s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return s.length() < 19 || s.compareTo("9223372036854775807") <= 0;
  }

  /** True for a signed decimal integer in canonical form ({@code -0} excluded). */
  public static boolean isSigned(String s) {
    if (s.startsWith("-")) {
      return s.length() > 1 && !s.equals("-0") && isUnsigned(s.substring(1));
    }
    return isUnsigned(s);
  }

  /** True for {@code 0x} followed by 1 to 16 hex digits. */
  public static boolean isHexValue(String s) {
    if (s.length() < 3 || s.length() > 18 || !s.startsWith("0x")) {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (!isHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True for {@code rank.thread}, both canonical non-negative ints. */
  public static boolean isWho(String s) {
    int dot = s.indexOf('.');
    return dot > 0 && isSmallInt(s.substring(0, dot)) && isSmallInt(s.substring(dot + 1));
  }

  static boolean isSmallInt(String s) {
    return isUnsigned(s) && s.length() <= 10 && Long.parseLong(s) <= Integer.MAX_VALUE;
  }

  /** True for a valid {@code ret} of a call: value, hex, {@code -ENAME} or {@code ?}. */
  public static boolean isCallRet(String s) {
    if (s.equals("?") || isSigned(s) || isHexValue(s)) {
      return true;
    }
    if (s.length() < 3 || s.charAt(0) != '-' || s.charAt(1) != 'E') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks the value of a reserved attribute whose type replay relies on: {@code count}, {@code
   * req} and {@code timeout} are unsigned decimals (0 to 2^63-1: sizes and times), {@code fd},
   * {@code newfd}, {@code dirfd} and {@code iov} signed decimals within a 32-bit int, {@code off}
   * and {@code len} signed decimals ({@code off_t}). Other keys are not checked here.
   *
   * @return null if the value is fine, otherwise what was expected
   */
  public static String checkReserved(String key, String value) {
    switch (key) {
      case "count", "req", "timeout" -> {
        return isUnsigned(value)
            ? null
            : "'" + key + "' must be an unsigned decimal (0 to 2^63-1), found '" + value + "'";
      }
      case "fd", "newfd", "dirfd", "iov" -> {
        return isSigned(value)
                && value.length() <= 11
                && Long.parseLong(value) >= Integer.MIN_VALUE
                && Long.parseLong(value) <= Integer.MAX_VALUE
            ? null
            : "'"
                + key
                + "' must be "
                + (key.equals("iov") ? "an int" : "a descriptor number")
                + " (-2^31 to 2^31-1), found '"
                + value
                + "'";
      }
      case "off", "len" -> {
        return isSigned(value)
            ? null
            : "'" + key + "' must be a signed decimal (-2^63+1 to 2^63-1), found '" + value + "'";
      }
      default -> {
        return null;
      }
    }
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
