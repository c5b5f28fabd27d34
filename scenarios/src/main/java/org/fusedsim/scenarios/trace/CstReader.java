package org.fusedsim.scenarios.trace;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * Strict streaming reader of CST/1. Every line is checked against the grammar (single spaces,
 * canonical numbers, known directives, valid keys and values, per-thread start times that never go
 * back); the first violation is an {@link InputException} at its line and column. Unknown attribute
 * keys are kept with their encoded values, so {@link CstWriter} writes a file read here back byte
 * for byte (blank lines excepted).
 *
 * <p>Memory is bounded by the longest line and the number of distinct threads (capped at {@link
 * #MAX_THREADS}).
 */
public final class CstReader implements TraceSource {
  /** More distinct {@code rank.thread} pairs than this is refused as not a plausible trace. */
  public static final int MAX_THREADS = 1 << 20;

  private final LineSource lines;
  private final Map<Long, Long> lastTs = new LinkedHashMap<>();
  private java.util.function.Predicate<String> knownCalls;
  private boolean started;
  private boolean recordsSeen;
  private long records;

  /** Reads from a stream; {@code source} names it in error messages. */
  public CstReader(InputStream in, String source) {
    this(in, source, LineSource.DEFAULT_MAX_LINE);
  }

  CstReader(InputStream in, String source, int maxLine) {
    this.lines = new LineSource(in, source, maxLine);
  }

  /**
   * Rejects calls whose name {@code known} does not accept, at the name's column (see {@link
   * SyscallClasses#unknownCall}); null accepts every name.
   */
  void knownCalls(java.util.function.Predicate<String> known) {
    this.knownCalls = known;
  }

  /** Returns the number of records read so far. */
  public long records() {
    return records;
  }

  @Override
  public TraceItem next() {
    while (true) {
      String s = lines.next();
      int n = lines.lineNumber();
      if (!started) {
        started = true;
        if (s == null) {
          throw error(1, 1, "empty file; a CST trace starts with '" + Cst.MAGIC + "'");
        }
        if (!s.equals(Cst.MAGIC)) {
          if (s.startsWith("#CST ")) {
            throw error(n, 6, "unsupported CST version '" + s.substring(5) + "' (expected 1)");
          }
          throw error(n, 1, "expected '" + Cst.MAGIC + "' as the first line");
        }
        return new TraceComment(s.substring(1), n);
      }
      if (s == null) {
        return null;
      }
      if (s.isEmpty()) {
        continue;
      }
      char c0 = s.charAt(0);
      if (c0 == '#') {
        checkPrintable(s, n);
        return new TraceComment(s.substring(1), n);
      }
      if (c0 == '@') {
        return header(s, n);
      }
      return record(s, n);
    }
  }

  private void checkPrintable(String s, int n) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw error(n, i + 1, "character 0x" + Integer.toHexString(c) + " not allowed");
      }
    }
  }

  private TraceHeader header(String s, int n) {
    checkPrintable(s, n);
    List<String> tokens = split(s, n);
    String name = tokens.get(0).substring(1);
    if (!Cst.HEADERS.contains(name)) {
      throw error(n, 2, "unknown header '@" + name + "' (expected one of " + Cst.HEADERS + ")");
    }
    if (recordsSeen && !name.equals("thread") && !name.equals("fd")) {
      throw error(n, 1, "'@" + name + "' must come before the first record");
    }
    int positional =
        switch (name) {
          case "rank", "thread", "mount" -> 1;
          case "fd" -> 2;
          default -> 0;
        };
    if (tokens.size() - 1 < positional) {
      throw error(n, s.length() + 1, "'@" + name + "' needs " + positional + " argument(s)");
    }
    List<String> args = new ArrayList<>(positional);
    int col = tokens.get(0).length() + 2;
    for (int i = 1; i <= positional; i++) {
      String a = tokens.get(i);
      boolean ok =
          switch (name) {
            case "thread" -> Cst.isWho(a);
            case "rank", "fd" -> Cst.isSmallInt(a);
            default -> Cst.isValue(a) && a.indexOf('=') < 0;
          };
      if (!ok) {
        throw error(n, col, "bad argument '" + a + "' of '@" + name + "'");
      }
      args.add(a);
      col += a.length() + 1;
    }
    List<Attr> attrs = attrs(tokens, positional + 1, col, n);
    return new TraceHeader(name, args, attrs, n);
  }

  private TraceRecord record(String s, int n) {
    List<String> t = split(s, n);
    if (t.size() < 5) {
      throw error(
          n,
          s.length() + 1,
          "record needs 5 fields 'ts rank.thread op dur ret', found " + t.size());
    }
    int col = 1;
    String ts = t.get(0);
    if (!Cst.isUnsigned(ts)) {
      throw error(n, col, "bad timestamp '" + ts + "' (ns as an unsigned integer, no leading 0)");
    }
    col += ts.length() + 1;
    String who = t.get(1);
    if (!Cst.isWho(who)) {
      throw error(n, col, "bad thread '" + who + "' (expected rank.thread)");
    }
    int dot = who.indexOf('.');
    int rank = Integer.parseInt(who.substring(0, dot));
    int thread = Integer.parseInt(who.substring(dot + 1));
    col += who.length() + 1;
    String op = t.get(2);
    boolean event = op.startsWith("!");
    if (event ? !Cst.EVENTS.contains(op.substring(1)) : !Cst.isName(op)) {
      throw error(n, col, "bad operation '" + op + "' (a lower-case call name or !" + "event)");
    }
    if (!event && knownCalls != null && !knownCalls.test(op)) {
      throw error(n, col, SyscallClasses.unknownCall(op));
    }
    col += op.length() + 1;
    String d = t.get(3);
    int durCol = col;
    long dur;
    if (d.equals("-")) {
      dur = TraceRecord.UNKNOWN_DUR;
    } else if (Cst.isUnsigned(d)) {
      dur = Long.parseLong(d);
    } else {
      throw error(n, col, "bad duration '" + d + "' (ns or '-')");
    }
    col += d.length() + 1;
    String ret = t.get(4);
    if (event ? !ret.equals("-") : !Cst.isCallRet(ret)) {
      throw error(
          n,
          col,
          event
              ? "an event's result must be '-', found '" + ret + "'"
              : "bad result '" + ret + "' (a value, 0x hex, -ENAME or ?)");
    }
    col += ret.length() + 1;
    List<Attr> attrs = attrs(t, 5, col, n);
    long time = Long.parseLong(ts);
    if (dur > Long.MAX_VALUE - time) {
      throw error(
          n, durCol, "call ends after 2^63-1 ns: start " + ts + " + duration " + d + " overflows");
    }
    long key = ((long) rank << 32) | thread;
    Long prev = lastTs.get(key);
    if (prev == null) {
      if (lastTs.size() >= MAX_THREADS) {
        throw error(n, ts.length() + 2, "more than " + MAX_THREADS + " threads");
      }
    } else if (time < prev) {
      throw error(
          n, 1, "start time goes back in thread " + who + " (previous record at " + prev + ")");
    }
    lastTs.put(key, time);
    recordsSeen = true;
    records++;
    return new TraceRecord(time, rank, thread, op, dur, ret, attrs, n);
  }

  private List<Attr> attrs(List<String> t, int from, int col, int n) {
    List<Attr> attrs = new ArrayList<>(t.size() - from);
    for (int i = from; i < t.size(); i++) {
      String a = t.get(i);
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw error(n, col, "expected key=value, found '" + a + "'");
      }
      String key = a.substring(0, eq);
      String value = a.substring(eq + 1);
      if (!Cst.isName(key)) {
        throw error(n, col, "bad attribute key '" + key + "' (a-z, 0-9, _)");
      }
      if (!Cst.isValue(value)) {
        throw error(n, col + eq + 1, "bad value of '" + key + "' (pstring, number or symbols)");
      }
      String bad = Cst.checkReserved(key, value);
      if (bad != null) {
        throw error(n, col + eq + 1, bad);
      }
      for (Attr other : attrs) {
        if (other.key().equals(key)) {
          throw error(n, col, "attribute '" + key + "' given twice");
        }
      }
      if ((key.equals("child") || key.equals("from")) && !Cst.isWho(value)) {
        throw error(n, col + eq + 1, "'" + key + "' must be rank.thread");
      }
      attrs.add(new Attr(key, value));
      col += a.length() + 1;
    }
    return attrs;
  }

  private List<String> split(String s, int n) {
    List<String> out = new ArrayList<>(8);
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == ' ') {
        if (i == start) {
          throw error(n, i + 1, "fields are separated by exactly one space");
        }
        out.add(s.substring(start, i));
        start = i + 1;
      } else {
        char c = s.charAt(i);
        if (c < 0x21 || c > 0x7E) {
          throw error(n, i + 1, "character 0x" + Integer.toHexString(c) + " not allowed");
        }
      }
    }
    return out;
  }

  private InputException error(int line, int col, String msg) {
    return new InputException(new Location(lines.source(), line, col), msg);
  }

  @Override
  public void close() {
    lines.close();
  }
}
