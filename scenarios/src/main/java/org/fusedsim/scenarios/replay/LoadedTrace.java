package org.fusedsim.scenarios.replay;

import com.google.common.primitives.Longs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * records at once, so unlike the streaming readers this holds the trace in memory.
 */
public final class LoadedTrace {
  private final String name;
  private final List<String> who = new ArrayList<>();
  private final List<List<ReplayOp>> ops = new ArrayList<>();
  private final List<Boolean> cloned = new ArrayList<>();
  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private final Map<String, Integer> futexes = new LinkedHashMap<>();
  // rank/pid of each child a clone returned, to its thread slot (what wait4 reaps)
  private final Map<String, Integer> childSlots = new LinkedHashMap<>();
  private final Map<Integer, Map<Long, String>> fds = new TreeMap<>();
  private final List<Mounts.Mount> mountHints = new ArrayList<>();
  private long records;
  private long firstNs = Long.MAX_VALUE;
  private long lastNs = Long.MIN_VALUE;

  private LoadedTrace(String name) {
    this.name = name;
  }

  /**
   * Reads a trace file.
   *
   * @throws org.fusedsim.scenarios.load.InputException with FILE:LINE:COL on bad input
   */
  public static LoadedTrace read(String file, TraceFormat forced) {
    LoadedTrace t = new LoadedTrace(file);
    try (TraceSource src = TraceFormat.open(file, forced, System.in)) {
      TraceItem item;
      while ((item = src.next()) != null) {
        if (item instanceof TraceRecord r) {
          t.add(r);
        } else if (item instanceof TraceHeader h) {
          t.header(h);
        }
      }
    }
    return t;
  }

  private void header(TraceHeader h) {
    if (h.name().equals("mount") && h.args().size() == 1 && h.attr("class") != null) {
      try {
        mountHints.add(Mounts.parse(Cst.decode(h.args().get(0)) + "=" + h.attr("class"), name));
      } catch (IllegalArgumentException e) {
        throw new org.fusedsim.scenarios.load.InputException(
            new org.fusedsim.scenarios.load.Location(name, h.line(), 1),
            "@mount: " + e.getMessage());
      }
      return;
    }
    if (h.name().equals("fd") && h.args().size() == 2 && h.attr("path") != null) {
      try {
        int rank = Integer.parseInt(h.args().get(0));
        long fd = Long.parseLong(h.args().get(1));
        fds.computeIfAbsent(rank, k -> new TreeMap<>()).put(fd, Cst.decode(h.attr("path")));
      } catch (NumberFormatException e) {
        // an @fd with a non-numeric rank or descriptor gives no mapping; the reader kept it
      }
    }
  }

  private int slot(String w) {
    Integer s = slots.get(w);
    if (s == null) {
      s = who.size();
      slots.put(w, s);
      who.add(w);
      ops.add(new ArrayList<>());
      cloned.add(false);
    }
    return s;
  }

  private void add(TraceRecord r) {
    records++;
    int s = slot(r.who());
    long dur = r.dur() < 0 ? 0 : r.dur();
    firstNs = Math.min(firstNs, r.ts());
    lastNs = Math.max(lastNs, r.ts() + dur);
    ReplayOp op;
    if (r.isEvent()) {
      op =
          new ReplayOp(
              r.op().equals("!exit") ? ReplayOp.Kind.EXIT : ReplayOp.Kind.EVENT,
              r.ts(),
              r.ts(),
              null,
              -1,
              -1,
              0,
              0,
              r);
    } else {
      op = call(r, s, dur);
    }
    ops.get(s).add(op);
  }

  private ReplayOp call(TraceRecord r, int s, long dur) {
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
    long ret = retValue(r);
    String name = r.op();
    switch (name) {
      case "open", "creat" -> {
        if (ret >= 0) {
          table.put(ret, path);
        }
      }
      case "dup", "dup2", "fcntl" -> {
        if (ret >= 0 && fd >= 0 && (!name.equals("fcntl") || isDupCmd(r))) {
          table.put(ret, table.getOrDefault(fd, ""));
        }
      }
      case "close" -> table.remove(fd);
      default -> {}
    }
    long bytes = longAttr(r, "count", 0);
    Syscall sc =
        new Syscall(
            name.intern(), (int) Math.max(-1, Math.min(fd, Integer.MAX_VALUE)), path, bytes);
    ReplayOp.Kind kind = ReplayOp.Kind.CALL;
    int child = -1;
    int futex = -1;
    int wakes = 0;
    long waitNs = 0;
    boolean never = r.ret().equals("?");
    if (name.equals("clone") && r.attr("child") != null) {
      kind = ReplayOp.Kind.CLONE;
      child = slot(r.attr("child"));
      cloned.set(child, true);
      if (ret > 0) {
        childSlots.put(r.rank() + "/" + ret, child);
      }
    } else if (name.equals("nanosleep")) {
      kind = ReplayOp.Kind.SLEEP;
      long req = longAttr(r, "req", 0);
      // interrupted (e.g. by a signal): it slept for as long as the trace says
      waitNs = r.failed() || never ? Math.min(req, dur) : req;
      if (never) {
        kind = ReplayOp.Kind.BLOCKED;
      }
    } else if (name.equals("futex")) {
      String fop = r.attr("op") == null ? "" : r.attr("op");
      String addr = r.attr("uaddr") == null ? "" : r.attr("uaddr");
      if (fop.contains("WAIT")) {
        kind = never ? ReplayOp.Kind.BLOCKED : ReplayOp.Kind.FUTEX_WAIT;
        futex = futexes.computeIfAbsent(r.rank() + "/" + addr, k -> futexes.size());
        // EAGAIN: the word had changed, no wait; otherwise the recorded duration bounds the wait
        waitNs = r.ret().equals("-EAGAIN") ? 0 : dur;
      } else if (fop.contains("WAKE")) {
        kind = ReplayOp.Kind.FUTEX_WAKE;
        futex = futexes.computeIfAbsent(r.rank() + "/" + addr, k -> futexes.size());
        wakes = (int) Math.max(0, Math.min(ret, Integer.MAX_VALUE));
      }
    } else if ((name.equals("wait4") || name.equals("waitpid")) && ret > 0 && !never) {
      Integer reaped = childSlots.get(r.rank() + "/" + ret);
      if (reaped != null) {
        // it returned when that child ended: wait for it, at most as long as the trace says
        kind = ReplayOp.Kind.WAIT_CHILD;
        child = reaped;
        waitNs = dur;
      }
    }
    if (never && kind == ReplayOp.Kind.CALL && !name.startsWith("exit")) {
      kind = ReplayOp.Kind.BLOCKED;
    }
    return new ReplayOp(kind, r.ts(), r.ts() + dur, sc, child, futex, wakes, waitNs, r);
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
    return Longs.tryParse(v);
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
    return ops.size();
  }

  /** Returns the {@code rank.thread} of slot {@code s} in the file. */
  public String who(int s) {
    return who.get(s);
  }

  /** Returns the prepared records of slot {@code s}, in trace order. */
  List<ReplayOp> ops(int s) {
    return ops.get(s);
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
}
