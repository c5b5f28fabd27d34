package org.fusedsim.net.ninep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.Time;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.TestNodes;
import org.junit.jupiter.api.Test;

/** diod's worker pool and the IO node's file system, shared by the compute nodes behind it. */
class DiodPoolTest {
  private static NetParams with(int threads, Bandwidth fs, long fsLatencyPs) {
    NetParams d = NetParams.defaults();
    NinePParams n = d.ninep();
    NinePParams p =
        new NinePParams(
            n.msize(),
            n.clientRequestPs(),
            threads,
            n.diodRequestPs(),
            fs,
            fsLatencyPs,
            n.sysiodRequestPs(),
            n.cnkShipPs());
    return new NetParams(d.pami(), d.roq(), d.tcp(), p);
  }

  /** Each of {@code ranks} writes {@code bytes} at time 0; returns when each write completed. */
  private static long[] writeAll(NetParams net, int[] ranks, long bytes) {
    TestNodes.Partition m = new TestNodes.Partition(TorusParams.defaults(), net);
    long[] at = new long[ranks.length];
    Arrays.fill(at, -1);
    for (int i = 0; i < ranks.length; i++) {
      assertEquals(0, m.hardware().ioNodes().nearestIoNode(ranks[i]), "rank " + ranks[i]);
      int k = i;
      TestNodes.DelayThread caller = new TestNodes.DelayThread(m.sim(), "caller" + i, false);
      m.ninep(ranks[i]).write(caller, bytes, () -> at[k] = m.sim().now());
    }
    m.run();
    assertEquals(ranks.length, m.diod(0).requests() / m.net().ninep().writeRequests(bytes));
    for (long t : at) {
      assertTrue(t > 0, "a write did not complete");
    }
    return at;
  }

  @Test
  void aPoolOfTwoServesTwoRequestsAtOnceAndQueuesTheThird() {
    // A 10 ms file-system latency holds each worker while the file system works; everything else
    // is microseconds. Two writes of one request each end near 10 ms, the third waits for a
    // worker and ends near 20 ms.
    long fsLatency = Time.ms(10);
    long[] at =
        writeAll(with(2, Bandwidth.parse("1000GB/s"), fsLatency), new int[] {63, 64, 65}, 1024);
    Arrays.sort(at);
    assertTrue(at[0] > fsLatency && at[1] < fsLatency + Time.us(200), Arrays.toString(at));
    assertTrue(at[2] > 2 * fsLatency && at[2] < 2 * fsLatency + Time.us(200), Arrays.toString(at));
  }

  @Test
  void aPoolOfThreeServesTheSameThreeAtOnce() {
    long fsLatency = Time.ms(10);
    long[] at =
        writeAll(with(3, Bandwidth.parse("1000GB/s"), fsLatency), new int[] {63, 64, 65}, 1024);
    for (long t : at) {
      assertTrue(t > fsLatency && t < fsLatency + Time.us(200), Arrays.toString(at));
    }
  }

  @Test
  void computeNodesBehindOneIoNodeShareItsFileSystemRate() {
    // Eight nodes write 4 MiB each at once through IO node 0 at the default 0.625 GB/s: together
    // they move 32 MiB in no less than 32 MiB / 0.625 GB/s, and within 10% of it since each asks
    // for more than the file system gives (one alone gets well under the rate: the 50 us latency
    // per 64 KiB request is not overlapped with its next request).
    NetParams net = NetParams.defaults();
    assertEquals(625_000_000L, net.ninep().fsBandwidth().bytesPerSecond());
    long bytes = 4L << 20;
    int[] ranks = {60, 61, 62, 63, 64, 65, 66, 67};
    long makespan = Arrays.stream(writeAll(net, ranks, bytes)).max().orElseThrow();
    double gbps = (double) bytes * ranks.length / Time.toNanos(makespan);
    assertTrue(gbps <= 0.625 && gbps > 0.9 * 0.625, gbps + " GB/s");
    long alone = writeAll(net, new int[] {64}, bytes)[0];
    double aloneGbps = (double) bytes / Time.toNanos(alone);
    assertTrue(aloneGbps < 0.5, aloneGbps + " GB/s alone");
  }
}
