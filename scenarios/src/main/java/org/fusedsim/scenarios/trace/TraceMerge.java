package org.fusedsim.scenarios.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Several traces as one: records are merged by start time, and the ranks of each input are
 * renumbered in order of first appearance so that they do not collide ({@code child=} and {@code
 * from=} follow). If every input has an absolute origin ({@code @clock epoch_ns=}), the inputs are
 * aligned on it; otherwise each starts at 0. The header lines of each input become comments.
 * Memory: one pending record per input (with the start headers before the first), plus the rank
 * map.
 */
public final class TraceMerge implements TraceSource {
  private final List<TraceSource> sources;
  private final List<String> names;
  private final List<Map<Integer, Integer>> rankMaps = new ArrayList<>();
  private final long[] offset;
  private final ArrayDeque<TraceItem> ready = new ArrayDeque<>();
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(
          (a, b) -> a.ts != b.ts ? Long.compare(a.ts, b.ts) : Integer.compare(a.source, b.source));
  private final List<List<TraceItem>> trailing = new ArrayList<>();
  private int nextRank;
  private boolean started;

  /** The next record of one input with the header and comment lines that came before it. */
  private record Head(int source, long ts, TraceRecord record, List<TraceItem> before) {}

  /**
   * Merges the given sources; {@code names} label them in comments.
   *
   * @param sources two or more traces
   * @param names one name per source
   */
  public TraceMerge(List<TraceSource> sources, List<String> names) {
    this.sources = List.copyOf(sources);
    this.names = List.copyOf(names);
    this.offset = new long[sources.size()];
    for (int i = 0; i < sources.size(); i++) {
      rankMaps.add(new LinkedHashMap<>());
      trailing.add(new ArrayList<>());
    }
  }

  @Override
  public TraceItem next() {
    if (!started) {
      start();
    }
    while (ready.isEmpty()) {
      Head h = heads.poll();
      if (h == null) {
        for (int i = 0; i < trailing.size(); i++) {
          for (TraceItem t : trailing.get(i)) {
            ready.add(renumber(i, t));
          }
          trailing.get(i).clear();
        }
        return ready.poll();
      }
      for (TraceItem it : h.before) {
        ready.add(renumber(h.source, it));
      }
      ready.add(renumber(h.source, h.record));
      pull(h.source, h.record.ts() + offset[h.source]);
    }
    return ready.poll();
  }

  private void start() {
    started = true;
    List<Head> first = new ArrayList<>();
    Long[] epoch = new Long[sources.size()];
    boolean allEpoch = true;
    for (int i = 0; i < sources.size(); i++) {
      List<TraceItem> before = new ArrayList<>();
      TraceRecord r = null;
      TraceItem it;
      while ((it = sources.get(i).next()) != null) {
        if (it instanceof TraceRecord rec) {
          r = rec;
          break;
        }
        if (it instanceof TraceHeader h && h.name().equals("clock")) {
          String e = h.attr("epoch_ns");
          if (e != null && Cst.isUnsigned(e)) {
            epoch[i] = Long.parseLong(e);
          }
        }
        before.add(it);
      }
      allEpoch &= epoch[i] != null;
      first.add(r == null ? null : new Head(i, r.ts(), r, before));
      if (r == null) {
        trailing.get(i).addAll(headerComments(i, before));
      }
    }
    long min = Long.MAX_VALUE;
    if (allEpoch) {
      for (Long e : epoch) {
        min = Math.min(min, e);
      }
      for (int i = 0; i < offset.length; i++) {
        offset[i] = epoch[i] - min;
      }
    }
    ready.add(new TraceComment(Cst.MAGIC.substring(1), 0));
    List<Attr> clk = new ArrayList<>(3);
    clk.add(new Attr("unit", "ns"));
    clk.add(new Attr("origin", "first-record"));
    if (allEpoch) {
      clk.add(Attr.of("epoch_ns", min));
    }
    ready.add(new TraceHeader("clock", List.of(), clk, 0));
    if (!allEpoch) {
      ready.add(new TraceComment(" inputs without a common clock: each starts at 0", 0));
    }
    for (Head h : first) {
      if (h != null) {
        List<TraceItem> keep = headerComments(h.source, h.before);
        heads.add(new Head(h.source, h.ts + offset[h.source], h.record, keep));
      }
    }
  }

  /** The start headers of input i as comments, keeping its @thread/@fd lines as they are. */
  private List<TraceItem> headerComments(int i, List<TraceItem> before) {
    List<TraceItem> out = new ArrayList<>();
    out.add(new TraceComment(" input " + i + ": " + Cst.encode(names.get(i)), 0));
    for (TraceItem it : before) {
      if (it instanceof TraceHeader h && (h.name().equals("thread") || h.name().equals("fd"))) {
        out.add(it);
      } else if (it instanceof TraceHeader h) {
        StringBuilder sb = new StringBuilder(" input " + i + " @" + h.name());
        h.args().forEach(a -> sb.append(' ').append(a));
        h.attrs().forEach(a -> sb.append(' ').append(a.key()).append('=').append(a.value()));
        out.add(new TraceComment(sb.toString(), 0));
      } else if (it instanceof TraceComment c && c.line() != 1 && !c.text().equals("CST 1")) {
        out.add(c);
      }
    }
    return out;
  }

  private void pull(int i, long floor) {
    TraceItem it;
    while ((it = sources.get(i).next()) != null) {
      if (it instanceof TraceRecord r) {
        heads.add(new Head(i, Math.max(floor, r.ts() + offset[i]), r, List.of()));
        return;
      }
      // comments and @thread/@fd lines go out at once: a header only has to precede the first
      // record that uses it, and holding them would let memory grow with a run of comments
      ready.add(renumber(i, it));
    }
  }

  private int rank(int source, int r) {
    return rankMaps.get(source).computeIfAbsent(r, k -> nextRank++);
  }

  private String who(int source, String w) {
    int dot = w.indexOf('.');
    return rank(source, Integer.parseInt(w.substring(0, dot))) + w.substring(dot);
  }

  private TraceItem renumber(int source, TraceItem it) {
    if (it instanceof TraceHeader h && h.name().equals("thread")) {
      return new TraceHeader("thread", List.of(who(source, h.args().get(0))), h.attrs(), 0);
    }
    if (it instanceof TraceHeader h && h.name().equals("fd")) {
      List<String> args = new ArrayList<>(h.args());
      args.set(0, Integer.toString(rank(source, Integer.parseInt(args.get(0)))));
      return new TraceHeader("fd", args, h.attrs(), 0);
    }
    if (it instanceof TraceRecord r) {
      List<Attr> attrs = new ArrayList<>(r.attrs().size());
      for (Attr a : r.attrs()) {
        boolean whoAttr = a.key().equals("child") || a.key().equals("from");
        attrs.add(whoAttr && Cst.isWho(a.value()) ? new Attr(a.key(), who(source, a.value())) : a);
      }
      long ts = r.ts() + offset[source];
      return new TraceRecord(
          ts, rank(source, r.rank()), r.thread(), r.op(), r.dur(), r.ret(), attrs, r.line());
    }
    return it;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (TraceSource s : sources) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
