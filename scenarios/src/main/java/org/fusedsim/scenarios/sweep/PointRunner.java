package org.fusedsim.scenarios.sweep;

import java.io.IOException;
import java.util.List;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.report.OutputDir;
import org.fusedsim.scenarios.report.Outputs;
import org.fusedsim.scenarios.run.Progress;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;

/**
 * Runs one point of a sweep exactly as {@code fusedsim run POINT.yaml --out points/ID} would, and
 * writes its results the same way: into a staging directory renamed into place when complete. A
 * point killed half-way leaves nothing, so a resumed sweep sees it as not run.
 */
public final class PointRunner {
  private final String version;
  private final boolean exact;

  /** Creates a runner that stamps results with this fusedsim version. */
  public PointRunner(String version) {
    this(version, false);
  }

  /**
   * Creates a runner; with {@code exact}, every run takes one event per modelled step ({@link
   * Runner#exact}), for checking that the folded default gives the same results.
   */
  public PointRunner(String version, boolean exact) {
    this.version = version;
    this.exact = exact;
  }

  /**
   * Runs a point's scenario and writes its results directory.
   *
   * @throws org.fusedsim.scenarios.load.InputException if the directory cannot be written
   */
  public void run(SweepDir dir, String id, Scenario scenario) throws IOException {
    try (OutputDir out = OutputDir.prepare(dir.point(id), false)) {
      List<RunRecord> runs = new Runner(0, Progress.NONE).exact(exact).run(scenario);
      Outputs.write(out, scenario, version, runs);
      out.commit();
    }
  }
}
