package org.fusedsim.net.ninep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.roq.RoqFabric;
import org.fusedsim.net.roq.TcpParams;
import org.junit.jupiter.api.Test;

class NinePClientTest {
  private static final int BRIDGE = 64; // IO node 0's bridge on a midplane at 128:1

  private record Run(long ps, long requests) {}

  private static Run write(long bytes, long msize) {
    Simulation sim = new Simulation();
    TorusParams tp = TorusParams.defaults();
    TorusNetwork net = TorusNetwork.create(sim, tp);
    IoParams iop = IoParams.defaults();
    IoNodes io = new IoNodes(new Torus(tp.shape()), iop);
    RoqFabric f = new RoqFabric(sim, net, io, iop, RoqParams.defaults(), TcpParams.defaults());
    NinePParams p = NinePParams.defaults().withMsize(msize);
    NinePClient c = new NinePClient(f, p, new IoNodeServer(sim, p), BRIDGE);
    long[] at = {-1};
    c.write(bytes, r -> at[0] = sim.now());
    sim.run();
    return new Run(at[0], c.requests());
  }

  /** Wire time in ns over the 2 GB/s IO link of a RoQ burst of {@code b} bytes (552 B packets). */
  private static double wire(long b) {
    long full = b / 512;
    long rest = b % 512;
    long bytes = full * 552 + (rest > 0 ? 32 + (rest + 31) / 32 * 32 + 8 : full == 0 ? 40 : 0);
    return bytes / 2.0;
  }

  /** One request round trip in ns, everything from the parameter defaults. */
  private static double request(long data) {
    long q = data + 24; // Twrite header
    long r = 11; // Rwrite
    double tcpQ = 3000 + q * 0.625; // one segment each (q < 64,956)
    double tcpR = 3000 + r * 0.625;
    double pickups = 4 * 350; // two bursts, each picked up on both sides
    double link = 2 * 40;
    double fs = data / 1.0 + 50_000; // 1 GB/s, 50 us
    return 2000 + 2 * tcpQ + wire(q + 54) + 5000 + fs + 2 * tcpR + wire(r + 54) + pickups + link;
  }

  @Test
  void oneWriteIsCeilOfSizeOverIounitRequestsEachCostingTheParameters() {
    // 100,000 B with msize 32 KiB: iounit 32,744 B, so 4 requests: 3 full and 1,768 B.
    Run r = write(100_000, 32_768);
    assertEquals(4, r.requests());
    double expected = 3 * request(32_744) + request(100_000 - 3 * 32_744);
    assertEquals(expected, Time.toNanos(r.ps()), 0.01);
  }

  @Test
  void largerMsizeNeedsFewerRequestsAndIsFaster() {
    Run small = write(1 << 20, 8 << 10);
    Run large = write(1 << 20, 60 << 10);
    assertEquals((1 << 20) / (8192 - 24) + 1, small.requests());
    assertEquals((1 << 20) / (61_440 - 24) + 1, large.requests());
    assertTrue(large.ps() < small.ps());
  }
}
