package org.fusedsim.net.ninep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.roq.RoqConnection;

/**
 * diod, the 9P server of one IO node (port 564 over TCP on RoQ): a pool of worker threads of the IO
 * node's Linux. A request that has been received (its TCP receive processing done) is taken by a
 * free worker, or waits for one; the worker unmarshals it and makes its system call ({@code
 * diod_request_cost}), waits while the file system does its part, sends the reply (its TCP send
 * path), and takes the next waiting request or sleeps.
 */
public final class Diod {
  private record Request(long fsBytes, long replyBytes, RoqConnection down, Runnable replied) {}

  private final NinePParams p;
  private final FileServer fs;
  private final ArrayDeque<NetThread> idle = new ArrayDeque<>();
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private final List<NetThread> workers = new ArrayList<>();
  private long requests;

  /** Starts diod's workers on the IO node {@code io}, in front of its file system {@code fs}. */
  public Diod(NetNode io, NinePParams p, FileServer fs) {
    this.p = p;
    this.fs = fs;
    for (int i = 0; i < p.diodThreads(); i++) {
      NetThread t = io.newThread("diod/" + i);
      workers.add(t);
      idle.add(t);
    }
  }

  /**
   * Serves one request that has reached the IO node: {@code fsBytes >= 0} is a file-system
   * operation of that size (negative: none); the reply of {@code replyBytes} goes back on {@code
   * down}, and {@code replied} runs when the client has received it.
   */
  public void request(long fsBytes, long replyBytes, RoqConnection down, Runnable replied) {
    requests++;
    Request r = new Request(fsBytes, replyBytes, down, replied);
    NetThread w = idle.poll();
    if (w == null) {
      queue.add(r);
      return;
    }
    w.wake(() -> serve(w, r));
  }

  private void serve(NetThread w, Request r) {
    w.compute(
        p.diodRequestPs(),
        () -> {
          if (r.fsBytes() >= 0) {
            fs.op(r.fsBytes(), () -> w.wake(() -> reply(w, r)));
            w.sleep();
          } else {
            reply(w, r);
          }
        });
  }

  private void reply(NetThread w, Request r) {
    w.compute(
        r.down().sendCost(r.replyBytes()),
        () -> {
          r.down().post(r.replyBytes(), r.replied());
          Request next = queue.poll();
          if (next != null) {
            serve(w, next);
          } else {
            idle.add(w);
            w.sleep();
          }
        });
  }

  /** Returns the requests served so far. */
  public long requests() {
    return requests;
  }

  /** Returns the file system. */
  public FileServer fs() {
    return fs;
  }
}
