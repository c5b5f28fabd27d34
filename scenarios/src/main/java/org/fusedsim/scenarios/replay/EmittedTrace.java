package org.fusedsim.scenarios.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.fusedsim.scenarios.trace.TraceRecord;

/**
 * The simulated records of every rank of a replay ({@code --emit-cst}), in start order. Each
 * simulated node contributes its records; a node that replays the same traces as one already
 * simulated (and so was not simulated again) contributes that node's records under its own ranks.
 * The records are merged as they are written, so memory holds the simulated nodes' records only,
 * however many nodes repeat them.
 */
public final class EmittedTrace {
  /** Start, then rank, then thread: the order of a CST file. */
  static final Comparator<TraceRecord> ORDER =
      Comparator.comparingLong(TraceRecord::ts)
          .thenComparingInt(TraceRecord::rank)
          .thenComparingInt(TraceRecord::thread);

  private record Part(List<TraceRecord> records, int rankShift) {}

  private final List<Part> parts = new ArrayList<>();

  /** Adds a simulated node's records (any order). */
  void addSimulated(List<TraceRecord> records) {
    List<TraceRecord> sorted = new ArrayList<>(records);
    sorted.sort(ORDER);
    parts.add(new Part(sorted, 0));
  }

  /**
   * Adds a node that repeats the simulated node added as part {@code part}, its ranks {@code
   * rankShift} above that node's.
   */
  void addRepeat(int part, int rankShift) {
    parts.add(new Part(parts.get(part).records(), rankShift));
  }

  /** Returns how many parts (nodes) were added. */
  int parts() {
    return parts.size();
  }

  /** Passes every record to {@code out} in start order. */
  public void forEach(Consumer<TraceRecord> out) {
    // one cursor per node; a cursor is (part, position), its head the record there
    PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> compare(a, b));
    for (int p = 0; p < parts.size(); p++) {
      if (!parts.get(p).records().isEmpty()) {
        heads.add(new int[] {p, 0});
      }
    }
    while (!heads.isEmpty()) {
      int[] c = heads.poll();
      out.accept(record(c));
      c[1]++;
      if (c[1] < parts.get(c[0]).records().size()) {
        heads.add(c);
      }
    }
  }

  /** Returns every record in start order (for tests and small replays). */
  public List<TraceRecord> toList() {
    List<TraceRecord> out = new ArrayList<>();
    forEach(out::add);
    return out;
  }

  private TraceRecord record(int[] cursor) {
    Part p = parts.get(cursor[0]);
    TraceRecord r = p.records().get(cursor[1]);
    if (p.rankShift() == 0) {
      return r;
    }
    return new TraceRecord(
        r.ts(),
        r.rank() + p.rankShift(),
        r.thread(),
        r.op(),
        r.dur(),
        r.ret(),
        r.attrs(),
        r.line());
  }

  private int compare(int[] a, int[] b) {
    int c = ORDER.compare(record(a), record(b));
    return c != 0 ? c : Integer.compare(a[0], b[0]);
  }
}
