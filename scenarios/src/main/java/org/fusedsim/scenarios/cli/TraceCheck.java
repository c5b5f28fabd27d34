package org.fusedsim.scenarios.cli;

import java.nio.file.Path;
import org.fusedsim.scenarios.trace.CstReader;
import org.fusedsim.scenarios.trace.TraceFormat;
import org.fusedsim.scenarios.trace.TraceItem;
import org.fusedsim.scenarios.trace.TraceSource;
import org.fusedsim.scenarios.trace.TraceStats;

/** Trace side of {@code fusedsim validate}: reads a whole trace and reports what it holds. */
final class TraceCheck {
  private TraceCheck() {}

  /** Scenario files end in .yaml or .yml; everything else is taken for a trace. */
  static boolean isTrace(Path f) {
    String n = String.valueOf(f.getFileName());
    return !(n.endsWith(".yaml") || n.endsWith(".yml"));
  }

  /** Reads the trace to its end; returns the {@code ok ...} line or throws InputException. */
  static String check(Path f, java.util.function.Predicate<String> knownCalls) {
    TraceStats stats = new TraceStats();
    String format;
    try (TraceSource src = TraceFormat.open(f.toString(), null, System.in, knownCalls)) {
      format = src instanceof CstReader ? "cst" : "strace";
      TraceItem item;
      while ((item = src.next()) != null) {
        stats.add(item);
      }
    }
    return "ok "
        + f
        + " (trace "
        + format
        + ", "
        + stats.records()
        + " records, "
        + stats.ranks()
        + (stats.ranks() == 1 ? " process (CST rank), " : " processes (CST ranks), ")
        + stats.threads()
        + (stats.threads() == 1 ? " thread)" : " threads)");
  }
}
