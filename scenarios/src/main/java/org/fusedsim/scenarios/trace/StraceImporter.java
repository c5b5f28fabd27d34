package org.fusedsim.scenarios.trace;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * Streaming importer of strace text output into CST/1 items.
 *
 * <p>Accepts any mix strace produces: no timestamps, {@code -t}, {@code -tt}, {@code -ttt}, {@code
 * -r}, {@code --absolute-timestamps=unix|format:...,precision:s|ms|us|ns}; {@code -T} durations;
 * {@code -y}/{@code -yy} decorations; {@code -f} pid prefixes as {@code [pid N]} (stderr) or bare
 * {@code N } ({@code -o}); {@code <unfinished ...>}/{@code <... resumed>} pairs (merged into one
 * record at the start line); {@code --- SIG ---} signals and {@code +++ exited/killed +++} exits.
 * Calls are written under their canonical names ({@link StraceCalls}).
 *
 * <p>Records leave in start order: a record waits in a window until every call that started before
 * it has completed. A call blocked for more than {@link #DEFAULT_WINDOW} later records is written
 * when it completes instead (still in order within its thread), so memory stays bounded by the
 * window, the number of threads and the line-length cap.
 */
public final class StraceImporter implements TraceSource {
  /** Records that may wait behind one blocked call before it is let go of. */
  public static final int DEFAULT_WINDOW = 1 << 16;

  /** More distinct pids than this is refused as not a plausible trace. */
  public static final int MAX_THREADS = 1 << 20;

  private static final long NS = 1_000_000_000L;
  private static final long DAY_NS = 86_400L * NS;

  /** Largest number of seconds in a timestamp or duration: more overflows 2^63-1 ns. */
  static final long MAX_SECONDS = Long.MAX_VALUE / NS - 1;

  private enum Clock {
    UNKNOWN,
    NONE,
    TIME_OF_DAY,
    EPOCH,
    RELATIVE
  }

  /** A call or event in the output window; complete once {@code record} is set or dropped. */
  private static final class Slot {
    final long tid;
    final Who who;
    final long ts;
    final int line;
    final String name;
    final String argText;
    boolean complete;
    boolean detached;
    TraceRecord record;
    long cloneChild = -1;
    int col = 1;

    Slot(long tid, Who who, long ts, int line, String name, String argText) {
      this.tid = tid;
      this.who = who;
      this.ts = ts;
      this.line = line;
      this.name = name;
      this.argText = argText;
    }
  }

  /** The CST {@code rank.thread} a pid maps to. */
  record Who(int rank, int thread) {}

  private final LineSource lines;
  private final String fileName;
  private final int window;
  private final ArrayDeque<TraceItem> ready = new ArrayDeque<>();
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();
  private final Map<Long, Slot> pending = new LinkedHashMap<>();
  private final Map<Long, Who> tids = new LinkedHashMap<>();
  private final Map<Long, Long> knownTid = new LinkedHashMap<>();
  private final List<Integer> threadsPerRank = new ArrayList<>();
  private final Map<Long, Long> lastTs = new LinkedHashMap<>();
  private final Map<String, Long> dropped = new TreeMap<>();
  private final StraceCalls calls = new StraceCalls();
  private java.util.function.Predicate<String> knownCalls;

  private Clock clock = Clock.UNKNOWN;
  private long todBase;
  private long lastTod = -1;
  private long relative;
  private long originAbs = Long.MIN_VALUE;
  private long synthetic;
  private boolean headersOut;
  private boolean eof;
  private boolean startSeen;
  private boolean mainAliased;
  private boolean summary;
  private final java.util.Set<Long> live = new java.util.LinkedHashSet<>();
  private long clamped;
  private long records;
  private long detachedCount;

  /**
   * Imports from a stream.
   *
   * @param in strace output
   * @param source the name used in error locations (the path as given)
   * @param fileName the name written to {@code @source file=}
   */
  public StraceImporter(InputStream in, String source, String fileName) {
    this(in, source, fileName, LineSource.DEFAULT_MAX_LINE, DEFAULT_WINDOW);
  }

  StraceImporter(InputStream in, String source, String fileName, int maxLine, int window) {
    this.lines = new LineSource(in, source, maxLine);
    this.fileName = fileName;
    this.window = window;
  }

  /**
   * Rejects calls whose strace or canonical name {@code known} does not accept, at the name's
   * column (see {@link SyscallClasses#unknownCall}); null accepts every name.
   */
  void knownCalls(java.util.function.Predicate<String> known) {
    this.knownCalls = known;
  }

  private void checkName(String name, int n, int col) {
    if (knownCalls != null
        && !calls.isDropped(name)
        && !knownCalls.test(name)
        && !knownCalls.test(calls.canonicalName(name))) {
      throw error(n, col, SyscallClasses.unknownCall(name));
    }
  }

  /** Returns the number of records produced so far. */
  public long records() {
    return records;
  }

  @Override
  public TraceItem next() {
    while (ready.isEmpty()) {
      if (eof) {
        return null;
      }
      String s = lines.next();
      if (s == null) {
        finish();
      } else {
        line(s, lines.lineNumber());
      }
    }
    return ready.poll();
  }

  // ---------------------------------------------------------------- line structure

  private void line(String raw, int n) {
    String s = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    // strace -f writing to stderr interleaves its own "strace: Process N attached" message into
    // the middle of a call line; the call continues on the next line.
    int msg = s.indexOf("strace: Process ");
    while (msg > 0 && isProcessMessage(s.substring(msg))) {
      String more = lines.next();
      if (more == null) {
        s = s.substring(0, msg);
        break;
      }
      s = s.substring(0, msg) + (more.endsWith("\r") ? more.substring(0, more.length() - 1) : more);
      n = lines.lineNumber();
      msg = s.indexOf("strace: Process ");
    }
    int i = skipSpaces(s, 0);
    if (i == s.length()) {
      return;
    }
    if (summary || s.startsWith("strace: ", i) || s.startsWith("> ", i)) {
      return; // strace's own messages and -k stack frames
    }
    if (s.startsWith("% time ", i)) {
      summary = true; // -C: the -c summary table closes the trace
      return;
    }
    long tid = -1;
    if (s.startsWith("[pid ", i)) {
      int close = s.indexOf(']', i);
      int comm = close < 0 ? -1 : s.indexOf('<', i); // -Y: [pid 12<comm>]
      int numEnd = comm > 0 && comm < close ? comm : close;
      Long v = close < 0 ? null : StraceText.integer(s.substring(i + 5, numEnd).trim());
      if (v == null || v < 0) {
        throw error(n, i + 1, "bad '[pid N]' prefix");
      }
      tid = v;
      i = skipSpaces(s, close + 1);
    } else {
      int e = tokenEnd(s, i);
      int d = i;
      while (d < e && s.charAt(d) >= '0' && s.charAt(d) <= '9') {
        d++;
      }
      // -f -o: "1234 " ; with -Y: "1234<comm> "
      boolean comm = d < e && s.charAt(d) == '<' && s.charAt(e - 1) == '>';
      if (d > i && d - i <= 8 && e < s.length() && (d == e || comm)) {
        tid = Long.parseLong(s.substring(i, d));
        i = skipSpaces(s, e);
      }
    }
    long ts;
    int e = tokenEnd(s, i);
    Long parsed = timestamp(s, i, e, n);
    if (parsed != null) {
      ts = parsed;
      i = skipSpaces(s, e);
    } else {
      if (clock == Clock.UNKNOWN) {
        clock = Clock.NONE;
      } else if (clock != Clock.NONE) {
        throw error(n, i + 1, "expected a timestamp like the lines before");
      }
      ts = synthetic;
    }
    if (originAbs == Long.MIN_VALUE) {
      originAbs = ts;
    }
    tid = resolve(tid);
    if (i >= s.length()) {
      throw error(n, i + 1, "expected a system call, signal or exit after the prefix");
    }
    body(s, i, tid, ts, n);
  }

  private static boolean isProcessMessage(String m) {
    return (m.endsWith(" attached") || m.endsWith(" detached") || m.endsWith(" suspended"))
        && m.length() < 80;
  }

  private Long timestamp(String s, int i, int e, int n) {
    if (i >= e || !Character.isDigit(s.charAt(i))) {
      return null;
    }
    String tok = s.substring(i, e);
    int colon = tok.indexOf(':');
    if (colon >= 0) {
      // HH:MM:SS[.frac] (-t, -tt, --absolute-timestamps=format:time)
      if (tok.length() < 8 || colon != 2 || tok.charAt(5) != ':') {
        throw error(n, i + 1, "bad time of day '" + tok + "'");
      }
      Long h = digits(tok, 0, 2);
      Long m = digits(tok, 3, 5);
      Long sec = digits(tok, 6, 8);
      if (h == null || m == null || sec == null || h > 23 || m > 59 || sec > 60) {
        throw error(n, i + 1, "bad time of day '" + tok + "'");
      }
      long frac = fraction(tok, 8, n, i);
      expectClock(Clock.TIME_OF_DAY, n, i);
      long tod = ((h * 60 + m) * 60 + sec) * NS + frac;
      if (lastTod >= 0 && tod + DAY_NS / 2 < lastTod) {
        todBase += DAY_NS; // past midnight
      }
      lastTod = tod;
      return todBase + tod;
    }
    int dot = tok.indexOf('.');
    int intEnd = dot < 0 ? tok.length() : dot;
    if (!allDigits(tok, 0, intEnd) || intEnd > 12) {
      if (allDigits(tok, 0, intEnd) && dot > 0) {
        throw error(n, i + 1, "timestamp '" + tok + "' out of range");
      }
      return null;
    }
    if (dot < 0 && intEnd < 9) {
      return null; // a number that is neither pid nor unix seconds: leave it to the body
    }
    long secs = Long.parseLong(tok.substring(0, intEnd));
    if (secs > MAX_SECONDS) {
      throw error(n, i + 1, "timestamp '" + tok + "' out of range (at most " + MAX_SECONDS + " s)");
    }
    long frac = fraction(tok, intEnd, n, i);
    long v = secs * NS + frac;
    if (clock == Clock.UNKNOWN) {
      clock = secs >= 100_000_000L ? Clock.EPOCH : Clock.RELATIVE;
    }
    if (clock == Clock.RELATIVE) {
      if (relative > Long.MAX_VALUE - v) {
        throw error(n, i + 1, "relative timestamps add up to more than 2^63-1 ns");
      }
      relative += v;
      return relative;
    }
    expectClock(Clock.EPOCH, n, i);
    return v;
  }

  private void expectClock(Clock c, int n, int i) {
    if (clock == Clock.UNKNOWN) {
      clock = c;
    } else if (clock != c) {
      throw error(n, i + 1, "timestamp format differs from the lines before");
    }
  }

  private long fraction(String tok, int at, int n, int i) {
    if (at == tok.length()) {
      return 0;
    }
    if (tok.charAt(at) != '.' || at + 1 == tok.length() || tok.length() - at - 1 > 9) {
      throw error(n, i + at + 1, "bad fraction of seconds in '" + tok + "'");
    }
    if (!allDigits(tok, at + 1, tok.length())) {
      throw error(n, i + at + 1, "bad fraction of seconds in '" + tok + "'");
    }
    long f = Long.parseLong(tok.substring(at + 1));
    for (int k = tok.length() - at - 1; k < 9; k++) {
      f *= 10;
    }
    return f;
  }

  private static Long digits(String s, int from, int to) {
    return allDigits(s, from, to) ? Long.parseLong(s.substring(from, to)) : null;
  }

  private static boolean allDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && s.charAt(i) != ' ') {
      i++;
    }
    return i;
  }

  // ---------------------------------------------------------------- bodies

  private void body(String s, int i, long tid, long ts, int n) {
    // -i instruction pointer "[00007f...]" and -n syscall number "[  0]" come before the call
    while (i < s.length() && s.charAt(i) == '[') {
      int close = s.indexOf(']', i);
      if (close < 0) {
        break;
      }
      i = skipSpaces(s, close + 1);
    }
    if (i >= s.length()) {
      throw error(n, i + 1, "expected a system call after '[...]'");
    }
    if (s.startsWith("--- ", i)) {
      signal(s, i, tid, ts, n);
    } else if (s.startsWith("+++ ", i)) {
      exit(s, i, tid, ts, n);
    } else if (s.startsWith("<... ", i)) {
      resumed(s, i, tid, ts, n);
    } else {
      int p = i;
      while (p < s.length() && StraceText.isWordChar(s.charAt(p))) {
        p++;
      }
      if (p == i || p >= s.length() || s.charAt(p) != '(') {
        throw error(
            n, i + 1, "expected a system call 'name(...)', a signal '---' or an exit '+++'");
      }
      String name = s.substring(i, p).toLowerCase(java.util.Locale.ROOT);
      checkName(name, n, i + 1);
      String rest = s.substring(p + 1);
      abandonPending(tid);
      Who who = whoOf(tid, n);
      int u = unfinishedAt(rest);
      if (u >= 0) {
        Slot slot = new Slot(tid, who, ts, n, name, rest.substring(0, u));
        slot.col = p + 2;
        add(slot);
        pending.put(tid, slot);
        return;
      }
      Slot slot = new Slot(tid, who, ts, n, name, null);
      slot.col = p + 2;
      add(slot);
      complete(slot, rest, p + 2, n);
    }
  }

  private static boolean isFork(String name) {
    return name.equals("clone")
        || name.equals("clone3")
        || name.equals("fork")
        || name.equals("vfork");
  }

  /** Index of the {@code <unfinished ...>} marker at the end of {@code rest}, or -1. */
  private static int unfinishedAt(String rest) {
    String t = rest.stripTrailing();
    for (String mark : new String[] {"<unfinished ...>", "<detached ...>"}) {
      if (t.endsWith(mark)) {
        return t.length() - mark.length();
      }
    }
    return -1;
  }

  private void resumed(String s, int i, long tid, long ts, int n) {
    int gt = s.indexOf(" resumed>", i);
    if (gt < i + 5 || s.substring(i + 5, gt).isBlank()) {
      // no marker, or no call name between "<... " and " resumed>"
      throw error(n, i + 1, "expected '<... NAME resumed>'");
    }
    String name = s.substring(i + 5, gt).trim().toLowerCase(java.util.Locale.ROOT);
    String rest = s.substring(gt + 9);
    Slot slot = pending.remove(tid);
    if (slot == null) {
      checkName(name, n, i + 6);
      // Tracing began inside this call: its arguments are lost, the result is not.
      Slot orphan = new Slot(tid, whoOf(tid, n), ts, n, name, null);
      add(orphan);
      completeOrphan(orphan, rest, gt + 10, n);
      return;
    }
    if (!slot.name.equals(name)) {
      throw error(
          n,
          i + 6,
          "'"
              + name
              + "' resumed, but the unfinished call of this thread is '"
              + slot.name
              + "' (line "
              + slot.line
              + ")");
    }
    int u = unfinishedAt(rest);
    if (u >= 0) {
      // "<... x resumed> <unfinished ...>": interrupted again; it never returns.
      finishUnknown(slot);
      return;
    }
    complete(slot, slot.argText + rest, gt + 10 - slot.argText.length(), n);
  }

  private void signal(String s, int i, long tid, long ts, int n) {
    String t = s.stripTrailing();
    if (!t.endsWith(" ---") || t.length() < i + 8) {
      throw error(n, i + 1, "expected '--- SIGNAL {...} ---'");
    }
    String inner = t.substring(i + 4, t.length() - 4);
    String sig = null;
    for (String tok : inner.split(" ", -1)) {
      if (tok.startsWith("SIG") && tok.length() > 3) {
        sig = tok;
        break;
      }
    }
    if (sig == null) {
      throw error(n, i + 5, "no signal name in '--- ... ---'");
    }
    Who who = whoOf(tid, n);
    List<Attr> attrs = new ArrayList<>(2);
    attrs.add(new Attr("sig", Cst.encodeSymbols(sig)));
    Long from = StraceText.field(inner, "si_pid=");
    if (from != null && from > 0) {
      Who w = tids.get(from);
      if (w != null) {
        attrs.add(new Attr("from", w.rank() + "." + w.thread()));
      }
    }
    event(tid, who, ts, n, "!signal", attrs);
  }

  private void exit(String s, int i, long tid, long ts, int n) {
    String t = s.stripTrailing();
    if (!t.endsWith(" +++")) {
      throw error(n, i + 1, "expected '+++ exited with N +++' or '+++ killed by SIG +++'");
    }
    String inner = t.substring(i + 4, Math.max(i + 4, t.length() - 4));
    List<Attr> attrs = new ArrayList<>(2);
    if (inner.startsWith("exited with ")) {
      Long code = StraceText.integer(inner.substring(12).trim());
      if (code == null) {
        throw error(n, i + 17, "bad exit status in '" + inner + "'");
      }
      attrs.add(Attr.of("code", code));
    } else if (inner.startsWith("superseded by execve")) {
      attrs.add(new Attr("reason", "execve")); // a non-leader thread that called execve
    } else if (inner.startsWith("killed by ")) {
      String[] parts = inner.substring(10).split(" ", -1);
      if (parts[0].isEmpty()) {
        throw error(n, i + 15, "no signal in '" + inner + "'");
      }
      attrs.add(new Attr("sig", Cst.encodeSymbols(parts[0])));
      if (inner.contains("(core dumped)")) {
        attrs.add(Attr.of("core", 1));
      }
    } else {
      throw error(n, i + 5, "expected 'exited with N' or 'killed by SIG' in '+++ ... +++'");
    }
    Slot open = pending.remove(tid);
    if (open != null) {
      finishUnknown(open);
    }
    event(tid, whoOf(tid, n), ts, n, "!exit", attrs);
    live.remove(tid);
  }

  private void event(long tid, Who who, long ts, int n, String op, List<Attr> attrs) {
    Slot slot = new Slot(tid, who, ts, n, op, null);
    add(slot);
    slot.record = record(slot, op, TraceRecord.UNKNOWN_DUR, "-", attrs);
    done(slot);
  }

  // ---------------------------------------------------------------- calls

  /** Parses {@code args) = ret [<dur>]} and completes the slot. */
  private void complete(Slot slot, String text, int col, int n) {
    int close = StraceText.closeParen(text, 0);
    if (close < 0) {
      throw error(n, col, "argument list of '" + slot.name + "' is not closed");
    }
    String args = text.substring(0, close);
    int i = skipSpaces(text, close + 1);
    if (i >= text.length() || text.charAt(i) != '=') {
      throw error(n, col + i, "expected ' = RESULT' after the arguments of '" + slot.name + "'");
    }
    Result r = result(text, i + 1, col, n);
    finishCall(slot, StraceText.splitArgs(args), r, n);
  }

  private void completeOrphan(Slot slot, String text, int col, int n) {
    int close = StraceText.closeParen(text, 0);
    if (close < 0) {
      throw error(n, col, "argument list of '" + slot.name + "' is not closed");
    }
    int i = skipSpaces(text, close + 1);
    if (i >= text.length() || text.charAt(i) != '=') {
      throw error(n, col + i, "expected ' = RESULT' after the arguments of '" + slot.name + "'");
    }
    Result r = result(text, i + 1, col, n);
    List<Attr> attrs = new ArrayList<>(1);
    attrs.add(Attr.of("partial", 1));
    String op = calls.canonicalName(slot.name);
    slot.record = record(slot, op == null ? slot.name : op, r.dur, r.ret, attrs);
    done(slot);
  }

  /** A parsed {@code = ...} part. */
  record Result(String ret, long dur) {}

  private Result result(String text, int at, int col, int n) {
    String t = text.stripTrailing();
    long dur = TraceRecord.UNKNOWN_DUR;
    int end = t.length();
    if (t.endsWith(">")) {
      int lt = t.lastIndexOf('<');
      if (lt > at && t.charAt(lt - 1) == ' ') {
        String d = t.substring(lt + 1, t.length() - 1);
        if (d.equals("unavailable")) {
          end = lt - 1;
        } else {
          int dot = d.indexOf('.');
          if (dot > 0 && allDigits(d, 0, dot)) {
            if (dot > 12 || !allDigits(d, dot + 1, d.length()) || d.length() - dot - 1 > 9) {
              throw error(n, col + lt, "bad duration '<" + d + ">'");
            }
            if (Long.parseLong(d.substring(0, dot)) > MAX_SECONDS) {
              throw error(n, col + lt, "duration '<" + d + ">' out of range");
            }
            dur = Long.parseLong(d.substring(0, dot)) * NS + fraction(d, dot, n, col + lt);
            end = lt - 1;
          } else if (dot < 0 && allDigits(d, 0, d.length()) && d.length() <= 12) {
            if (Long.parseLong(d) > MAX_SECONDS) {
              throw error(n, col + lt, "duration '<" + d + ">' out of range");
            }
            dur = Long.parseLong(d) * NS; // --syscall-times=s
            end = lt - 1;
          }
        }
      }
    }
    String r = t.substring(Math.min(at, end), end).trim();
    if (r.isEmpty()) {
      throw error(n, col + at, "missing result after '='");
    }
    int sp = r.indexOf(' ');
    String first = sp < 0 ? r : r.substring(0, sp);
    String after = sp < 0 ? "" : r.substring(sp + 1).trim();
    int lt = first.indexOf('<');
    if (lt > 0) {
      first = first.substring(0, lt); // -y path of a returned descriptor
    }
    if (first.equals("?")) {
      String e = errname(after);
      return new Result(e != null ? "-" + e : "?", e != null ? dur : TraceRecord.UNKNOWN_DUR);
    }
    String value = canonicalValue(first);
    if (value == null) {
      throw error(n, col + skipSpaces(text, at), "bad result '" + first + "'");
    }
    if (value.startsWith("-")) {
      String e = errname(after);
      if (e != null) {
        return new Result("-" + e, dur);
      }
    }
    return new Result(value, dur);
  }

  private static String errname(String after) {
    int sp = after.indexOf(' ');
    String e = sp < 0 ? after : after.substring(0, sp);
    if (e.length() < 2 || e.charAt(0) != 'E') {
      return null;
    }
    for (int k = 1; k < e.length(); k++) {
      char c = e.charAt(k);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return null;
      }
    }
    return e;
  }

  /** Decimal, hex or octal return text in CST form, or null. */
  static String canonicalValue(String v) {
    if (Cst.isSigned(v)) {
      return v;
    }
    if (v.startsWith("0x") && v.length() > 2 && v.length() <= 18) {
      for (int k = 2; k < v.length(); k++) {
        if (!Cst.isHex(v.charAt(k))) {
          return null;
        }
      }
      return "0x" + v.substring(2).toLowerCase(java.util.Locale.ROOT);
    }
    boolean neg = v.startsWith("-");
    String d = neg ? v.substring(1) : v;
    if (allDigits(d, 0, d.length()) && d.length() <= 22) {
      try {
        long x =
            d.length() > 1 && d.charAt(0) == '0'
                ? Long.parseLong(d, allOctal(d) ? 8 : 10)
                : Long.parseUnsignedLong(d);
        if (neg) {
          return x == 0 ? "0" : Long.toString(-x);
        }
        return x < 0 ? "0x" + Long.toHexString(x) : Long.toString(x);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean allOctal(String d) {
    for (int k = 0; k < d.length(); k++) {
      if (d.charAt(k) > '7') {
        return false;
      }
    }
    return true;
  }

  private void finishCall(Slot slot, List<String> args, Result r, int n) {
    if (calls.isDropped(slot.name)) {
      dropped.merge(slot.name, 1L, Long::sum);
      done(slot);
      return;
    }
    List<Attr> attrs = new ArrayList<>(6);
    String op;
    if (slot.name.equals("execve") && !startSeen && slot.who.rank() == 0 && r.ret.equals("0")) {
      startSeen = true;
      op = "!start";
      calls.start(args, attrs);
      slot.record = record(slot, op, TraceRecord.UNKNOWN_DUR, "-", attrs);
    } else {
      op =
          calls.decode(
              slot.name,
              args,
              r.ret,
              clock == Clock.EPOCH ? slot.ts : Long.MIN_VALUE,
              r.dur,
              attrs);
      if (isFork(slot.name)) {
        Long child = StraceText.integer(r.ret);
        if (child != null && child > 0) {
          Who w = bindChild(slot, child, calls.threadClone(slot.name, args), n);
          attrs.add(new Attr("child", w.rank() + "." + w.thread()));
        }
      }
      slot.record =
          record(slot, op, r.ret.equals("?") ? TraceRecord.UNKNOWN_DUR : r.dur, r.ret, attrs);
    }
    done(slot);
  }

  private void finishUnknown(Slot slot) {
    if (calls.isDropped(slot.name)) {
      dropped.merge(slot.name, 1L, Long::sum);
      done(slot);
      return;
    }
    List<Attr> attrs = new ArrayList<>(6);
    String op =
        calls.decode(
            slot.name,
            StraceText.splitArgs(slot.argText),
            "?",
            Long.MIN_VALUE,
            TraceRecord.UNKNOWN_DUR,
            attrs);
    slot.record = record(slot, op, TraceRecord.UNKNOWN_DUR, "?", attrs);
    done(slot);
  }

  /** A new call by a thread that still has one open: the open one never returned. */
  private void abandonPending(long tid) {
    Slot open = pending.remove(tid);
    if (open != null) {
      finishUnknown(open);
    }
  }

  private TraceRecord record(Slot slot, String op, long dur, String ret, List<Attr> attrs) {
    for (Attr a : attrs) {
      String bad = Cst.checkReserved(a.key(), a.value());
      if (bad != null) {
        throw error(slot.line, slot.col, "argument of '" + slot.name + "': " + bad);
      }
    }
    return new TraceRecord(
        slot.ts, slot.who.rank(), slot.who.thread(), op, dur, ret, attrs, slot.line);
  }

  // ---------------------------------------------------------------- threads

  /**
   * strace -f writing to stderr prints no pid prefix while a single process is traced: before the
   * first fork that is the initial process, later it is whichever process is the only one left.
   */
  private long resolve(long tid) {
    if (tid != -1) {
      return tid;
    }
    if (live.size() == 1) {
      return live.iterator().next();
    }
    Long main = knownTid.get(-1L);
    return main == null ? -1 : main;
  }

  private Who whoOf(long tid, int n) {
    Who w = tids.get(tid);
    if (w != null) {
      return w;
    }
    if (tids.size() >= MAX_THREADS) {
      throw error(n, 1, "more than " + MAX_THREADS + " processes and threads");
    }
    // A pid nobody announced: the child of a clone still in progress, the unprefixed initial
    // process of 'strace -f' to stderr now printed with its pid, or an attached process.
    for (Slot s : pending.values()) {
      if (isFork(s.name) && s.cloneChild < 0 && s.tid != tid) {
        s.cloneChild = tid;
        return bind(tid, s.who, calls.threadClone(s.name, StraceText.splitArgs(s.argText)));
      }
    }
    Who main = tids.get(-1L);
    if (tid >= 0 && main != null && !mainAliased) {
      // the unprefixed initial process, now printed with its pid: one thread, two names
      mainAliased = true;
      tids.remove(-1L);
      tids.put(tid, main);
      knownTid.put(-1L, tid);
      knownTid.put(tid, tid);
      Slot open = pending.remove(-1L);
      if (open != null) {
        pending.put(tid, open);
      }
      live.remove(-1L);
      live.add(tid);
      return main;
    }
    return bind(tid, null, false);
  }

  private Who bindChild(Slot slot, long child, boolean thread, int n) {
    Who w = tids.get(child);
    if (w != null) {
      return w;
    }
    if (tids.size() >= MAX_THREADS) {
      throw error(n, 1, "more than " + MAX_THREADS + " processes and threads");
    }
    return bind(child, slot.who, thread);
  }

  private Who bind(long tid, Who parent, boolean thread) {
    Who w;
    if (parent != null && thread) {
      int t = threadsPerRank.get(parent.rank());
      threadsPerRank.set(parent.rank(), t + 1);
      w = new Who(parent.rank(), t);
    } else {
      threadsPerRank.add(1);
      w = new Who(threadsPerRank.size() - 1, 0);
    }
    tids.put(tid, w);
    live.add(tid);
    if (tid >= 0) {
      knownTid.put(tid, tid);
    }
    return w;
  }

  // ---------------------------------------------------------------- output window

  private void add(Slot slot) {
    slots.add(slot);
    if (slots.size() > window) {
      Slot head = slots.peekFirst();
      if (!head.complete) {
        slots.pollFirst();
        head.detached = true;
        detachedCount++;
      }
    }
  }

  private void done(Slot slot) {
    slot.complete = true;
    if (slot.detached) {
      emit(slot);
    }
    drain();
  }

  private void drain() {
    while (!slots.isEmpty() && slots.peekFirst().complete) {
      emit(slots.pollFirst());
    }
  }

  private void emit(Slot slot) {
    if (slot.record == null) {
      return;
    }
    if (!headersOut) {
      headers();
    }
    TraceRecord r = slot.record;
    long key = ((long) r.rank() << 32) | r.thread();
    long ts = Math.max(0, r.ts() - originAbs);
    Long prev = lastTs.get(key);
    if (prev == null) {
      List<Attr> attrs = new ArrayList<>(1);
      Long tid = knownTid.get(slot.tid);
      if (tid != null) {
        attrs.add(Attr.of("tid", tid));
      }
      ready.add(new TraceHeader("thread", List.of(r.who()), attrs, 0));
    } else if (ts < prev) {
      ts = prev;
      clamped++;
    }
    lastTs.put(key, ts);
    if (r.dur() > 0 && ts > Long.MAX_VALUE - r.dur()) {
      throw error(
          slot.line,
          1,
          "call ends after 2^63-1 ns: start " + ts + " + duration " + r.dur() + " ns overflows");
    }
    if (clock == Clock.NONE && r.dur() > 0) {
      if (synthetic > Long.MAX_VALUE - r.dur()) {
        throw error(slot.line, 1, "durations add up to more than 2^63-1 ns");
      }
      synthetic += r.dur();
    }
    records++;
    ready.add(
        new TraceRecord(ts, r.rank(), r.thread(), r.op(), r.dur(), r.ret(), r.attrs(), r.line()));
  }

  private void headers() {
    headersOut = true;
    ready.add(new TraceComment(Cst.MAGIC.substring(1), 0));
    List<Attr> clk = new ArrayList<>(3);
    clk.add(new Attr("unit", "ns"));
    clk.add(new Attr("origin", "first-record"));
    if (clock == Clock.EPOCH) {
      clk.add(Attr.of("epoch_ns", originAbs));
      clk.add(new Attr("source_clock", "realtime"));
    } else if (clock == Clock.TIME_OF_DAY) {
      clk.add(Attr.of("time_of_day_ns", originAbs));
    }
    ready.add(new TraceHeader("clock", List.of(), clk, 0));
    List<Attr> src = new ArrayList<>(2);
    src.add(new Attr("tool", "strace"));
    if (!fileName.isEmpty()) {
      src.add(Attr.text("file", fileName));
    }
    ready.add(new TraceHeader("source", List.of(), src, 0));
    if (clock == Clock.NONE) {
      ready.add(new TraceComment(" no timestamps in the strace output: ts = sum of durations", 0));
    } else if (clock == Clock.RELATIVE) {
      ready.add(new TraceComment(" strace -r: ts = sum of the relative timestamps", 0));
    }
  }

  private void finish() {
    for (Slot s : new ArrayList<>(pending.values())) {
      finishUnknown(s);
    }
    pending.clear();
    for (Slot s : slots) {
      s.complete = true;
    }
    drain();
    if (!headersOut) {
      if (lines.lineNumber() == 0) {
        throw error(1, 1, "empty trace: no strace lines");
      }
      if (dropped.isEmpty()) {
        throw error(1, 1, "no system calls in the trace (only strace messages or a -c summary?)");
      }
      headers();
    }
    if (!dropped.isEmpty()) {
      StringBuilder sb = new StringBuilder(" dropped x86-64 start-up calls:");
      dropped.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      ready.add(new TraceComment(sb.toString(), 0));
    }
    if (clamped > 0) {
      ready.add(
          new TraceComment(" " + clamped + " start times raised to keep threads in order", 0));
    }
    if (detachedCount > 0) {
      ready.add(
          new TraceComment(
              " "
                  + detachedCount
                  + " calls blocked longer than the reorder window were written at completion",
              0));
    }
    eof = true;
  }

  private InputException error(int line, int col, String msg) {
    // a position inside the unfinished half of a pair has no column on the resumed line
    return new InputException(new Location(lines.source(), line, Math.max(1, col)), msg);
  }

  @Override
  public void close() {
    lines.close();
  }
}
