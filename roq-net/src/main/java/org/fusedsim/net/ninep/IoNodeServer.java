package org.fusedsim.net.ninep;

import java.util.ArrayDeque;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.roq.Server;

/**
 * What one IO node offers its compute nodes: diod's pool of worker threads, and the external file
 * system: a bandwidth shared by every client of the IO node in arrival order, then a latency per
 * operation that overlaps other operations.
 */
public final class IoNodeServer {
  private final Simulation sim;
  private final NinePParams p;
  private final Server fs;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int freeWorkers;
  private long fsBytes;
  private long fsOps;

  /** Creates an idle IO node. */
  public IoNodeServer(Simulation sim, NinePParams p) {
    this.sim = sim;
    this.p = p;
    this.fs = new Server(sim);
    this.freeWorkers = p.diodThreads();
  }

  /**
   * Runs {@code job} on a diod worker when one is free; the job calls {@link #release} at its end.
   */
  public void onWorker(Runnable job) {
    if (freeWorkers > 0) {
      freeWorkers--;
      job.run();
    } else {
      waiting.add(job);
    }
  }

  /** Returns a worker to the pool, handing it to the longest-waiting request. */
  public void release() {
    Runnable next = waiting.poll();
    if (next != null) {
      sim.schedule(0, next);
    } else {
      freeWorkers++;
    }
  }

  /** Writes {@code bytes} to the external file system (0 for a metadata operation). */
  public void fsOp(long bytes, Runnable done) {
    fsOps++;
    fsBytes += bytes;
    fs.serve(p.fsBandwidth().transferTime(bytes), () -> sim.schedule(p.fsLatencyPs(), done));
  }

  /** Returns the bytes written to the external file system. */
  public long fsBytes() {
    return fsBytes;
  }

  /** Returns the operations done on the external file system. */
  public long fsOps() {
    return fsOps;
  }
}
