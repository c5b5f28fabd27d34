package org.fusedsim.scenarios.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.trace.Attr;
import org.fusedsim.scenarios.trace.Cst;
import org.fusedsim.scenarios.trace.TraceFormat;
import org.fusedsim.scenarios.trace.TraceHeader;
import org.fusedsim.scenarios.trace.TraceItem;
import org.fusedsim.scenarios.trace.TraceRecord;
import org.fusedsim.scenarios.trace.TraceSource;
import org.fusedsim.spc.Syscall;

/**
 * A trace read once and prepared for replay: its records split per thread (each {@code rank.thread}
 * of the file is one slot; forked processes become further slots of the same replayed rank),
 * descriptors resolved to paths in trace order, futex words numbered. Replay needs every thread's
 * records at once, so unlike the streaming readers this holds the trace in memory, compactly: one
 * element per record in primitive columns ({@link Columns}), the call's name, descriptor and path
 * interned as one call key, and within the {@link ReplayBudget} of the replay.
 */
public final class LoadedTrace {
  /** Linux's MAX_RW_COUNT: the most bytes one read or write transfers (INT_MAX, page aligned). */
  static final long MAX_RW_COUNT = 0x7ffff000L;

  /**
   * How to read a trace.
   *
   * @param knownCalls the call names accepted (null: every name)
   * @param budget what the replay's traces may hold
   * @param keepRecords whether to keep each record as read (for {@code --emit-cst})
   */
  public record Options(Predicate<String> knownCalls, ReplayBudget budget, boolean keepRecords) {}

  private final String name;
  private final ReplayBudget budget;
  private final boolean keep;
  // per slot (thread)
  private final List<String> who = new ArrayList<>();
  private final List<Columns.Ints> slotOps = new ArrayList<>();
  private final List<Boolean> cloned = new ArrayList<>();
  private final Map<Long, Integer> slots = new LinkedHashMap<>();
  // the first record of each slot that ends its thread (!exit, or a call that never returned)
  private final List<Integer> endsAt = new ArrayList<>();
  // per record, in file order
  private final Columns.Bytes kind = new Columns.Bytes();
  private final Columns.Longs ts = new Columns.Longs();
  private final Columns.Longs end = new Columns.Longs();
  private final Columns.Longs wait = new Columns.Longs(); // FUTEX_WAKE: the wakes
  private final Columns.Longs bytes = new Columns.Longs();
  private final Columns.Ints call = new Columns.Ints();
  private final Columns.Ints aux = new Columns.Ints(); // child slot or futex word
  private final Columns.Ints line = new Columns.Ints();
  private final List<TraceRecord> kept = new ArrayList<>();
  // clones: parent slot, position in the parent, child slot, line
  private final Columns.Ints cloneParent = new Columns.Ints();
  private final Columns.Ints clonePos = new Columns.Ints();
  private final Columns.Ints cloneChild = new Columns.Ints();
  private final Columns.Ints cloneLine = new Columns.Ints();
  // interned calls: name, descriptor, path
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, String> paths = new LinkedHashMap<>();
  private final Map<CallKey, Integer> callKeys = new LinkedHashMap<>();
  private final List<CallKey> calls = new ArrayList<>();
  private final Map<String, Integer> futexes = new LinkedHashMap<>();
  // rank/pid of each child a clone returned, to its thread slot (what wait4 reaps)
  private final Map<String, Integer> childSlots = new LinkedHashMap<>();
  private final Map<Integer, Map<Long, String>> fds = new TreeMap<>();
  private final List<Mounts.Mount> mountHints = new ArrayList<>();
  private long fdEntries;
  private long fdCharged;
  private long records;
  private long firstNs = Long.MAX_VALUE;
  private long lastNs = Long.MIN_VALUE;
  // the most a sleep of the trace outlasts its recorded duration, ns
  private long extraNs;

  private record CallKey(String name, int fd, String path) {}

  private LoadedTrace(String name, Options options) {
    this.name = name;
    this.budget = options.budget();
    this.keep = options.keepRecords();
  }

  /**
   * Reads a trace file accepting every call name, keeping its records, within the default budget.
   *
   * @throws InputException with FILE:LINE:COL on bad input
   */
  public static LoadedTrace read(String file, TraceFormat forced) {
    return read(file, forced, new Options(null, ReplayBudget.defaults(), true));
  }

  /**
   * Reads a trace file.
   *
   * @throws InputException with FILE:LINE:COL on bad input or a trace beyond the budget
   */
  public static LoadedTrace read(String file, TraceFormat forced, Options options) {
    LoadedTrace t = new LoadedTrace(file, options);
    try (TraceSource src = TraceFormat.open(file, forced, System.in, options.knownCalls())) {
      TraceItem item;
      while ((item = src.next()) != null) {
        if (item instanceof TraceRecord r) {
          t.add(r);
        } else if (item instanceof TraceHeader h) {
          t.header(h);
        }
      }
    }
    t.checkClones();
    return t;
  }

  private void header(TraceHeader h) {
    if (h.name().equals("mount") && h.args().size() == 1 && h.attr("class") != null) {
      try {
        mountHints.add(Mounts.parse(Cst.decode(h.args().get(0)) + "=" + h.attr("class"), name));
      } catch (IllegalArgumentException e) {
        throw new InputException(new Location(name, h.line(), 1), "@mount: " + e.getMessage());
      }
      return;
    }
    if (h.name().equals("fd") && h.args().size() == 2 && h.attr("path") != null) {
      try {
        int rank = Integer.parseInt(h.args().get(0));
        long fd = Long.parseLong(h.args().get(1));
        budget.string(h.attr("path").length(), name, h.line());
        fds.computeIfAbsent(rank, k -> new TreeMap<>()).put(fd, Cst.decode(h.attr("path")));
      } catch (NumberFormatException e) {
        // an @fd with a non-numeric rank or descriptor gives no mapping; the reader kept it
      }
    }
  }

  private int slot(int rank, int thread, int ln) {
    long key = ((long) rank << 32) | thread;
    Integer s = slots.get(key);
    if (s == null) {
      budget.charge(4L * ReplayBudget.BYTES_PER_ENTRY, name, ln);
      s = who.size();
      slots.put(key, s);
      who.add(rank + "." + thread);
      slotOps.add(new Columns.Ints());
      cloned.add(false);
      endsAt.add(-1);
    }
    return s;
  }

  private void add(TraceRecord r) {
    budget.record(name, r.line());
    if (keep) {
      long size = 64 + r.op().length() + r.ret().length();
      for (Attr a : r.attrs()) {
        size += 48 + a.key().length() + a.value().length();
      }
      budget.charge(size, name, r.line());
      kept.add(r);
    }
    records++;
    int s = slot(r.rank(), r.thread(), r.line());
    long dur = r.dur() < 0 ? 0 : r.dur();
    firstNs = Math.min(firstNs, r.ts());
    lastNs = Math.max(lastNs, r.ts() + dur);
    if (r.isEvent()) {
      boolean exit = r.op().equals("!exit");
      put(s, exit ? ReplayOp.Kind.EXIT : ReplayOp.Kind.EVENT, r.ts(), r.ts(), -1, 0, -1, 0, r);
    } else {
      call(r, s, dur);
    }
    checkSpan(r);
  }

  private void put(
      int s,
      ReplayOp.Kind k,
      long start,
      long endNs,
      int callKey,
      long count,
      int auxValue,
      long waitNs,
      TraceRecord r) {
    Columns.Ints list = slotOps.get(s);
    if ((k == ReplayOp.Kind.EXIT || k == ReplayOp.Kind.BLOCKED) && endsAt.get(s) < 0) {
      endsAt.set(s, list.size());
    }
    list.add((int) (records - 1));
    kind.add((byte) k.ordinal());
    ts.add(start);
    end.add(endNs);
    call.add(callKey);
    bytes.add(count);
    aux.add(auxValue);
    wait.add(waitNs);
    line.add(r.line());
  }

  /** The span the replay simulates may not overflow its picosecond clock. */
  private void checkSpan(TraceRecord r) {
    long max = budget.maxSpanNs();
    long span = lastNs - firstNs;
    if (span > max) {
      throw new InputException(
          new Location(name, r.line(), 1),
          String.format(
              Locale.ROOT,
              "trace spans %d ns from its first start to this record's end; a replay at"
                  + " --cpu-speed %s simulates at most %d ns",
              span,
              budget.cpuSpeed(),
              max));
    }
    if (extraNs > max - span) {
      throw new InputException(
          new Location(name, r.line(), 1),
          String.format(
              Locale.ROOT,
              "a sleep of the trace outlasts its recorded duration by %d ns; with the trace's span"
                  + " of %d ns, more than the %d ns a replay at --cpu-speed %s simulates",
              extraNs,
              span,
              max,
              budget.cpuSpeed()));
    }
  }

  private void call(TraceRecord r, int s, long dur) {
    Map<Long, String> table = fds.computeIfAbsent(r.rank(), k -> new TreeMap<>());
    long fd = longAttr(r, "fd", -1);
    String path = decoded(r, "path");
    if (path.isEmpty()) {
      path = decoded(r, "fdpath");
    }
    if (path.isEmpty() && fd >= 0) {
      path = table.getOrDefault(fd, "");
    }
    if (!path.isEmpty() && !path.startsWith("/")) {
      // relative to the working directory the importer saw (strace -y's AT_FDCWD</dir>)
      String cwd = decoded(r, "cwd");
      if (!cwd.isEmpty()) {
        path = cwd.endsWith("/") ? cwd + path : cwd + "/" + path;
      }
    }
    path = intern(paths, path, r.line());
    long ret = retValue(r);
    String op = intern(names, r.op(), r.line());
    switch (op) {
      case "open", "creat" -> {
        if (ret >= 0) {
          fdEntry(table, ret, path, r.line());
        }
      }
      case "dup", "dup2", "fcntl" -> {
        if (ret >= 0 && fd >= 0 && (!op.equals("fcntl") || isDupCmd(r))) {
          fdEntry(table, ret, table.getOrDefault(fd, ""), r.line());
        }
      }
      case "close" -> {
        if (table.remove(fd) != null) {
          fdEntries--;
        }
      }
      default -> {}
    }
    long count = Math.min(MAX_RW_COUNT, Math.max(0, longAttr(r, "count", 0)));
    int fdValue = (int) Math.max(-1, Math.min(fd, Integer.MAX_VALUE));
    CallKey ck = new CallKey(op, fdValue, path);
    Integer key = callKeys.get(ck);
    if (key == null) {
      budget.charge(ReplayBudget.BYTES_PER_ENTRY, name, r.line());
      key = calls.size();
      callKeys.put(ck, key);
      calls.add(ck);
    }
    ReplayOp.Kind k = ReplayOp.Kind.CALL;
    int auxValue = -1;
    long waitNs = 0;
    boolean never = r.ret().equals("?");
    if (op.equals("clone") && r.attr("child") != null) {
      k = ReplayOp.Kind.CLONE;
      String c = r.attr("child");
      int dot = c.indexOf('.');
      int child =
          slot(
              Integer.parseInt(c.substring(0, dot)),
              Integer.parseInt(c.substring(dot + 1)),
              r.line());
      auxValue = child;
      cloned.set(child, true);
      if (ret > 0 && childSlots.put(r.rank() + "/" + ret, child) == null) {
        budget.charge(ReplayBudget.BYTES_PER_ENTRY, name, r.line());
      }
      budget.charge(16, name, r.line());
      cloneParent.add(s);
      clonePos.add(slotOps.get(s).size());
      cloneChild.add(child);
      cloneLine.add(r.line());
    } else if (op.equals("nanosleep")) {
      k = ReplayOp.Kind.SLEEP;
      long req = longAttr(r, "req", 0);
      // interrupted (e.g. by a signal): it slept for as long as the trace says
      waitNs = r.failed() || never ? Math.min(req, dur) : req;
      if (never) {
        k = ReplayOp.Kind.BLOCKED;
      } else if (waitNs > dur) {
        extraNs = Math.max(extraNs, waitNs - dur);
      }
    } else if (op.equals("futex")) {
      String fop = r.attr("op") == null ? "" : r.attr("op");
      String addr = r.attr("uaddr") == null ? "" : r.attr("uaddr");
      if (fop.contains("WAIT")) {
        k = never ? ReplayOp.Kind.BLOCKED : ReplayOp.Kind.FUTEX_WAIT;
        auxValue = futex(r.rank() + "/" + addr, r.line());
        // EAGAIN: the word had changed, no wait; otherwise the recorded duration bounds the wait
        waitNs = r.ret().equals("-EAGAIN") ? 0 : dur;
      } else if (fop.contains("WAKE")) {
        k = ReplayOp.Kind.FUTEX_WAKE;
        auxValue = futex(r.rank() + "/" + addr, r.line());
        waitNs = Math.max(0, Math.min(ret, Integer.MAX_VALUE)); // the waiters it woke
      }
    } else if ((op.equals("wait4") || op.equals("waitpid")) && ret > 0 && !never) {
      Integer reaped = childSlots.get(r.rank() + "/" + ret);
      if (reaped != null) {
        // it returned when that child ended: wait for it, at most as long as the trace says
        k = ReplayOp.Kind.WAIT_CHILD;
        auxValue = reaped;
        waitNs = dur;
      }
    }
    if (k == ReplayOp.Kind.CALL && !never && dur > 0 && waitsForReady(op, path)) {
      // it waited for data or a signal the replay does not produce: as long as the trace says
      // (the traced machine's service of the call included, a few microseconds)
      k = ReplayOp.Kind.READY_WAIT;
      waitNs = dur;
    }
    if (never && k == ReplayOp.Kind.CALL && !op.startsWith("exit")) {
      k = ReplayOp.Kind.BLOCKED;
    }
    put(s, k, r.ts(), r.ts() + dur, key, count, auxValue, waitNs, r);
  }

  private void fdEntry(Map<Long, String> table, long fd, String path, int ln) {
    if (table.put(fd, path) == null && ++fdEntries > fdCharged) {
      // charged once per entry at the most held at a time: closed descriptors are reused
      fdCharged = fdEntries;
      budget.charge(ReplayBudget.BYTES_PER_ENTRY, name, ln);
    }
  }

  private int futex(String key, int ln) {
    Integer f = futexes.get(key);
    if (f == null) {
      budget.string(key.length(), name, ln);
      f = futexes.size();
      futexes.put(key, f);
    }
    return f;
  }

  private String intern(Map<String, String> table, String s, int ln) {
    String v = table.get(s);
    if (v == null) {
      budget.string(s.length(), name, ln);
      v = s.intern();
      table.put(v, v);
    }
    return v;
  }

  /**
   * Every thread a clone creates must start in the replay: one of its clones must lie before its
   * parent thread ends (an {@code !exit} or a call that never returned), in a thread that starts.
   */
  private void checkClones() {
    int n = who.size();
    int m = cloneChild.size();
    // clones grouped by parent
    int[] first = new int[n + 1];
    for (int i = 0; i < m; i++) {
      first[cloneParent.get(i) + 1]++;
    }
    for (int p = 0; p < n; p++) {
      first[p + 1] += first[p];
    }
    int[] byParent = new int[m];
    int[] fill = first.clone();
    for (int i = 0; i < m; i++) {
      byParent[fill[cloneParent.get(i)]++] = i;
    }
    boolean[] starts = new boolean[n];
    int[] work = new int[n];
    int top = 0;
    for (int s = 0; s < n; s++) {
      if (!cloned.get(s)) {
        starts[s] = true;
        work[top++] = s;
      }
    }
    while (top > 0) {
      int p = work[--top];
      int endPos = endsAt.get(p);
      for (int j = first[p]; j < first[p + 1]; j++) {
        int i = byParent[j];
        int c = cloneChild.get(i);
        if (!starts[c] && (endPos < 0 || clonePos.get(i) <= endPos)) {
          starts[c] = true;
          work[top++] = c;
        }
      }
    }
    for (int i = 0; i < m; i++) {
      int c = cloneChild.get(i);
      if (starts[c]) {
        continue;
      }
      int p = cloneParent.get(i);
      String why;
      if (p == c) {
        why = "a thread cannot create itself";
      } else if (!starts[p]) {
        why = "the thread making the clone, " + who.get(p) + ", never starts itself";
      } else {
        int e = slotOps.get(p).get(endsAt.get(p));
        why =
            "thread "
                + who.get(p)
                + " has ended before it (line "
                + line.get(e)
                + ": "
                + (kind.get(e) == ReplayOp.Kind.EXIT.ordinal()
                    ? "!exit"
                    : "a call that never returned")
                + ")";
      }
      throw new InputException(
          new Location(name, cloneLine.get(i), 1),
          "thread "
              + who.get(c)
              + " never starts in a replay: it is created by this clone, but "
              + why);
    }
  }

  private static boolean isDupCmd(TraceRecord r) {
    String cmd = r.attr("cmd");
    return cmd != null && cmd.startsWith("F_DUPFD");
  }

  private static String decoded(TraceRecord r, String key) {
    String v = r.attr(key);
    return v == null ? "" : Cst.decode(v);
  }

  private static long longAttr(TraceRecord r, String key, long dflt) {
    String v = r.attr(key);
    if (v == null) {
      return dflt;
    }
    Long n = number(v);
    return n == null ? dflt : n;
  }

  /** Returns the return value as a number, or -1 for {@code ?}, {@code -} and the like. */
  private static long retValue(TraceRecord r) {
    Long n = number(r.ret());
    return n == null ? -1 : n;
  }

  /**
   * Returns a decimal or {@code 0x} hexadecimal number, or null. Checked, not caught: traces have
   * many non-numeric values ({@code ?}, {@code -}), and an exception per value is slow.
   */
  private static Long number(String v) {
    if (v.startsWith("0x")) {
      String hex = v.substring(2);
      if (hex.isEmpty() || hex.length() > 16) {
        return null;
      }
      for (int i = 0; i < hex.length(); i++) {
        if (Character.digit(hex.charAt(i), 16) < 0) {
          return null;
        }
      }
      return Long.parseUnsignedLong(hex, 16);
    }
    return com.google.common.primitives.Longs.tryParse(v);
  }

  /** Returns the file name as given. */
  public String name() {
    return name;
  }

  /** Returns the trace's {@code @mount} hints, in file order. */
  public List<Mounts.Mount> mountHints() {
    return mountHints;
  }

  /** Returns how many threads (slots) the trace has. */
  public int threads() {
    return who.size();
  }

  /** Returns the {@code rank.thread} of slot {@code s} in the file. */
  public String who(int s) {
    return who.get(s);
  }

  /** Returns how many records slot {@code s} has. */
  int size(int s) {
    return slotOps.get(s).size();
  }

  /** Returns record {@code k} of slot {@code s}, prepared for replay. */
  ReplayOp op(int s, int k) {
    int i = slotOps.get(s).get(k);
    ReplayOp.Kind kd = ReplayOp.Kind.VALUES[kind.get(i)];
    int ck = call.get(i);
    Syscall sc = null;
    if (ck >= 0) {
      CallKey c = calls.get(ck);
      sc = new Syscall(c.name(), c.fd(), c.path(), bytes.get(i));
    }
    int a = aux.get(i);
    long w = wait.get(i);
    boolean wake = kd == ReplayOp.Kind.FUTEX_WAKE;
    return new ReplayOp(
        kd,
        ts.get(i),
        end.get(i),
        sc,
        kd == ReplayOp.Kind.CLONE || kd == ReplayOp.Kind.WAIT_CHILD ? a : -1,
        kd == ReplayOp.Kind.FUTEX_WAIT || wake || (kd == ReplayOp.Kind.BLOCKED && a >= 0) ? a : -1,
        wake ? (int) w : 0,
        wake ? 0 : w,
        line.get(i),
        ck,
        keep ? kept.get(i) : null);
  }

  /** Returns the prepared records of slot {@code s}, in trace order (for tests). */
  List<ReplayOp> ops(int s) {
    List<ReplayOp> out = new ArrayList<>(size(s));
    for (int k = 0; k < size(s); k++) {
      out.add(op(s, k));
    }
    return out;
  }

  /** Calls that wait for a descriptor, a signal or an IPC object to become ready. */
  static final com.google.common.collect.ImmutableSet<String> READY_WAITS =
      com.google.common.collect.ImmutableSet.of(
          "poll",
          "ppoll",
          "select",
          "_newselect",
          "pselect6",
          "epoll_wait",
          "epoll_pwait",
          "pause",
          "rt_sigsuspend",
          "rt_sigtimedwait",
          "msgrcv",
          "semop",
          "semtimedop",
          "accept",
          "accept4");

  // reads that block until a writer or the network provides data
  private static final com.google.common.collect.ImmutableSet<String> READS =
      com.google.common.collect.ImmutableSet.of("read", "readv", "recvfrom", "recvmsg");

  /** Whether a call of {@code op} on {@code path} sleeps until something outside makes it ready. */
  static boolean waitsForReady(String op, String path) {
    if (READY_WAITS.contains(op)) {
      return true;
    }
    return READS.contains(op)
        && (path.startsWith("pipe:")
            || path.startsWith("socket:")
            || path.startsWith("/dev/pts/")
            || path.startsWith("/dev/tty"));
  }

  /** Returns how many distinct calls (name, descriptor, path) the trace has. */
  int callKeys() {
    return calls.size();
  }

  /** Returns whether the records as read are kept (for {@code --emit-cst}). */
  boolean keepsRecords() {
    return keep;
  }

  /** Returns whether a clone creates slot {@code s} (otherwise it runs from the start). */
  public boolean cloned(int s) {
    return cloned.get(s);
  }

  /** Returns how many futex words the trace uses. */
  public int futexWords() {
    return futexes.size();
  }

  /** Returns the number of records. */
  public long records() {
    return records;
  }

  /** Returns the first record's start, ns (0 for an empty trace). */
  public long firstNs() {
    return records == 0 ? 0 : firstNs;
  }

  /** Returns the trace's own runtime: first start to last end, ns. */
  public long spanNs() {
    return records == 0 ? 0 : lastNs - firstNs;
  }

  /** Returns the simulated time the trace asks for at least: its span plus longer sleeps, ns. */
  public long demandNs() {
    return spanNs() + (records == 0 ? 0 : extraNs);
  }
}
