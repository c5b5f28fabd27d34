package org.fusedsim.net.roq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
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
  private static final long PICKUP = 100 + 250; // poll + descriptor, ns

  private static long deliver(int maxInFlight) {
    Simulation sim = new Simulation();
    TorusParams tp = TorusParams.defaults();
    TorusNetwork net = TorusNetwork.create(sim, tp);
    IoParams iop = IoParams.defaults();
    IoNodes io = new IoNodes(new Torus(tp.shape()), iop);
    RoqParams d = RoqParams.defaults();
    RoqParams roq =
        new RoqParams(
            d.layout(), d.burstBytes(), maxInFlight, d.descriptorPs(), d.pollPs(), d.mtu(), false);
    RoqFabric f = new RoqFabric(sim, net, io, iop, roq, TcpParams.defaults());
    assertEquals(BRIDGE, io.bridgeNode(0));
    RoqConnection c = f.connect(BRIDGE, f.ioEndpoint(0));
    long[] at = {-1};
    c.send(PAYLOAD, () -> at[0] = sim.now());
    sim.run();
    assertEquals(4, c.bursts());
    return at[0];
  }

  @Test
  void burstsPipelineBehindTheLink() {
    // The back end posts the 4 bursts 350 ns apart, far less than one burst's 35.3 us on the IO
    // link, so the link is busy from the first pick-up to the last byte:
    // sender stack + pick-up + 4 x wire + link latency + receiver pick-up + receiver stack.
    double expected = TCP_SIDE + PICKUP + 4 * BURST_WIRE + LINK + PICKUP + TCP_SIDE;
    assertEquals(expected, Time.toNanos(deliver(128)), 0.001);
  }

  @Test
  void oneBurstInFlightWaitsForEachAck() {
    // Each burst but the last: pick-up, wire, link, receiver pick-up, then the ack (one 40 B
    // packet = 20 ns, link 40 ns) and its descriptor (250 ns) before the next pick-up.
    long cycle = PICKUP + BURST_WIRE + LINK + PICKUP + 20 + LINK + 250;
    double expected = TCP_SIDE + 3 * cycle + PICKUP + BURST_WIRE + LINK + PICKUP + TCP_SIDE;
    assertEquals(expected, Time.toNanos(deliver(1)), 0.001);
  }
}
