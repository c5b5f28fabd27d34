package org.fusedsim.scenarios.report;

import java.io.PrintWriter;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.SuppressForbidden;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.run.Progress;

/**
 * Prints simulated time, wall time and events per second to stderr about once a second. The CLI
 * enables it only when stderr is a terminal (or with {@code --progress}); it never touches results.
 */
public final class ProgressReporter implements Progress {
  private static final long CHECK_EVERY_EVENTS = 1L << 18;
  private static final long PRINT_EVERY_NANOS = 1_000_000_000L;

  private final PrintWriter err;

  /** Creates a reporter printing to {@code err}. */
  public ProgressReporter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void attach(Simulation sim, String label) {
    long start = wallNanos();
    long[] last = {start};
    sim.observeProgress(
        CHECK_EVERY_EVENTS,
        () -> {
          long now = wallNanos();
          if (now - last[0] < PRINT_EVERY_NANOS) {
            return;
          }
          last[0] = now;
          double wall = (now - start) / 1e9;
          err.println(
              "progress: "
                  + label
                  + " simulated "
                  + Time.format(sim.now())
                  + ", wall "
                  + Numbers.human(wall, 3)
                  + " s, "
                  + Numbers.human(sim.eventCount() / wall / 1e6, 3)
                  + " M events/s");
          err.flush();
        });
  }

  @SuppressForbidden(reason = "progress reports show wall time on stderr, never in results")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
