package org.fusedsim.scenarios.report;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Table;

/** Writes every output file of a run into the {@code --out} directory. */
public final class Outputs {
  private Outputs() {}

  /**
   * Writes results.json, perf.json, one CSV per table and run, one PNG per chart and run, and the
   * scenario itself.
   *
   * @return the names of the files written, in the order written
   */
  public static List<String> write(OutputDir dir, Scenario s, String version, List<RunRecord> runs)
      throws IOException {
    List<String> names = new ArrayList<>();
    boolean many = runs.size() > 1;
    for (RunRecord r : runs) {
      for (Table t : r.output().tables()) {
        String name =
            t.name() + (many ? "-" + r.personality() + "-r" + r.replication() : "") + ".csv";
        dir.write(name, Csv.render(t));
        names.add(name);
      }
      for (Chart c : r.output().charts()) {
        String name =
            c.name() + (many ? "-" + r.personality() + "-r" + r.replication() : "") + ".png";
        dir.write(name, Png.render(c));
        names.add(name);
      }
    }
    if (runs.stream().anyMatch(r -> r.trace() != null)) {
      dir.write("trace.json", ChromeTrace.render(s.name(), runs));
      names.add("trace.json");
    }
    dir.write("scenario.yaml", s.text());
    names.add("scenario.yaml");
    dir.write("perf.json", PerfJson.render(runs));
    names.add("perf.json");
    Map<String, byte[]> images = new LinkedHashMap<>();
    for (String n : names) {
      if (n.endsWith(".png")) {
        images.put(n, Files.readAllBytes(dir.path().resolve(n)));
      }
    }
    dir.write("report.html", HtmlReport.render(s, version, runs, images));
    names.add("report.html");
    // results.json last: its presence means the whole output is complete.
    dir.write("results.json", ResultsJson.render(s, version, runs));
    names.add("results.json");
    return names;
  }
}
