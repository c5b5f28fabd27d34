package org.fusedsim.scenarios.replay;

import java.util.List;
import org.fusedsim.core.SuppressForbidden;
import org.fusedsim.scenarios.run.RunRecord;

/**
 * The replay benchmark: records replayed per second of wall time over many ranks, against reading
 * and preparing the same trace once per rank ({@link LoadedTrace#read}) in the same process.
 */
public final class ReplayBench {
  private ReplayBench() {}

  /**
   * One measurement.
   *
   * @param records records replayed (on the nodes actually simulated)
   * @param seconds wall time of the replay
   * @param readRecords records read by the baseline
   * @param readSeconds wall time of the baseline read
   * @param events simulation events of the replay
   */
  public record Figure(
      long records, double seconds, long readRecords, double readSeconds, long events) {
    /** Returns replayed records per second. */
    public double perSecond() {
      return records / seconds;
    }

    /** Returns read records per second (baseline). */
    public double readPerSecond() {
      return readRecords / readSeconds;
    }
  }

  /** Reads {@code file}, then replays it on {@code ranks} ranks under {@code profile}. */
  public static Figure measure(String file, String profile, int ranks) {
    // baseline: read and prepare the trace once per rank, as many records as the replay handles
    long t0 = now();
    LoadedTrace.Options options = new LoadedTrace.Options(null, ReplayBudget.defaults(), false);
    LoadedTrace t = LoadedTrace.read(file, null, options);
    long read = t.records();
    for (int i = 1; i < ranks; i++) {
      read += LoadedTrace.read(file, null, options).records();
    }
    long t1 = now();
    Replay r =
        new Replay(
            new Replay.Setup(
                List.of(t),
                List.of(profile),
                ranks,
                org.fusedsim.bgq.torus.TorusShape.parse("midplane").nodeCount(),
                "midplane",
                ReplayParams.defaults(),
                null,
                1,
                false,
                Mounts.NONE,
                NodeOverrides.NONE));
    RunRecord run = r.run().get(0).run();
    long t2 = now();
    long recs = (long) run.output().metrics().get("replay.records_simulated").orElseThrow().value();
    return new Figure(recs, (t2 - t1) / 1e9, read, (t1 - t0) / 1e9, run.output().events());
  }

  @SuppressForbidden(reason = "a benchmark measures wall time")
  private static long now() {
    return System.nanoTime();
  }
}
