package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.report.AtomicFile;
import org.fusedsim.scenarios.trace.CstWriter;
import org.fusedsim.scenarios.trace.SyscallClasses;
import org.fusedsim.scenarios.trace.TraceFormat;
import org.fusedsim.scenarios.trace.TraceItem;
import org.fusedsim.scenarios.trace.TraceMerge;
import org.fusedsim.scenarios.trace.TraceSource;
import org.fusedsim.scenarios.trace.TraceStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim convert}: strace or CST in, CST out, streaming. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Converts a syscall trace (strace output or CST, recognised by content) to CST/1.",
      "The output file is written under a temporary name and renamed when complete."
    })
public final class ConvertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "TRACE",
      description =
          "Trace files (- for stdin); several are merged by start time, ranks renumbered.")
  List<String> traces;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "Input format: cst or strace (default: recognised by content).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "Output CST file, or - for stdout.")
  String out;

  @Option(
      names = "--stats",
      description =
          "Print a summary (records, threads, calls by name) to stdout, or stderr with --out -.")
  boolean stats;

  @Option(
      names = "--allow-unknown-calls",
      description =
          "Accept calls the call table does not list (otherwise exit 2 at the call); a replay"
              + " gives them class UNS.")
  boolean allowUnknownCalls;

  @Override
  public Integer call() throws IOException {
    TraceFormat f = parseFormat(format);
    TraceStats summary = new TraceStats(SyscallClasses.load());
    if (out.equals("-")) {
      PrintWriter pw = spec.commandLine().getOut();
      CstWriter w = new CstWriter(pw);
      copy(f, w, summary);
      w.flush();
      if (stats) {
        print(summary, spec.commandLine().getErr());
      }
      return ExitCodes.OK;
    }
    try (AtomicFile target = AtomicFile.open(Path.of(out), "--out")) {
      try (OutputStream os = target.stream();
          CstWriter w = new CstWriter(os)) {
        copy(f, w, summary);
      }
      target.commit();
    }
    return done(summary);
  }

  private int done(TraceStats summary) {
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + out + " (" + summary.records() + " records)");
    if (stats) {
      print(summary, o);
    }
    o.flush();
    return ExitCodes.OK;
  }

  private void copy(TraceFormat f, CstWriter w, TraceStats summary) {
    try (TraceSource src = open(f)) {
      TraceItem item;
      while ((item = src.next()) != null) {
        w.write(item);
        summary.add(item);
      }
    }
  }

  private TraceSource open(TraceFormat f) {
    if (traces.size() == 1) {
      return TraceFormat.open(traces.get(0), f, System.in, knownCalls(allowUnknownCalls));
    }
    List<TraceSource> sources = new java.util.ArrayList<>();
    try {
      for (String t : traces) {
        sources.add(TraceFormat.open(t, f, System.in, knownCalls(allowUnknownCalls)));
      }
    } catch (RuntimeException e) {
      sources.forEach(TraceSource::close);
      throw e;
    }
    return new TraceMerge(sources, traces);
  }

  /** The call names a trace may hold: those of the call table, or any with {@code allow}. */
  static java.util.function.Predicate<String> knownCalls(boolean allow) {
    return allow ? null : SyscallClasses.load()::lists;
  }

  static TraceFormat parseFormat(String format) {
    if (format == null) {
      return null;
    }
    if (!format.equals("cst") && !format.equals("strace")) {
      throw new InputException(
          new Location("command-line", 1, 1),
          "--format: expected cst or strace, found '" + format + "'");
    }
    return TraceFormat.parse(format);
  }

  /** Prints the summary the replay report builds on. */
  static void print(TraceStats s, PrintWriter o) {
    o.println(
        "records "
            + s.records()
            + " (calls "
            + s.calls()
            + ", failed "
            + s.failed()
            + ", never returned "
            + s.unfinished()
            + "), processes (CST ranks) "
            + s.ranks()
            + ", threads "
            + s.threads()
            + ", span "
            + s.spanNs()
            + " ns");
    StringBuilder ev = new StringBuilder("events");
    s.eventCounts().forEach((k, v) -> ev.append(' ').append(k).append('=').append(v));
    o.println(ev);
    Map<String, Map<String, Long>> byClass = s.classCounts();
    if (!byClass.isEmpty()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      byClass.values().forEach(m -> names.addAll(m.keySet()));
      StringBuilder h = new StringBuilder(String.format(java.util.Locale.ROOT, "%-12s", "class"));
      byClass.keySet().forEach(p -> h.append(String.format(java.util.Locale.ROOT, " %18s", p)));
      o.println(h);
      for (String c : names) {
        StringBuilder row = new StringBuilder(String.format(java.util.Locale.ROOT, "%-12s", c));
        byClass
            .values()
            .forEach(
                m ->
                    row.append(
                        String.format(java.util.Locale.ROOT, " %18d", m.getOrDefault(c, 0L))));
        o.println(row);
      }
    }
    Map<String, Long> counts = s.callCounts();
    Map<String, Long> times = s.callTimeNs();
    o.printf(java.util.Locale.ROOT, "%-20s %10s %14s%n", "call", "count", "time [ns]");
    List<Map.Entry<String, Long>> sorted =
        counts.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .toList();
    for (Map.Entry<String, Long> e : sorted) {
      o.printf(
          java.util.Locale.ROOT,
          "%-20s %10d %14d%n",
          e.getKey(),
          e.getValue(),
          times.get(e.getKey()));
    }
  }
}
