package org.fusedsim.scenarios.report;

import java.io.PrintWriter;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.SuppressForbidden;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.run.Progress;

/**
 * Reports on stderr, about once a second, which run of how many is running, its simulated time and
 * speed, the wall time so far and, once a run has ended, an estimate of the time left (the runs
 * left at the mean wall time of those that ended). On a terminal the line is rewritten in place and
 * cleared at the end; otherwise (with {@code --progress}) each report is a line. It never touches
 * results.
 */
public final class ProgressReporter implements Progress {
  private static final long CHECK_EVERY_EVENTS = 1L << 18;
  private static final long PRINT_EVERY_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final boolean inPlace;
  private final long start = wallNanos();
  private int index;
  private int total;
  private String run = "";
  private long runStart = start;
  private long endedWall;
  private int ended;
  private int lastLength;

  /**
   * Creates a reporter printing to {@code err}.
   *
   * @param inPlace whether {@code err} is a terminal, where the report is rewritten in place
   */
  public ProgressReporter(PrintWriter err, boolean inPlace) {
    this.err = err;
    this.inPlace = inPlace;
  }

  @Override
  public void runStarted(int index, int total, String label) {
    long now = wallNanos();
    if (this.index > 0) {
      ended++;
      endedWall += now - runStart;
    }
    this.index = index;
    this.total = total;
    this.run = label;
    this.runStart = now;
  }

  @Override
  public void attach(Simulation sim, String label) {
    long simStart = wallNanos();
    long[] last = {simStart};
    sim.observeProgress(
        CHECK_EVERY_EVENTS,
        () -> {
          long now = wallNanos();
          if (now - last[0] < PRINT_EVERY_NANOS) {
            return;
          }
          last[0] = now;
          double wall = (now - simStart) / 1e9;
          StringBuilder line = new StringBuilder("progress: ");
          if (total > 0) {
            line.append("run ").append(index).append(" of ").append(total).append(' ');
          }
          line.append(label.isEmpty() ? run : label)
              .append(", simulated ")
              .append(Time.format(sim.now()))
              .append(", ")
              .append(Numbers.human(sim.eventCount() / Math.max(wall, 1e-9) / 1e6, 3))
              .append(" M events/s, wall ")
              .append(Numbers.human((now - start) / 1e9, 3))
              .append(" s");
          if (ended > 0) {
            double mean = endedWall / 1e9 / ended;
            double left = mean * (total - index) + Math.max(0, mean - (now - runStart) / 1e9);
            line.append(", about ").append(Numbers.human(left, 2)).append(" s left");
          }
          print(line.toString());
        });
  }

  @Override
  public void done() {
    if (inPlace && lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
      lastLength = 0;
    }
  }

  private void print(String line) {
    if (inPlace) {
      String padded =
          line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
      err.print("\r" + padded);
      lastLength = line.length();
    } else {
      err.println(line);
    }
    err.flush();
  }

  @SuppressForbidden(reason = "progress reports show wall time on stderr, never in results")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
