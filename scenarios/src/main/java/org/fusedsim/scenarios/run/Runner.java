package org.fusedsim.scenarios.run;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.BufferTracer;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.SuppressForbidden;
import org.fusedsim.core.Tracer;
import org.fusedsim.scenarios.load.Scenario;

/**
 * Runs every (personality, replication) pair of a scenario, in a fixed order: personalities in the
 * order given, replications ascending. Each run gets streams derived from the scenario seed and its
 * replication, so runs are independent of each other and of their order.
 */
public final class Runner {
  private final Tracer tracer;
  private final int traceLimit;
  private final Progress progress;
  private boolean exact;

  /** Creates a runner whose runs report trace events to {@code tracer}. */
  public Runner(Tracer tracer) {
    this.tracer = tracer;
    this.traceLimit = 0;
    this.progress = Progress.NONE;
  }

  /**
   * Creates a runner that keeps up to {@code traceLimit} trace events per run ({@code 0}: no trace)
   * and reports progress.
   */
  public Runner(int traceLimit, Progress progress) {
    if (traceLimit < 0) {
      throw new IllegalArgumentException("traceLimit must be >= 0");
    }
    this.tracer = Tracer.OFF;
    this.traceLimit = traceLimit;
    this.progress = progress;
  }

  /**
   * Makes every run take one event per modelled step ({@link RunContext#exact}); results must be
   * the same as without, apart from event counts.
   */
  public Runner exact(boolean on) {
    exact = on;
    return this;
  }

  /** Runs the scenario and returns one record per run. */
  public ImmutableList<RunRecord> run(Scenario scenario) {
    List<RunRecord> out = new ArrayList<>();
    List<String> personalities =
        scenario.personalities().isEmpty() ? List.of("none") : scenario.personalities();
    int total = personalities.size() * scenario.replications();
    for (String p : personalities) {
      for (int r = 0; r < scenario.replications(); r++) {
        progress.runStarted(out.size() + 1, total, p + "/r" + r);
        BufferTracer buffer = traceLimit > 0 ? new BufferTracer(traceLimit) : null;
        RunContext ctx =
            new RunContext(
                p,
                r,
                new RandomStreams(scenario.seed(), r),
                buffer != null ? buffer : tracer,
                progress,
                exact);
        long t0 = wallNanos();
        RunOutput o = scenario.kind().run(scenario, ctx);
        out.add(new RunRecord(p, r, o, wallNanos() - t0, buffer));
      }
    }
    progress.done();
    return ImmutableList.copyOf(out);
  }

  @SuppressForbidden(reason = "wall time of a run goes to perf.json, never to results")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
