package org.fusedsim.net.ninep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.fifo.SharedFifoTraffic;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.net.roq.RoqFabric;

/** File-writing experiments through the IO nodes, each on a fresh simulation. */
public final class IoExperiments {
  private IoExperiments() {}

  /**
   * The outcome of a write experiment.
   *
   * @param elapsedPs from the first open to the last close
   * @param bytes bytes written by all writers
   * @param requests 9P requests or shipped calls
   * @param bursts RoQ bursts posted (0 for sysiod)
   * @param ioNodesUsed distinct IO nodes the writers went to
   * @param events kernel events
   */
  public record WriteResult(
      long elapsedPs, long bytes, long requests, long bursts, int ioNodesUsed, long events) {
    /** Returns the aggregate throughput in GB/s (10^9 bytes per second). */
    public double gigabytesPerSecond() {
      return bytes / (double) elapsedPs * 1000.0;
    }
  }

  /** One compute node's file calls, by either path. */
  private interface Files {
    void open(LongConsumer done);

    void write(long bytes, LongConsumer done);

    void close(LongConsumer done);

    long requests();

    long bursts();
  }

  /** The machine under test: network, fabric, one server per IO node. */
  private static final class Machine {
    final Simulation sim = new Simulation();
    final TorusNetwork net;
    final RoqFabric fabric;
    final List<IoNodeServer> servers = new ArrayList<>();
    final IoSetup s;

    Machine(IoSetup s) {
      this.s = s;
      net = TorusNetwork.create(sim, s.torus());
      IoNodes io = new IoNodes(new Torus(s.torus().shape()), s.io());
      fabric = new RoqFabric(sim, net, io, s.io(), s.roq(), s.tcp());
      for (int i = 0; i < io.ioNodeCount(); i++) {
        servers.add(new IoNodeServer(sim, s.ninep()));
      }
    }

    Files files(IoPath path, int node) {
      IoNodeServer server = servers.get(fabric.ioNodes().nearestIoNode(node));
      if (path == IoPath.NINEP) {
        NinePClient c = new NinePClient(fabric, s.ninep(), server, node);
        return new Files() {
          @Override
          public void open(LongConsumer done) {
            c.open(done);
          }

          @Override
          public void write(long bytes, LongConsumer done) {
            c.write(bytes, done);
          }

          @Override
          public void close(LongConsumer done) {
            c.close(done);
          }

          @Override
          public long requests() {
            return c.requests();
          }

          @Override
          public long bursts() {
            return c.upstream().bursts();
          }
        };
      }
      Sysiod d = new Sysiod(fabric, s.ninep(), server, node);
      return new Files() {
        @Override
        public void open(LongConsumer done) {
          d.meta(true, done);
        }

        @Override
        public void write(long bytes, LongConsumer done) {
          d.write(bytes, done);
        }

        @Override
        public void close(LongConsumer done) {
          d.meta(false, done);
        }

        @Override
        public long requests() {
          return d.calls();
        }

        @Override
        public long bursts() {
          return 0;
        }
      };
    }
  }

  /**
   * Compute nodes {@code 0..nodes-1} each open a file, write it with {@code writes} calls of {@code
   * writeBytes} and close it, all starting at time 0, each through its nearest IO node.
   */
  public static WriteResult write(IoSetup s, IoPath path, int nodes, int writes, long writeBytes) {
    Machine m = new Machine(s);
    if (nodes < 1 || nodes > m.net.torus().nodeCount()) {
      throw new IllegalArgumentException(
          "writers must be 1 to " + m.net.torus().nodeCount() + ": " + nodes);
    }
    List<Files> all = new ArrayList<>();
    long[] last = {0};
    int[] ioUsed = new int[m.servers.size()];
    for (int n = 0; n < nodes; n++) {
      Files f = m.files(path, n);
      all.add(f);
      ioUsed[m.fabric.ioNodes().nearestIoNode(n)] = 1;
      f.open(r -> writeLoop(m.sim, f, writes, writeBytes, () -> last[0] = m.sim.now()));
    }
    m.sim.run();
    long requests = 0;
    long bursts = 0;
    for (Files f : all) {
      requests += f.requests();
      bursts += f.bursts();
    }
    int used = 0;
    for (int u : ioUsed) {
      used += u;
    }
    return new WriteResult(
        last[0], (long) nodes * writes * writeBytes, requests, bursts, used, m.sim.eventCount());
  }

  private static void writeLoop(Simulation sim, Files f, int left, long bytes, Runnable closed) {
    if (left == 0) {
      f.close(r -> closed.run());
      return;
    }
    f.write(bytes, r -> writeLoop(sim, f, left - 1, bytes, closed));
  }

  /**
   * The outcome of a halo exchange.
   *
   * @param elapsedPs time of all iterations
   * @param writerBytes bytes the concurrent writers completed meanwhile
   * @param events kernel events
   * @param sharedFifos injection FIFOs RoQ and PAMI share on each node
   * @param misdeliveredPackets packets misdelivered on those FIFOs ({@link SharedFifoTraffic})
   */
  public record HaloResult(
      long elapsedPs, long writerBytes, long events, int sharedFifos, long misdeliveredPackets) {}

  /**
   * Runs {@code iterations} of a halo exchange: every node's first rank sends {@code haloBytes} to
   * the first rank of each distinct torus neighbour; an iteration ends when every message has been
   * received (a global step, as after a barrier). Meanwhile compute nodes {@code writerNodes[i]}
   * write {@code writeBytes} at a time through their IO nodes by {@code path}, back to back, until
   * the exchange is over. Both share the torus links.
   */
  public static HaloResult halo(
      IoSetup s, int iterations, long haloBytes, int[] writerNodes, IoPath path, long writeBytes) {
    Machine m = new Machine(s);
    PamiNetwork pami =
        new PamiNetwork(m.sim, m.net, s.mu(), s.pami(), s.roq().layout(), s.roq().allowConflicts());
    m.fabric.accountFifos(pami.allocation(), pami.fifoTraffic());
    Torus torus = m.net.torus();
    int ppn = s.pami().ranksPerNode();
    boolean[] stop = {false};
    long[] written = {0};
    long[] end = {-1};
    for (int w : writerNodes) {
      Files f = m.files(path, w);
      f.open(r -> keepWriting(f, writeBytes, stop, written));
    }
    List<int[]> pairs = new ArrayList<>();
    for (int n = 0; n < torus.nodeCount(); n++) {
      List<Integer> seen = new ArrayList<>();
      for (int port = 0; port < Torus.PORTS; port++) {
        int nb = torus.neighbor(n, port);
        if (nb >= 0 && nb != n && !seen.contains(nb)) {
          seen.add(nb);
          pairs.add(new int[] {n, nb});
        }
      }
    }
    Runnable[] step = new Runnable[1];
    int[] iter = {0};
    step[0] =
        () -> {
          if (iter[0] == iterations) {
            end[0] = m.sim.now();
            stop[0] = true;
            m.sim.stop();
            return;
          }
          iter[0]++;
          int[] left = {pairs.size()};
          for (int[] p : pairs) {
            pami.send(
                p[0] * ppn,
                p[1] * ppn,
                haloBytes,
                () -> {
                  if (--left[0] == 0) {
                    step[0].run();
                  }
                });
          }
        };
    step[0].run();
    m.sim.run();
    if (end[0] < 0) {
      throw new IllegalStateException("halo exchange did not complete");
    }
    return new HaloResult(
        end[0],
        written[0],
        m.sim.eventCount(),
        pami.fifoTraffic().sharedFifos(),
        pami.fifoTraffic().misdelivered());
  }

  private static void keepWriting(Files f, long bytes, boolean[] stop, long[] written) {
    if (stop[0]) {
      return;
    }
    f.write(
        bytes,
        r -> {
          written[0] += r;
          keepWriting(f, bytes, stop, written);
        });
  }
}
