package org.fusedsim.net.ninep;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.roq.RoqFabric;

/**
 * CNK's function shipping of file calls to sysiod on the nearest IO node, over the real torus and
 * IO link (no TCP: CNK posts Messaging Unit descriptors itself). Per call, under one node-wide lock
 * (calls of a node are serialized, code: sysioFS.cc): {@code cnk_ship_cost}, a 512-byte request,
 * {@code sysiod_request_cost} on the IO node, the data pulled by RDMA (writes), the file-system
 * operation, and a 512-byte reply. One sysiod per compute node, so no worker pool is shared.
 */
public final class Sysiod {
  private final RoqFabric f;
  private final NinePParams p;
  private final IoNodeServer server;
  private final int node;
  private final int io;
  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
  private boolean locked;
  private long calls;

  /** Creates the shipping path of compute node {@code node}. */
  public Sysiod(RoqFabric fabric, NinePParams p, IoNodeServer server, int node) {
    this.f = fabric;
    this.p = p;
    this.server = server;
    this.node = node;
    this.io = fabric.nearestIoEndpoint(node);
  }

  /** Returns the calls shipped so far. */
  public long calls() {
    return calls;
  }

  /** Ships a write of {@code bytes}; {@code done} gets the bytes written. */
  public void write(long bytes, LongConsumer done) {
    ship(bytes, true, () -> done.accept(bytes));
  }

  /**
   * Ships a metadata call (open, stat, close) that reaches the file system if {@code touchesFs}.
   */
  public void meta(boolean touchesFs, LongConsumer done) {
    ship(touchesFs ? 0 : -1, false, () -> done.accept(0));
  }

  /**
   * Ships a call whose {@code dataBytes} are pulled by RDMA (0 for none) and that does a
   * file-system operation of {@code fsBytes} (negative: none, e.g. a write to stdout for stdiod).
   */
  public void call(long dataBytes, long fsBytes, Runnable done) {
    ship(dataBytes, fsBytes, done);
  }

  private void ship(long fsBytes, boolean rdma, Runnable done) {
    ship(rdma ? fsBytes : 0, fsBytes, done);
  }

  private void ship(long dataBytes, long fsBytes, Runnable done) {
    Runnable call =
        () -> {
          calls++;
          Simulation sim = f.sim();
          Runnable serve =
              () -> {
                Runnable reply =
                    () ->
                        f.move(
                            io,
                            node,
                            NinePParams.SHIP_MESSAGE,
                            () -> {
                              unlock();
                              done.run();
                            });
                Runnable fsThenReply =
                    () -> {
                      if (fsBytes >= 0) {
                        server.fsOp(fsBytes, reply);
                      } else {
                        reply.run();
                      }
                    };
                if (dataBytes > 0) {
                  f.move(node, io, dataBytes, fsThenReply);
                } else {
                  fsThenReply.run();
                }
              };
          sim.schedule(
              p.cnkShipPs(),
              () ->
                  f.move(
                      node,
                      io,
                      NinePParams.SHIP_MESSAGE,
                      () -> sim.schedule(p.sysiodRequestPs(), serve)));
        };
    if (locked) {
      queued.add(call);
    } else {
      locked = true;
      call.run();
    }
  }

  private void unlock() {
    Runnable next = queued.poll();
    if (next != null) {
      next.run();
    } else {
      locked = false;
    }
  }
}
