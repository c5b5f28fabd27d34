package org.fusedsim.scenarios.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * Reads LF-terminated lines with a hard cap on their length, so that a trace with a 10 MB line or
 * without any line end is rejected with a location instead of filling the heap. Bytes map one to
 * one onto ISO-8859-1 characters, so no input is undecodable and non-ASCII bytes survive.
 */
final class LineSource implements AutoCloseable {
  /** Longest line accepted, in bytes (without the LF). */
  static final int DEFAULT_MAX_LINE = 1 << 20;

  private final InputStream in;
  private final String source;
  private final int maxLine;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private byte[] line = new byte[256];
  private int lineNo;

  LineSource(InputStream in, String source, int maxLine) {
    this.in = in;
    this.source = source;
    this.maxLine = maxLine;
  }

  /** Returns the name used in error locations. */
  String source() {
    return source;
  }

  /** Returns the number of the line last returned (1-based). */
  int lineNumber() {
    return lineNo;
  }

  /**
   * Returns the next line without its LF, or null at the end of input.
   *
   * @throws InputException for a line longer than the cap or a last line without LF
   */
  String next() {
    int len = 0;
    while (true) {
      if (pos == end && !fill()) {
        if (len == 0) {
          return null;
        }
        throw new InputException(
            new Location(source, lineNo + 1, len + 1),
            "line ends without a line feed (truncated file?)");
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (len + n > maxLine) {
        throw new InputException(
            new Location(source, lineNo + 1, maxLine + 1),
            "line longer than " + maxLine + " bytes");
      }
      if (len + n > line.length) {
        byte[] bigger = new byte[Math.min(maxLine, Math.max(line.length * 2, len + n))];
        System.arraycopy(line, 0, bigger, 0, len);
        line = bigger;
      }
      System.arraycopy(buf, start, line, len, n);
      len += n;
      if (pos < end) {
        pos++;
        lineNo++;
        return new String(line, 0, len, StandardCharsets.ISO_8859_1);
      }
    }
  }

  private boolean fill() {
    try {
      int n = in.read(buf);
      while (n == 0) {
        n = in.read(buf);
      }
      if (n < 0) {
        return false;
      }
      pos = 0;
      end = n;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
