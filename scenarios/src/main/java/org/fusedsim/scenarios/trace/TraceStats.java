package org.fusedsim.scenarios.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summary of a trace built while it streams past: records, events, processes and threads, calls by
 * name, failed calls and the time span. Memory grows with the number of distinct threads and call
 * names, not with the number of records.
 */
public final class TraceStats {
  /** Distinct call names counted one by one; further names are summed under {@link #OTHER}. */
  public static final int MAX_NAMES = 4096;

  /** The bucket of call names beyond {@link #MAX_NAMES}. */
  public static final String OTHER = "(other)";

  private long records;
  private long calls;
  private long failed;
  private long unfinished;
  private long firstTs = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;
  private final Map<Long, Long> threads = new LinkedHashMap<>();
  private final Map<Integer, Integer> ranks = new TreeMap<>();
  private final Map<String, long[]> byName = new TreeMap<>();
  private final Map<String, Long> events = new TreeMap<>();
  private final SyscallClasses classes;

  /** Summarises without servicing classes. */
  public TraceStats() {
    this(null);
  }

  /** Summarises and also counts calls per servicing class under each profile. */
  public TraceStats(SyscallClasses classes) {
    this.classes = classes;
  }

  /** Adds one item; only records count. */
  public void add(TraceItem item) {
    if (!(item instanceof TraceRecord r)) {
      return;
    }
    records++;
    threads.merge(((long) r.rank() << 32) | r.thread(), 1L, Long::sum);
    ranks.merge(r.rank(), 1, Integer::sum);
    firstTs = Math.min(firstTs, r.ts());
    lastEnd = Math.max(lastEnd, r.ts() + Math.max(0, r.dur()));
    if (r.isEvent()) {
      events.merge(r.op(), 1L, Long::sum);
      return;
    }
    calls++;
    String name = byName.size() < MAX_NAMES || byName.containsKey(r.op()) ? r.op() : OTHER;
    long[] c = byName.computeIfAbsent(name, k -> new long[3]);
    c[0]++;
    if (r.dur() > 0) {
      c[1] += r.dur();
    }
    if (r.failed()) {
      failed++;
      c[2]++;
    }
    if (r.ret().equals("?")) {
      unfinished++;
    }
  }

  /**
   * Calls per servicing class under each profile ({@link SyscallClasses#PROFILES}), as profile to
   * class to count; empty without a class table.
   */
  public Map<String, Map<String, Long>> classCounts() {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    if (classes == null) {
      return out;
    }
    for (String p : SyscallClasses.PROFILES) {
      Map<String, Long> m = new TreeMap<>();
      byName.forEach((name, c) -> m.merge(classes.classOf(p, name), c[0], Long::sum));
      out.put(p, m);
    }
    return out;
  }

  /** Records (calls and events). */
  public long records() {
    return records;
  }

  /** Call records (events excluded). */
  public long calls() {
    return calls;
  }

  /** Calls that returned an errno. */
  public long failed() {
    return failed;
  }

  /** Calls that never returned ({@code ret ?}). */
  public long unfinished() {
    return unfinished;
  }

  /** Distinct {@code rank.thread} pairs. */
  public int threads() {
    return threads.size();
  }

  /** Distinct ranks. */
  public int ranks() {
    return ranks.size();
  }

  /** From the first start to the last end, in ns (0 for an empty trace). */
  public long spanNs() {
    return records == 0 ? 0 : lastEnd - firstTs;
  }

  /** Count of each call name, sorted by name. */
  public Map<String, Long> callCounts() {
    Map<String, Long> m = new TreeMap<>();
    byName.forEach((k, v) -> m.put(k, v[0]));
    return m;
  }

  /** Sum of measured durations per call name, ns. */
  public Map<String, Long> callTimeNs() {
    Map<String, Long> m = new TreeMap<>();
    byName.forEach((k, v) -> m.put(k, v[1]));
    return m;
  }

  /** Count of each event ({@code !start}, {@code !exit}, ...). */
  public Map<String, Long> eventCounts() {
    return new TreeMap<>(events);
  }
}
