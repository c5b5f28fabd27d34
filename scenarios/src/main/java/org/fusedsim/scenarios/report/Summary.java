package org.fusedsim.scenarios.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.regress.ReplicationSummary;
import org.fusedsim.scenarios.run.RunRecord;

/** The summary printed on stdout after a run: runs, metrics with units, notes, files. */
public final class Summary {
  private Summary() {}

  /** Renders the summary. */
  public static String render(Scenario s, List<RunRecord> runs, List<String> written) {
    StringBuilder sb = new StringBuilder();
    sb.append("scenario ")
        .append(s.name())
        .append(" (kind ")
        .append(s.kind().name())
        .append(", seed ")
        .append(s.seed())
        .append(", ")
        .append(runs.size())
        .append(runs.size() == 1 ? " run)" : " runs)")
        .append('\n');
    if (!s.description().isEmpty()) {
      sb.append(s.description()).append('\n');
    }
    sb.append('\n');
    TextTable runTable =
        new TextTable(
            List.of("run", "personality", "replication", "simulated time", "events"),
            List.of("", "", "", "us", "events"));
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      runTable.row(
          List.of(
              String.valueOf(i + 1),
              r.personality(),
              String.valueOf(r.replication()),
              Numbers.human(Time.toMicros(r.output().simulatedTimePs()), 9),
              String.valueOf(r.output().events())));
    }
    sb.append(runTable.render()).append('\n');

    TreeSet<String> names = new TreeSet<>();
    for (RunRecord r : runs) {
      r.output().metrics().all().forEach(m -> names.add(m.name()));
    }
    List<String> header = new ArrayList<>(List.of("metric", "unit"));
    List<String> units = new ArrayList<>(List.of("", ""));
    for (RunRecord r : runs) {
      header.add(runs.size() == 1 ? "value" : r.personality() + "/" + r.replication());
      units.add("");
    }
    TextTable metrics = new TextTable(header, units);
    for (String n : names) {
      List<String> row = new ArrayList<>();
      row.add(n);
      String unit = "";
      for (RunRecord r : runs) {
        Metric m = r.output().metrics().get(n).orElse(null);
        if (m != null) {
          unit = m.unit();
        }
      }
      row.add(unit);
      for (RunRecord r : runs) {
        row.add(r.output().metrics().get(n).map(m -> Numbers.human(m.value(), 6)).orElse("-"));
      }
      metrics.row(row);
    }
    sb.append(metrics.render());
    if (s.replications() > 1) {
      sb.append('\n').append(ReplicationSummary.render(runs));
    }
    boolean notes = false;
    for (RunRecord r : runs) {
      for (String note : r.output().notes()) {
        if (!notes) {
          sb.append('\n');
          notes = true;
        }
        sb.append(runs.size() == 1 ? "" : r.personality() + "/" + r.replication() + ": ")
            .append(note)
            .append('\n');
      }
    }
    if (!written.isEmpty()) {
      sb.append("\nwrote ").append(String.join(", ", written)).append('\n');
    }
    return sb.toString();
  }
}
