package org.fusedsim.net.ninep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Time;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.TestNodes;
import org.junit.jupiter.api.Test;

class NinePClientTest {
  private static final int BRIDGE = 64; // IO node 0's bridge on a midplane at 128:1

  private record Run(long ps, long requests, long diodRequests, long fsBytes) {}

  private static Run write(long bytes, long msize) {
    TestNodes.Partition m =
        new TestNodes.Partition(TorusParams.defaults(), NetParams.defaults().withMsize(msize));
    assertEquals(BRIDGE, m.hardware().ioNodes().bridgeNode(0));
    NinePClient c = m.ninep(BRIDGE);
    TestNodes.DelayThread caller = new TestNodes.DelayThread(m.sim(), "caller", false);
    long[] at = {-1};
    c.write(caller, bytes, () -> at[0] = m.sim().now());
    m.run();
    assertTrue(at[0] > 0, "the write did not complete");
    return new Run(at[0], c.requests(), m.diod(0).requests(), m.fs(0).bytes());
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
    // Each message is one burst: picked up by the microcode (poll 100 + descriptor 250) on both
    // sides, one MU descriptor (fetch 50, deposit 50), one IO link crossing (40).
    double burst = 350 + 50 + 40 + 50 + 350;
    double fs = data / 0.625 + 50_000; // 0.625 GB/s, 50 us
    // client 2000 and TCP send in the caller; TCP receive in diod's node's softirq; diod 5000,
    // the file system, the reply's TCP send; the reply's TCP receive in the client's softirq.
    return 2000
        + tcpQ
        + wire(q + 54)
        + burst
        + tcpQ
        + 5000
        + fs
        + tcpR
        + wire(r + 54)
        + burst
        + tcpR;
  }

  @Test
  void oneWriteIsCeilOfSizeOverIounitRequestsEachCostingTheParameters() {
    // 100,000 B with msize 32 KiB: iounit 32,744 B, so 4 requests: 3 full and 1,768 B.
    Run r = write(100_000, 32_768);
    assertEquals(4, r.requests());
    assertEquals(4, r.diodRequests());
    assertEquals(100_000, r.fsBytes());
    double expected = 3 * request(32_744) + request(100_000 - 3 * 32_744);
    assertEquals(expected, Time.toNanos(r.ps()), 0.01);
  }

  @Test
  void largerMsizeNeedsFewerRequestsAndIsFaster() {
    Run small = write(1 << 20, 8 << 10);
    Run large = write(1 << 20, 60 << 10);
    assertEquals((1 << 20) / (8192 - 24) + 1, small.requests());
    assertEquals((1 << 20) / (61_440 - 24) + 1, large.requests());
    assertTrue(large.ps() < small.ps(), large + " vs " + small);
  }
}
