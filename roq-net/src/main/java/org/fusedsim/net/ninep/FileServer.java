package org.fusedsim.net.ninep;

import org.fusedsim.core.Simulation;
import org.fusedsim.net.roq.Server;

/**
 * The external file system behind one IO node (its NFS mount): a bandwidth shared by every client
 * of the IO node in arrival order, then a latency per operation that overlaps other operations.
 * Both diod (for FusedOS and Linux compute nodes) and sysiod (for CNK) write through it.
 */
public final class FileServer {
  private final Simulation sim;
  private final NinePParams p;
  private final Server link;
  private long bytes;
  private long ops;

  /** Creates the file system of one IO node. */
  public FileServer(Simulation sim, NinePParams p) {
    this.sim = sim;
    this.p = p;
    this.link = new Server(sim);
  }

  /** Moves {@code n} bytes to or from the file system (0 for a metadata operation). */
  public void op(long n, Runnable done) {
    ops++;
    bytes += n;
    link.serve(p.fsBandwidth().transferTime(n), () -> sim.schedule(p.fsLatencyPs(), done));
  }

  /** Returns the bytes moved so far. */
  public long bytes() {
    return bytes;
  }

  /** Returns the operations done so far. */
  public long ops() {
    return ops;
  }
}
