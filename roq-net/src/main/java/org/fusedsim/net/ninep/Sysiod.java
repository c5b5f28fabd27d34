package org.fusedsim.net.ninep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.bgq.mu.Descriptor;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.MuGeometry;
import org.fusedsim.net.MuChannel;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;

/**
 * CNK's function shipping of file calls to sysiod on the compute node's IO node (code: {@code
 * sysioFS.cc}), as Messaging Unit traffic on the system FIFOs (subgroup 66), without TCP: CNK posts
 * the descriptors itself. Per call (the node-wide lock is the caller's, {@code CnkKernel}): {@code
 * cnk_ship_cost} on the calling thread, a 512-byte request to the IO node, whose interrupt wakes
 * the compute node's sysiod process there; sysiod spends {@code sysiod_request_cost}, pulls a
 * write's data from the compute node with a remote get (the compute node's MU sends it, no CPU),
 * does the file-system operation and sends a 512-byte reply, whose arrival wakes the caller.
 */
public final class Sysiod {
  private final MuChannel channel;
  private final NinePParams p;
  private final int node;
  private final int io;
  private final NetNode ioNode;
  private final FileServer fs;
  private final NetThread daemon;
  private final int nodeFifo;
  private final int ioFifo;
  private final int nodeRec;
  private final int ioRec;
  private final Map<Long, Runnable> rdma = new LinkedHashMap<>();
  private long calls;

  /**
   * Creates the shipping path of compute node {@code node} to IO node endpoint {@code io}, whose OS
   * is {@code ioNode} and file system {@code fs}.
   */
  public Sysiod(MuChannel channel, NinePParams p, int node, int io, NetNode ioNode, FileServer fs) {
    this.channel = channel;
    this.p = p;
    this.node = node;
    this.io = io;
    this.ioNode = ioNode;
    this.fs = fs;
    this.daemon = ioNode.newThread("sysiod/" + node);
    int inj = MuGeometry.fifoId(FifoKind.INJECTION, 66, 0);
    int rec = MuGeometry.fifoId(FifoKind.RECEPTION, 66, 0);
    this.nodeFifo = inj;
    this.ioFifo = inj;
    this.nodeRec = rec;
    this.ioRec = rec;
  }

  /** Returns the calls shipped so far. */
  public long calls() {
    return calls;
  }

  /**
   * Ships a call from thread {@code caller} whose {@code dataBytes} are pulled by RDMA (0 for none)
   * and that does a file-system operation of {@code fsBytes} (negative: none, e.g. a write to
   * stdout for stdiod); {@code done} runs in the caller once the reply is back.
   */
  public void call(NetThread caller, long dataBytes, long fsBytes, Runnable done) {
    calls++;
    caller.compute(
        p.cnkShipPs(),
        () -> {
          channel.send(
              node,
              nodeFifo,
              io,
              ioRec,
              NinePParams.SHIP_MESSAGE,
              () ->
                  ioNode.softirq(
                      0, () -> daemon.wake(() -> serve(dataBytes, fsBytes, caller, done))));
          caller.sleep();
        });
  }

  private void serve(long dataBytes, long fsBytes, NetThread caller, Runnable done) {
    daemon.compute(
        p.sysiodRequestPs(),
        () -> {
          Runnable fsThenReply =
              () -> {
                if (fsBytes >= 0) {
                  fs.op(fsBytes, () -> daemon.wake(() -> reply(caller, done)));
                  daemon.sleep();
                } else {
                  reply(caller, done);
                }
              };
          if (dataBytes > 0) {
            pull(dataBytes, () -> daemon.wake(fsThenReply));
            daemon.sleep();
          } else {
            fsThenReply.run();
          }
        });
  }

  /** The IO node pulls {@code bytes} from the compute node with a remote get. */
  private void pull(long bytes, Runnable arrived) {
    long tag = channel.tag();
    int counter = (int) (tag & 0x7fffffff);
    rdma.put(tag, arrived);
    channel
        .mu()
        .armCounter(
            io,
            counter,
            bytes,
            () -> {
              Runnable r = rdma.remove(tag);
              r.run();
            });
    channel
        .mu()
        .inject(
            io,
            ioFifo,
            Descriptor.get(node, io, bytes, counter).by("system", tag).viaRemoteFifo(nodeFifo));
  }

  private void reply(NetThread caller, Runnable done) {
    channel.send(io, ioFifo, node, nodeRec, NinePParams.SHIP_MESSAGE, () -> caller.wake(done));
    daemon.sleep();
  }
}
