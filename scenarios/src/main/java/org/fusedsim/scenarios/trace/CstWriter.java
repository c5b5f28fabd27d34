package org.fusedsim.scenarios.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes trace items as CST/1 lines. The caller writes the magic line first (a {@link TraceComment}
 * with text {@code "CST 1"}, as {@link CstReader} delivers it, or {@link #magic()}).
 */
public final class CstWriter implements Closeable {
  private final Writer out;
  private final StringBuilder sb = new StringBuilder(256);
  private long records;

  /** Writes to a stream (buffered; ISO-8859-1, which is ASCII for valid CST). */
  public CstWriter(OutputStream out) {
    this.out =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.ISO_8859_1), 1 << 16);
  }

  /** Writes to a character stream (the caller owns its encoding). */
  public CstWriter(Writer out) {
    this.out = out;
  }

  /** Returns the number of records written. */
  public long records() {
    return records;
  }

  /** Writes the {@code #CST 1} line. */
  public void magic() {
    line(Cst.MAGIC);
  }

  /** Writes one item. */
  public void write(TraceItem item) {
    sb.setLength(0);
    if (item instanceof TraceRecord r) {
      format(r, sb);
      records++;
    } else if (item instanceof TraceHeader h) {
      sb.append('@').append(h.name());
      for (String a : h.args()) {
        sb.append(' ').append(a);
      }
      attrs(h.attrs(), sb);
    } else if (item instanceof TraceComment c) {
      sb.append('#').append(c.text());
    }
    line(sb);
  }

  /** Appends the CST line of a record (without LF) to {@code sb}. */
  public static void format(TraceRecord r, StringBuilder sb) {
    sb.append(r.ts()).append(' ').append(r.rank()).append('.').append(r.thread());
    sb.append(' ').append(r.op()).append(' ');
    if (r.dur() < 0) {
      sb.append('-');
    } else {
      sb.append(r.dur());
    }
    sb.append(' ').append(r.ret());
    attrs(r.attrs(), sb);
  }

  private static void attrs(Iterable<Attr> attrs, StringBuilder sb) {
    for (Attr a : attrs) {
      sb.append(' ').append(a.key()).append('=').append(a.value());
    }
  }

  private void line(CharSequence s) {
    try {
      out.append(s).append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes buffered output. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
