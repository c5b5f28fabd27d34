package org.fusedsim.net.roq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Time;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.TestNodes;
import org.fusedsim.net.fifo.RoqParams;
import org.junit.jupiter.api.Test;

class RoqConnectionTest {
  // Midplane (512 nodes), 128 compute nodes per IO node: IO node 0 hangs off node 64. Sending
  // from node 64 uses only the IO link, so every term below is a parameter.
  private static final int BRIDGE = 64;

  // 261,874 B of TCP payload = 5 segments (MSS 64,956), + 5 x 54 B headers = 262,144 B = 4 bursts
  // of 64 KiB. One 64 KiB burst = 128 packets of 552 B on the wire = 70,656 B = 35,328 ns at 2
  // GB/s.
  private static final long PAYLOAD = 261_874;
  private static final double TCP_SIDE = 5 * 3_000 + PAYLOAD * 0.625; // ns, per side
  private static final long BURST_WIRE = 35_328; // ns
  private static final long LINK = 40; // ns
  private static final long PICKUP = 100 + 250; // microcode poll + descriptor, ns
  // Every burst and ack is one MU descriptor: fetched before it leaves, deposited after it
  // arrives.
  private static final long FETCH = 50; // ns
  private static final long DEPOSIT = 50; // ns

  private static long deliver(int maxInFlight) {
    NetParams n = NetParams.defaults();
    RoqParams d = n.roq();
    RoqParams roq =
        new RoqParams(
            d.layout(), d.burstBytes(), maxInFlight, d.descriptorPs(), d.pollPs(), d.mtu(), false);
    TestNodes.Partition m =
        new TestNodes.Partition(
            TorusParams.defaults(), new NetParams(n.pami(), roq, n.tcp(), n.ninep()));
    assertEquals(BRIDGE, m.hardware().ioNodes().bridgeNode(0));
    int io = m.hardware().ioEndpoint(0);
    RoqConnection c = m.roq().connect(BRIDGE, io);
    TestNodes.DelayThread sender = new TestNodes.DelayThread(m.sim(), "sender", false);
    long[] at = {-1};
    c.send(PAYLOAD, sender, () -> at[0] = m.sim().now());
    m.run();
    assertEquals(4, c.bursts());
    assertEquals(Math.min(4, maxInFlight), c.maxInFlightSeen());
    // The send path runs in the sending thread, the receive path in interrupt context there.
    assertEquals(TCP_SIDE, Time.toNanos(sender.busyTime()), 0.001);
    assertEquals(TCP_SIDE, Time.toNanos(m.node(io).softirqTime()), 0.001);
    // The microcode on each side: a pick-up per burst; the sender also a descriptor per ack.
    assertEquals(4 * PICKUP + 4 * 250, Time.toNanos(m.endpoint(BRIDGE).backend().busyTime()), 0);
    assertEquals(4 * PICKUP, Time.toNanos(m.endpoint(io).backend().busyTime()), 0);
    return at[0];
  }

  @Test
  void burstsPipelineBehindTheLink() {
    // The microcode posts the 4 bursts 350 ns apart, far less than one burst's 35.3 us on the IO
    // link, so they wait in the connection's injection FIFO, which fetches each one once the one
    // before has left: sender stack + pick-up + 4 x (fetch + wire) + link latency + deposit +
    // receiver pick-up + receiver stack.
    double expected =
        TCP_SIDE + PICKUP + 4 * (FETCH + BURST_WIRE) + LINK + DEPOSIT + PICKUP + TCP_SIDE;
    assertEquals(expected, Time.toNanos(deliver(128)), 0.001);
  }

  @Test
  void oneBurstInFlightWaitsForEachAck() {
    // Each burst but the last: pick-up, fetch, wire, link, deposit, receiver pick-up, then the
    // ack (fetch, one 40 B packet = 20 ns, link 40 ns, deposit) and its descriptor (250 ns)
    // before the next pick-up.
    long burst = PICKUP + FETCH + BURST_WIRE + LINK + DEPOSIT + PICKUP;
    long cycle = burst + FETCH + 20 + LINK + DEPOSIT + 250;
    double expected = TCP_SIDE + 3 * cycle + burst + TCP_SIDE;
    assertEquals(expected, Time.toNanos(deliver(1)), 0.001);
  }
}
