package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * An MPI program as SimGrid's time-independent traces describe it (what {@code smpirun -trace-ti}
 * writes): one action per line, {@code RANK ACTION ARGS...}, the rank a number (or {@code p} and a
 * number). The ranks' actions may come in one file, in one file per rank, or in files a list file
 * names (a file whose every line is the path of another, relative to the list).
 *
 * <p>Actions read: {@code init}, {@code finalize}, {@code compute FLOPS}, {@code sleep SECONDS},
 * {@code send|Isend DST [TAG] BYTES [TYPE]}, {@code recv|Irecv SRC [TAG] BYTES [TYPE]}, {@code
 * wait}, {@code waitall}, {@code barrier}, {@code bcast BYTES [ROOT [TYPE]]}, {@code reduce BYTES
 * FLOPS [ROOT [TYPE]]}, {@code allreduce BYTES FLOPS [TYPE]}, {@code alltoall SEND_BYTES RECV_BYTES
 * [TYPES]}. Sizes are taken as bytes (SimGrid's default type); a datatype index that follows is not
 * read. Anything else is bad input at its file, line and column.
 */
public final class TiTrace {
  /** What an action does. */
  public enum Kind {
    INIT,
    FINALIZE,
    COMPUTE,
    SLEEP,
    SEND,
    ISEND,
    RECV,
    IRECV,
    WAIT,
    WAITALL,
    BARRIER,
    BCAST,
    REDUCE,
    ALLREDUCE,
    ALLTOALL
  }

  /**
   * One action of a rank.
   *
   * @param kind what it does
   * @param peer the destination or source rank of a point-to-point action, -1 otherwise
   * @param bytes the message size (per rank for collectives)
   * @param flops the computation (compute, the combine of a reduction)
   * @param seconds a sleep's length
   * @param where the file, line and column of the action
   */
  public record Action(
      Kind kind, int peer, long bytes, double flops, double seconds, Location where) {}

  private final ImmutableList<ImmutableList<Action>> ranks;
  private final String name;

  private TiTrace(String name, ImmutableList<ImmutableList<Action>> ranks) {
    this.name = name;
    this.ranks = ranks;
  }

  /** Returns the trace's name (its first file's name). */
  public String name() {
    return name;
  }

  /** Returns the number of ranks. */
  public int ranks() {
    return ranks.size();
  }

  /** Returns the actions of rank {@code r}, in order. */
  public ImmutableList<Action> actions(int r) {
    return ranks.get(r);
  }

  /** Returns the trace as the rank program the partition runs. */
  public RankProgram program() {
    return new RankProgram() {
      @Override
      public int ranks() {
        return TiTrace.this.ranks();
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public Op op(int rank, int i) {
        List<Action> as = ranks.get(rank);
        return i < as.size() ? toOp(as.get(i)) : null;
      }
    };
  }

  private static Op toOp(Action a) {
    String w = a.where().toString();
    return switch (a.kind()) {
      case INIT, FINALIZE -> Op.of(Op.Kind.NOTHING, w);
      case COMPUTE -> new Op(Op.Kind.COMPUTE, -1, 0, a.flops(), null, 0, null, w);
      case SLEEP ->
          new Op(
              Op.Kind.SLEEP,
              -1,
              0,
              0,
              null,
              Math.round(a.seconds() * org.fusedsim.core.Time.S),
              null,
              w);
      case SEND -> Op.p2p(Op.Kind.SEND, a.peer(), a.bytes(), w);
      case ISEND -> Op.p2p(Op.Kind.ISEND, a.peer(), a.bytes(), w);
      case RECV -> Op.p2p(Op.Kind.RECV, a.peer(), a.bytes(), w);
      case IRECV -> Op.p2p(Op.Kind.IRECV, a.peer(), a.bytes(), w);
      case WAIT -> Op.of(Op.Kind.WAIT, w);
      case WAITALL -> Op.of(Op.Kind.WAITALL, w);
      case BARRIER -> Op.collective(Op.Kind.BARRIER, 0, 0, w);
      case BCAST -> Op.collective(Op.Kind.BCAST, a.bytes(), 0, w);
      case REDUCE, ALLREDUCE -> Op.collective(Op.Kind.ALLREDUCE, a.bytes(), a.flops(), w);
      case ALLTOALL -> Op.collective(Op.Kind.ALLTOALL, a.bytes(), 0, w);
    };
  }

  /** Returns the number of actions over all ranks. */
  public long size() {
    long n = 0;
    for (List<Action> a : ranks) {
      n += a.size();
    }
    return n;
  }

  /**
   * Whether {@code file} reads as a time-independent trace: its first line that is not blank or a
   * comment is a rank followed by an action this reader knows, or the path of such a file.
   */
  public static boolean looksLike(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] f = t.split("\\s+");
        if (f.length >= 2 && rank(f[0]) >= 0 && kind(f[1]) != null) {
          return true;
        }
        Path p = resolve(file, t);
        return f.length == 1 && Files.isRegularFile(p) && !p.equals(file) && looksLike(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
    return false;
  }

  /**
   * Reads the trace from {@code files}: actions, per-rank files or list files.
   *
   * @throws InputException at the first line that is not a known action with valid arguments, or if
   *     a rank has no actions, or a point-to-point peer is not a rank of the trace
   */
  public static TiTrace read(List<String> files) {
    TreeMap<Integer, List<Action>> byRank = new TreeMap<>();
    for (String f : files) {
      readFile(Path.of(f), byRank, 0);
    }
    if (byRank.isEmpty()) {
      throw new InputException(
          new Location(files.isEmpty() ? "command-line" : files.get(0), 1, 1),
          "expected time-independent trace actions (RANK ACTION ARGS), found none");
    }
    int n = byRank.lastKey() + 1;
    ImmutableList.Builder<ImmutableList<Action>> out = ImmutableList.builder();
    for (int r = 0; r < n; r++) {
      List<Action> a = byRank.get(r);
      if (a == null) {
        throw new InputException(
            new Location(files.get(0), 1, 1),
            "rank " + r + " has no actions (ranks 0-" + (n - 1) + " expected)");
      }
      for (Action x : a) {
        if (x.peer() >= n) {
          throw new InputException(
              x.where(), "rank " + x.peer() + " is not a rank of the trace (0-" + (n - 1) + ")");
        }
      }
      out.add(ImmutableList.copyOf(a));
    }
    Path first = Path.of(files.get(0)).getFileName();
    return new TiTrace(first == null ? files.get(0) : first.toString(), out.build());
  }

  private static Path resolve(Path list, String entry) {
    Path p = Path.of(entry);
    Path dir = list.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }

  private static void readFile(Path file, TreeMap<Integer, List<Action>> byRank, int depth) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException(
          new Location(file.toString(), 1, 1), "cannot read the trace: " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      String t = raw.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int col = raw.indexOf(t.charAt(0)) + 1;
      String[] f = t.split("\\s+");
      if (f.length == 1 && depth == 0 && rank(f[0]) < 0) {
        // a list file: every entry another trace file
        Path p = resolve(file, t);
        if (!Files.isRegularFile(p)) {
          throw new InputException(
              new Location(file.toString(), i + 1, col),
              "expected RANK ACTION ARGS or the path of a rank's trace file, found '" + t + "'");
        }
        readFile(p, byRank, depth + 1);
        continue;
      }
      Action a = parse(file.toString(), i + 1, raw, f);
      byRank.computeIfAbsent(rank(f[0]), r -> new ArrayList<>()).add(a);
    }
  }

  private static int rank(String s) {
    String d = s.startsWith("p") ? s.substring(1) : s;
    if (d.isEmpty() || d.length() > 9) {
      return -1;
    }
    for (int i = 0; i < d.length(); i++) {
      if (!Character.isDigit(d.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(d);
  }

  private static Kind kind(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "init" -> Kind.INIT;
      case "finalize" -> Kind.FINALIZE;
      case "compute" -> Kind.COMPUTE;
      case "sleep" -> Kind.SLEEP;
      case "send" -> s.equals("send") ? Kind.SEND : null;
      case "isend" -> s.equals("Isend") || s.equals("isend") ? Kind.ISEND : null;
      case "recv" -> s.equals("recv") ? Kind.RECV : null;
      case "irecv" -> s.equals("Irecv") || s.equals("irecv") ? Kind.IRECV : null;
      case "wait" -> Kind.WAIT;
      case "waitall" -> Kind.WAITALL;
      case "barrier" -> Kind.BARRIER;
      case "bcast" -> Kind.BCAST;
      case "reduce" -> Kind.REDUCE;
      case "allreduce" -> Kind.ALLREDUCE;
      case "alltoall" -> Kind.ALLTOALL;
      default -> null;
    };
  }

  /** Column of field {@code k} of {@code raw}. */
  private static int column(String raw, String[] f, int k) {
    int at = 0;
    for (int i = 0; i <= k; i++) {
      at = raw.indexOf(f[i], at);
      if (i < k) {
        at += f[i].length();
      }
    }
    return at + 1;
  }

  private static Action parse(String file, int line, String raw, String[] f) {
    Location where = new Location(file, line, column(raw, f, 0));
    if (rank(f[0]) < 0) {
      throw new InputException(where, "expected a rank number first, found '" + f[0] + "'");
    }
    if (f.length < 2) {
      throw new InputException(
          new Location(file, line, column(raw, f, 0) + f[0].length()),
          "expected an action after the rank");
    }
    Kind k = kind(f[1]);
    Location at = new Location(file, line, column(raw, f, 1));
    if (k == null) {
      throw new InputException(
          at,
          "unknown action '"
              + f[1]
              + "' (expected init, finalize, compute, sleep, send, Isend, recv, Irecv, wait,"
              + " waitall, barrier, bcast, reduce, allreduce or alltoall)");
    }
    int args = f.length - 2;
    return switch (k) {
      case INIT, FINALIZE, WAIT, WAITALL, BARRIER -> new Action(k, -1, 0, 0, 0, at);
      case COMPUTE -> {
        need(file, line, raw, f, 1, "FLOPS");
        yield new Action(k, -1, 0, number(file, line, raw, f, 2, "flops"), 0, at);
      }
      case SLEEP -> {
        need(file, line, raw, f, 1, "SECONDS");
        yield new Action(k, -1, 0, 0, number(file, line, raw, f, 2, "seconds"), at);
      }
      case SEND, ISEND, RECV, IRECV -> {
        need(file, line, raw, f, 2, (k == Kind.SEND || k == Kind.ISEND ? "DST" : "SRC") + " BYTES");
        int peer = rank(f[2]);
        if (peer < 0) {
          throw new InputException(
              new Location(file, line, column(raw, f, 2)), "expected a rank, found '" + f[2] + "'");
        }
        // with three numbers or more: peer, tag, size (SimGrid 3.20 on); with two: peer, size
        int size = args >= 3 ? 4 : 3;
        yield new Action(k, peer, bytes(file, line, raw, f, size), 0, 0, at);
      }
      case BCAST -> {
        need(file, line, raw, f, 1, "BYTES");
        yield new Action(k, -1, bytes(file, line, raw, f, 2), 0, 0, at);
      }
      case REDUCE, ALLREDUCE -> {
        need(file, line, raw, f, 2, "BYTES FLOPS");
        yield new Action(
            k, -1, bytes(file, line, raw, f, 2), number(file, line, raw, f, 3, "flops"), 0, at);
      }
      case ALLTOALL -> {
        need(file, line, raw, f, 2, "SEND_BYTES RECV_BYTES");
        yield new Action(k, -1, bytes(file, line, raw, f, 2), 0, 0, at);
      }
    };
  }

  private static void need(String file, int line, String raw, String[] f, int n, String what) {
    if (f.length - 2 < n) {
      throw new InputException(
          new Location(file, line, raw.length() + 1),
          "expected " + what + " after " + f[1] + ", found " + (f.length - 2) + " arguments");
    }
  }

  private static double number(String file, int line, String raw, String[] f, int k, String what) {
    double v;
    try {
      v = Double.parseDouble(f[k]);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!(v >= 0 && v < 1e21)) {
      throw new InputException(
          new Location(file, line, column(raw, f, k)),
          "expected a number of " + what + " >= 0, found '" + f[k] + "'");
    }
    return v;
  }

  private static long bytes(String file, int line, String raw, String[] f, int k) {
    double v = number(file, line, raw, f, k, "bytes");
    if (v > (double) (1L << 40)) {
      throw new InputException(
          new Location(file, line, column(raw, f, k)),
          "expected at most 1 TiB in one message, found " + f[k]);
    }
    return Math.round(v);
  }
}
