package org.fusedsim.scenarios.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fusedsim.core.SuppressForbidden;

/**
 * Runs the points of a sweep that have no results yet, {@code jobs} at a time, on threads of this
 * process. Side by side is safe because no model keeps static mutable state: every run owns its
 * kernel, its streams (derived from its own seed) and its components, so a point's results do not
 * depend on what runs beside it; {@code CatalogTest} runs the catalog two scenarios at a time and
 * holds each to its golden results byte for byte, and {@code SweepTest} compares a parallel sweep
 * with a serial one.
 *
 * <p>On the first failure no new point starts; the running ones finish and the failure is thrown.
 */
public final class SweepRunner {
  private final int jobs;
  private final PointRunner points;
  private final PrintWriter progress;

  /**
   * Creates a runner.
   *
   * @param jobs points run at once (at least 1)
   * @param points runs one point
   * @param progress where to report progress, or {@code null} for none
   */
  public SweepRunner(int jobs, PointRunner points, PrintWriter progress) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1");
    }
    this.jobs = jobs;
    this.points = points;
    this.progress = progress;
  }

  /**
   * Runs every point of {@code sweep} not yet complete in {@code dir}.
   *
   * @return how many points ran
   * @throws IOException or a runtime exception of the first point that failed
   */
  public int run(SweepDir dir, Sweep sweep) throws IOException {
    List<Point> pending = new ArrayList<>();
    for (Point p : sweep.points()) {
      if (!dir.complete(p.id())) {
        pending.add(p);
      }
    }
    int total = sweep.points().size();
    int already = total - pending.size();
    if (progress != null && already > 0) {
      progress.printf(
          java.util.Locale.ROOT,
          "sweep: %d of %d points already complete, %d to run%n",
          already,
          total,
          pending.size());
      progress.flush();
    }
    if (pending.isEmpty()) {
      return 0;
    }
    AtomicInteger done = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    long t0 = wallNanos();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(jobs, pending.size()),
            runnable -> {
              Thread t = new Thread(runnable, "sweep-worker");
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Point p : pending) {
        futures.add(
            pool.submit(
                () -> {
                  if (failed.get()) {
                    return null;
                  }
                  running.incrementAndGet();
                  try {
                    points.run(dir, p.id(), p.scenario());
                  } catch (IOException | RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                  } finally {
                    running.decrementAndGet();
                  }
                  report(done.incrementAndGet(), running.get(), pending.size(), t0);
                  return null;
                }));
      }
      Throwable first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      if (first instanceof IOException io) {
        throw io;
      }
      if (first instanceof RuntimeException re) {
        throw re;
      }
      if (first instanceof Error err) {
        throw err;
      }
      return done.get();
    } finally {
      pool.shutdownNow();
    }
  }

  private synchronized void report(int done, int running, int total, long t0) {
    if (progress == null) {
      return;
    }
    double elapsed = (wallNanos() - t0) / 1e9;
    int left = total - done;
    long eta = Math.round(elapsed / done * left);
    progress.printf(
        java.util.Locale.ROOT,
        "sweep: %d/%d points done, %d running, %d left%s%n",
        done,
        total,
        running,
        left - running,
        left == 0 ? "" : String.format(java.util.Locale.ROOT, ", about %s left", clock(eta)));
    progress.flush();
  }

  static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(java.util.Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : seconds >= 60
            ? String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
            : seconds + "s";
  }

  @SuppressForbidden(reason = "progress on stderr only, never in results")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
