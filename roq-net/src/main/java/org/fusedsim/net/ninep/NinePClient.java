package org.fusedsim.net.ninep;

import org.fusedsim.net.NetThread;
import org.fusedsim.net.roq.RoqConnection;
import org.fusedsim.net.roq.RoqFabric;

/**
 * The Linux v9fs client of one compute node, mounted from diod on its nearest IO node over a TCP
 * connection on RoQ (port 564). Requests of one caller are synchronous, each waiting for its reply
 * before the next is sent, as {@code p9_client_rpc} does, and all of the client's CPU time runs in
 * the calling thread's system call: {@code client_request_cost} and the TCP send path per request;
 * the caller then sleeps until the reply's receive processing (interrupt context on the node) wakes
 * it.
 *
 * <ul>
 *   <li>open: Twalk, Tlopen, Tgetattr (the inode is filled on lookup)
 *   <li>stat: Twalk, Tgetattr, Tclunk
 *   <li>close: Tclunk
 *   <li>write of S bytes: {@code ceil(S / (msize - 24))} Twrites, each carrying up to msize - 24
 *       bytes after a 24-byte header; a 11-byte Rwrite each
 * </ul>
 */
public final class NinePClient {
  private final NinePParams p;
  private final Diod server;
  private final int node;
  private final RoqConnection up;
  private final RoqConnection down;
  private long requests;

  /**
   * Mounts from diod {@code server} on IO node endpoint {@code io} for compute node {@code node}.
   */
  public NinePClient(RoqFabric fabric, NinePParams p, Diod server, int node, int io) {
    this.p = p;
    this.server = server;
    this.node = node;
    this.up = fabric.connect(node, io);
    this.down = fabric.connect(io, node);
  }

  /** Returns the compute node. */
  public int node() {
    return node;
  }

  /** Returns the 9P requests sent so far. */
  public long requests() {
    return requests;
  }

  /** Returns the connection towards the IO node. */
  public RoqConnection upstream() {
    return up;
  }

  /** Opens a file: walk, lopen, getattr; {@code done} runs in {@code caller}. */
  public void open(NetThread caller, Runnable done) {
    small(caller, true, () -> small(caller, true, () -> small(caller, true, done)));
  }

  /** Stats a path: walk, getattr, clunk. */
  public void stat(NetThread caller, Runnable done) {
    small(caller, true, () -> small(caller, true, () -> small(caller, false, done)));
  }

  /** Closes a file: clunk. */
  public void close(NetThread caller, Runnable done) {
    small(caller, false, done);
  }

  /** Writes {@code bytes}; {@code done} runs in {@code caller} once the last Rwrite is back. */
  public void write(NetThread caller, long bytes, Runnable done) {
    chunk(caller, bytes, true, done);
  }

  /**
   * Reads {@code bytes}: {@code ceil(bytes / (msize - 24))} Treads; the data comes back in the
   * replies; the file system is charged as for a write of the same size.
   */
  public void read(NetThread caller, long bytes, Runnable done) {
    chunk(caller, bytes, false, done);
  }

  private void chunk(NetThread caller, long left, boolean write, Runnable done) {
    long n = Math.min(left, p.iounit());
    Runnable next = left - n > 0 ? () -> chunk(caller, left - n, write, done) : done;
    if (write) {
      request(caller, n + NinePParams.IO_HEADER, 11, n, next);
    } else {
      request(caller, 23, n + 11, n, next);
    }
  }

  private void small(NetThread caller, boolean touchesFs, Runnable done) {
    request(caller, NinePParams.SMALL_MESSAGE, NinePParams.SMALL_MESSAGE, touchesFs ? 0 : -1, done);
  }

  /** One round trip; {@code fsBytes >= 0} is a file-system operation of that many bytes. */
  private void request(
      NetThread caller, long reqBytes, long replyBytes, long fsBytes, Runnable done) {
    requests++;
    caller.compute(
        p.clientRequestPs() + up.sendCost(reqBytes),
        () -> {
          up.post(
              reqBytes, () -> server.request(fsBytes, replyBytes, down, () -> caller.wake(done)));
          caller.sleep();
        });
  }
}
