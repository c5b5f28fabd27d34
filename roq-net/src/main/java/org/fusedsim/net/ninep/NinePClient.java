package org.fusedsim.net.ninep;

import java.util.function.LongConsumer;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.roq.RoqConnection;
import org.fusedsim.net.roq.RoqFabric;

/**
 * The Linux v9fs client of one compute node, mounted from diod on its nearest IO node over a TCP
 * connection on RoQ (port 564). Requests of one caller are synchronous: each waits for its reply
 * before the next is sent, as {@code p9_client_rpc} does. A request costs {@code
 * client_request_cost} on the node's stack CPU, its bytes over TCP, a diod worker for {@code
 * diod_request_cost} plus its file-system operation, and the reply over TCP.
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
  private final RoqFabric f;
  private final NinePParams p;
  private final IoNodeServer server;
  private final int node;
  private final RoqConnection up;
  private final RoqConnection down;
  private long requests;

  /** Mounts from the IO node nearest to compute node {@code node}, served by {@code server}. */
  public NinePClient(RoqFabric fabric, NinePParams p, IoNodeServer server, int node) {
    this.f = fabric;
    this.p = p;
    this.server = server;
    this.node = node;
    int io = fabric.nearestIoEndpoint(node);
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

  /** Opens a file: walk, lopen, getattr; {@code done} gets 0. */
  public void open(LongConsumer done) {
    small(true, () -> small(true, () -> small(true, () -> done.accept(0))));
  }

  /** Stats a path: walk, getattr, clunk; {@code done} gets 0. */
  public void stat(LongConsumer done) {
    small(true, () -> small(true, () -> small(false, () -> done.accept(0))));
  }

  /** Closes a file: clunk; {@code done} gets 0. */
  public void close(LongConsumer done) {
    small(false, () -> done.accept(0));
  }

  /** Writes {@code bytes}; {@code done} gets the bytes written once the last Rwrite is back. */
  public void write(long bytes, LongConsumer done) {
    chunk(bytes, bytes, done);
  }

  /**
   * Reads {@code bytes}: {@code ceil(bytes / (msize - 24))} Treads; the data comes back in the
   * replies; the file system is charged as for a write of the same size.
   */
  public void read(long bytes, LongConsumer done) {
    readChunk(bytes, bytes, done);
  }

  private void chunk(long left, long total, LongConsumer done) {
    long n = Math.min(left, p.iounit());
    request(
        n + NinePParams.IO_HEADER,
        11,
        n,
        () -> {
          if (left - n > 0) {
            chunk(left - n, total, done);
          } else {
            done.accept(total);
          }
        });
  }

  private void readChunk(long left, long total, LongConsumer done) {
    long n = Math.min(left, p.iounit());
    request(
        23,
        n + 11,
        n,
        () -> {
          if (left - n > 0) {
            readChunk(left - n, total, done);
          } else {
            done.accept(total);
          }
        });
  }

  private void small(boolean touchesFs, Runnable done) {
    request(NinePParams.SMALL_MESSAGE, NinePParams.SMALL_MESSAGE, touchesFs ? 0 : -1, done);
  }

  /** One round trip; {@code fsBytes} >= 0 is a file-system operation of that many bytes. */
  private void request(long reqBytes, long replyBytes, long fsBytes, Runnable done) {
    requests++;
    Simulation sim = f.sim();
    f.stack(node)
        .serve(
            p.clientRequestPs(),
            () ->
                up.send(
                    reqBytes,
                    () ->
                        server.onWorker(
                            () ->
                                sim.schedule(
                                    p.diodRequestPs(),
                                    () -> {
                                      Runnable reply =
                                          () -> {
                                            server.release();
                                            down.send(replyBytes, done);
                                          };
                                      if (fsBytes >= 0) {
                                        server.fsOp(fsBytes, reply);
                                      } else {
                                        reply.run();
                                      }
                                    }))));
  }
}
