package org.fusedsim.net.ninep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.core.Time;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.TestNodes;
import org.fusedsim.net.pami.PamiNetwork;
import org.junit.jupiter.api.Test;

/** File writes through the IO nodes by both paths, 9P over RoQ and sysiod function shipping. */
class IoPathTest {
  /** A nodeboard (32 nodes) with {@code computePerIo} compute nodes per IO node, 1 rank each. */
  private static TestNodes.Partition nodeboard(int computePerIo) {
    HardwareParams h =
        HardwareParams.defaults(TorusParams.defaults().withShape(TorusShape.parse("nodeboard")));
    IoParams io = h.io();
    h = h.withIo(new IoParams(computePerIo, io.linkBandwidth(), io.linkLatencyPs()));
    NetParams n = NetParams.defaults();
    return new TestNodes.Partition(h, n.withPami(n.pami().withRanksPerNode(1)));
  }

  /** One compute node's file calls by one path, in the thread of the calling task. */
  private interface Files {
    void open(Runnable done);

    void write(long bytes, Runnable done);

    void close(Runnable done);
  }

  private static Files files(TestNodes.Partition m, IoPath path, int node, NetThread caller) {
    if (path == IoPath.NINEP) {
      NinePClient c = m.ninep(node);
      return new Files() {
        @Override
        public void open(Runnable done) {
          c.open(caller, done);
        }

        @Override
        public void write(long bytes, Runnable done) {
          c.write(caller, bytes, done);
        }

        @Override
        public void close(Runnable done) {
          c.close(caller, done);
        }
      };
    }
    Sysiod s = m.sysiod(node);
    return new Files() {
      @Override
      public void open(Runnable done) {
        s.call(caller, 0, 0, done);
      }

      @Override
      public void write(long bytes, Runnable done) {
        s.call(caller, bytes, bytes, done);
      }

      @Override
      public void close(Runnable done) {
        s.call(caller, 0, -1, done);
      }
    };
  }

  /**
   * The outcome of a write run.
   *
   * @param elapsedPs from the first open to the last close
   * @param bytes bytes written by all writers
   * @param requests 9P requests or shipped calls
   * @param bursts RoQ bursts and acks moved
   * @param events kernel events
   */
  private record WriteResult(long elapsedPs, long bytes, long requests, long bursts, long events) {
    double gigabytesPerSecond() {
      return bytes / (double) elapsedPs * 1000.0;
    }
  }

  /**
   * Compute nodes {@code 0..nodes-1} each open a file, write it with {@code writes} calls of {@code
   * bytes} and close it, all starting at time 0, each through its nearest IO node.
   */
  private static WriteResult write(
      TestNodes.Partition m, IoPath path, int nodes, int writes, long bytes) {
    long[] last = {-1};
    int[] closed = {0};
    for (int n = 0; n < nodes; n++) {
      Files f = files(m, path, n, new TestNodes.DelayThread(m.sim(), "writer " + n, false));
      f.open(
          () ->
              writeLoop(
                  f,
                  writes,
                  bytes,
                  () -> {
                    closed[0]++;
                    last[0] = m.sim().now();
                  }));
    }
    m.run();
    assertEquals(nodes, closed[0]);
    long requests = 0;
    for (int n = 0; n < nodes; n++) {
      requests += path == IoPath.NINEP ? m.ninep(n).requests() : m.sysiod(n).calls();
    }
    return new WriteResult(
        last[0], (long) nodes * writes * bytes, requests, m.roq().bursts(), m.sim().eventCount());
  }

  private static void writeLoop(Files f, int left, long bytes, Runnable closed) {
    if (left == 0) {
      f.close(closed);
      return;
    }
    f.write(bytes, () -> writeLoop(f, left - 1, bytes, closed));
  }

  @Test
  void sysiodWriteFromTheBridgeMatchesTheHandCalculation() {
    // One IO node per compute node, so node 0 is IO node 0's bridge and only the IO link is
    // crossed. open, one 64 KiB write, close; every term a default:
    // a 512 B message: fetch 50 + 552 B wire = 276 ns + link 40 + deposit 50 = 416 ns;
    // a call: ship 1 us, request, sysiod 5 us, ..., reply;
    // write: the IO node's get (fetch 50 + a 64 B descriptor, 104 B wire = 52 ns + 40 + deposit
    // 50) and the compute node's put of 65,536 B (fetch 50 + 70,656 B wire = 35,328 ns + 40 +
    // deposit 50), then FS 65,536 B / 0.625 GB/s = 104,857.6 ns + 50 us;
    // open: FS latency only; close: no FS.
    TestNodes.Partition m = nodeboard(1);
    assertEquals(0, m.hardware().ioNodes().bridgeNode(m.hardware().ioNodes().nearestIoNode(0)));
    double msg = 50 + 276 + 40 + 50;
    double call = 1000 + msg + 5000 + msg;
    double open = call + 50_000;
    double write = call + (50 + 52 + 40 + 50) + (50 + 35_328 + 40 + 50) + 104_857.6 + 50_000;
    double close = call;
    WriteResult r = write(m, IoPath.SYSIOD, 1, 1, 65_536);
    assertEquals(open + write + close, Time.toNanos(r.elapsedPs()), 0.01);
    assertEquals(3, r.requests());
    assertEquals(0, r.bursts());
    assertEquals(65_536, m.fs(0).bytes());
    assertEquals(2, m.fs(0).ops());
  }

  @Test
  void cnkOutrunsFusedosForOneNodeBecauseTcpCopiesTheDataTwice() {
    // Per byte the 9P path adds two copies (0.625 ns each side) and waits for each msize chunk;
    // sysiod moves the data by one RDMA: at one writer CNK must be faster.
    WriteResult cnk = write(nodeboard(32), IoPath.SYSIOD, 1, 4, 1 << 20);
    WriteResult fos = write(nodeboard(32), IoPath.NINEP, 1, 4, 1 << 20);
    assertTrue(cnk.gigabytesPerSecond() > fos.gigabytesPerSecond(), cnk + " vs " + fos);
    // 4 x 1 MiB at msize 64 KiB: 17 Twrites each (iounit 65,512 B), + open (3) + close (1).
    assertEquals(4 * 17 + 4, fos.requests());
    assertEquals(4 + 2, cnk.requests());
  }

  @Test
  void aggregateThroughputIsBoundedByTheIoNodesFileSystem() {
    TestNodes.Partition m = nodeboard(32);
    assertEquals(1, m.hardware().ioNodeCount());
    WriteResult r = write(m, IoPath.SYSIOD, 32, 2, 1 << 20);
    // One IO node, 0.625 GB/s external file system, which every byte crosses in turn; 32 writers
    // keep it busy (the IO link, at 2 GB/s, is not the bound).
    assertEquals(64L << 20, m.fs(0).bytes());
    assertTrue(r.gigabytesPerSecond() <= 0.625, "throughput " + r.gigabytesPerSecond());
    assertTrue(r.gigabytesPerSecond() > 0.9 * 0.625, "throughput " + r.gigabytesPerSecond());
  }

  /**
   * The outcome of a halo exchange.
   *
   * @param elapsedPs time of all iterations
   * @param writerBytes bytes the concurrent writers completed
   */
  private record HaloResult(long elapsedPs, long writerBytes) {}

  /**
   * Runs {@code iterations} of a halo exchange: every node's rank sends {@code haloBytes} to the
   * rank of each distinct torus neighbour in turn, then takes as many messages; an iteration ends
   * when every rank is done (a global step, as after a barrier). Meanwhile compute nodes {@code
   * writers} write {@code writeBytes} at a time over 9P, back to back, until the exchange is over.
   * Both share the Messaging Units and the torus links.
   */
  private static HaloResult halo(int iterations, long haloBytes, int[] writers, long writeBytes) {
    TestNodes.Partition m = nodeboard(32);
    PamiNetwork pami = m.pami();
    Torus torus = m.hardware().torus();
    int nodes = torus.nodeCount();
    List<int[]> neighbours = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      List<Integer> seen = new ArrayList<>();
      for (int port = 0; port < Torus.PORTS; port++) {
        int nb = torus.neighbor(n, port);
        if (nb >= 0 && nb != n && !seen.contains(nb)) {
          seen.add(nb);
        }
      }
      neighbours.add(seen.stream().mapToInt(Integer::intValue).toArray());
    }
    boolean[] stop = {false};
    long[] written = {0};
    for (int w : writers) {
      Files f = files(m, IoPath.NINEP, w, new TestNodes.DelayThread(m.sim(), "writer " + w, false));
      f.open(() -> keepWriting(f, writeBytes, stop, written));
    }
    long[] end = {-1};
    int[] iter = {0};
    int[] left = {0};
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          if (iter[0] == iterations) {
            end[0] = m.sim().now();
            stop[0] = true;
            return;
          }
          iter[0]++;
          left[0] = nodes;
          for (int n = 0; n < nodes; n++) {
            int[] nb = neighbours.get(n);
            int rank = n;
            sendAll(
                pami,
                rank,
                nb,
                0,
                haloBytes,
                () ->
                    pami.expect(
                        rank,
                        nb.length,
                        () -> {
                          if (--left[0] == 0) {
                            m.sim().schedule(0, step[0]);
                          }
                        }));
          }
        };
    step[0].run();
    m.run();
    assertEquals(iterations, iter[0]);
    assertTrue(end[0] > 0, "halo exchange did not complete");
    return new HaloResult(end[0], written[0]);
  }

  private static void sendAll(
      PamiNetwork pami, int rank, int[] to, int i, long bytes, Runnable then) {
    if (i == to.length) {
      then.run();
      return;
    }
    pami.send(rank, to[i], bytes, () -> sendAll(pami, rank, to, i + 1, bytes, then), () -> {});
  }

  private static void keepWriting(Files f, long bytes, boolean[] stop, long[] written) {
    if (stop[0]) {
      return;
    }
    f.write(
        bytes,
        () -> {
          written[0] += bytes;
          keepWriting(f, bytes, stop, written);
        });
  }

  @Test
  void writersSlowTheHaloExchangeOnlyWhenTheyExist() {
    int[] none = {};
    int[] writers = {0, 1, 2, 3, 4, 5, 6, 7, 24, 25, 26, 27, 28, 29, 30, 31};
    HaloResult alone = halo(20, 65_536, none, 16_384);
    HaloResult again = halo(20, 65_536, none, 16_384);
    HaloResult mixed = halo(20, 65_536, writers, 16_384);
    assertEquals(alone, again);
    assertEquals(0, alone.writerBytes());
    assertTrue(mixed.elapsedPs() > alone.elapsedPs(), mixed + " vs " + alone);
    assertTrue(mixed.writerBytes() > 0);
  }

  @Test
  void sameInputSameResult() {
    assertEquals(
        write(nodeboard(32), IoPath.NINEP, 8, 2, 300_000),
        write(nodeboard(32), IoPath.NINEP, 8, 2, 300_000));
  }
}
