package org.fusedsim.scenarios.trace;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.fusedsim.core.SuppressForbidden;

/**
 * Throughput of the trace parsers against a baseline in the same process: splitting the same bytes
 * into lines with {@link BufferedReader#readLine()} and nothing else. The ratio says how much the
 * parsing itself costs over just reading the lines.
 */
public final class TraceBench {
  /** One measurement. */
  public record Figure(String what, long records, double seconds, double baselineSeconds) {
    /** Records per second. */
    public double perSecond() {
      return records / seconds;
    }

    /** Parser time over baseline time. */
    public double slowdown() {
      return seconds / baselineSeconds;
    }
  }

  private TraceBench() {}

  /**
   * A synthetic {@code strace -f -ttt -T -y} trace: {@code threads} threads issuing reads, writes,
   * pwrites, futex waits (as unfinished/resumed pairs) and wakes, fstat and lseek.
   */
  public static byte[] synthetic(int lines, int threads) {
    StringBuilder sb = new StringBuilder(lines * 110);
    long us = 1_795_277_500_000_000L;
    int pendingTid = -1;
    for (int i = 0; i < lines; i++) {
      int t = i % threads;
      int tid = 1000 + t;
      us += 3 + (i * 7919L) % 40;
      String ts = String.format(Locale.ROOT, "%d.%06d", us / 1_000_000, us % 1_000_000);
      if (pendingTid == tid) {
        sb.append(tid).append(' ').append(ts).append(" <... futex resumed>) = 0 <0.000041>\n");
        pendingTid = -1;
        continue;
      }
      sb.append(tid).append(' ').append(ts).append(' ');
      switch ((int) ((i * 2654435761L) >>> 7) % 6) {
        case 0 ->
            sb.append(
                "read(3</scratch/job/in.dat>, \"\\x7fELF\\x02\\x01\"..., 65536) = 65536 <0.000012>\n");
        case 1 ->
            sb.append("pwrite64(4</scratch/job/out.dat>, \"AAAAAAAA\"..., 4096, ")
                .append((long) i * 4096)
                .append(") = 4096 <0.000021>\n");
        case 2 -> {
          if (pendingTid < 0) {
            sb.append(
                "futex(0x7f00a5b8f0, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>\n");
            pendingTid = tid;
          } else {
            sb.append("futex(0x7f00a5b8f0, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000004>\n");
          }
        }
        case 3 ->
            sb.append(
                "newfstatat(4</scratch/job/out.dat>, \"\", {st_mode=S_IFREG|0644, st_size=4096, ...}, AT_EMPTY_PATH) = 0 <0.000003>\n");
        case 4 -> sb.append("lseek(3</scratch/job/in.dat>, 0, SEEK_CUR) = 65536 <0.000002>\n");
        default -> sb.append("write(1</dev/pts/0>, \"step 17 done\\n\", 13) = 13 <0.000009>\n");
      }
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Imports strace bytes to CST bytes (not timed). */
  public static byte[] toCst(byte[] strace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(strace.length);
    try (StraceImporter in =
            new StraceImporter(new ByteArrayInputStream(strace), "bench", "bench");
        CstWriter w = new CstWriter(out)) {
      TraceItem item;
      while ((item = in.next()) != null) {
        w.write(item);
      }
    }
    return out.toByteArray();
  }

  /** Times the strace importer against the line-split baseline. */
  public static Figure importStrace(byte[] strace) {
    double base = baseline(strace);
    long t0 = now();
    long n = 0;
    try (StraceImporter in =
        new StraceImporter(new ByteArrayInputStream(strace), "bench", "bench")) {
      TraceItem item;
      while ((item = in.next()) != null) {
        if (item instanceof TraceRecord) {
          n++;
        }
      }
    }
    return new Figure("strace-import", n, (now() - t0) / 1e9, base);
  }

  /** Times the CST reader against the line-split baseline. */
  public static Figure readCst(byte[] cst) {
    double base = baseline(cst);
    long t0 = now();
    long n = 0;
    try (CstReader in = new CstReader(new ByteArrayInputStream(cst), "bench")) {
      TraceItem item;
      while ((item = in.next()) != null) {
        if (item instanceof TraceRecord) {
          n++;
        }
      }
    }
    return new Figure("cst-read", n, (now() - t0) / 1e9, base);
  }

  /** Seconds to split the bytes into lines and touch each line's length. */
  static double baseline(byte[] bytes) {
    long t0 = now();
    long sum = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1),
            1 << 16)) {
      String l;
      while ((l = r.readLine()) != null) {
        sum += l.length();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double s = (now() - t0) / 1e9;
    if (sum < 0) {
      throw new IllegalStateException("unreachable: keeps the loop from being removed");
    }
    return s;
  }

  @SuppressForbidden(reason = "a benchmark measures wall time")
  private static long now() {
    return System.nanoTime();
  }
}
