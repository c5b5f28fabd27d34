package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.junit.jupiter.api.Test;

/** Dynamic routing with its bubble escape channel delivers everything; a stuck run says so. */
class DeadlockTest {
  private static final TorusParams DYN =
      TorusParams.defaults()
          .withRouting(Routing.DYNAMIC, TieBreak.PLUS)
          .withFidelity(Fidelity.PACKET);

  private static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int x = p[i];
      p[i] = p[j];
      p[j] = x;
    }
    return p;
  }

  /**
   * The failing case: a random permutation of 1 MiB messages on a midplane under dynamic
   * routing. Every message arrives, over minimal routes only, and every buffer is whole at the end.
   */
  @Test
  void dynamicRandomPermutationOfOneMebibyteOnAMidplaneDeliversEveryMessage() {
    for (long seed : new long[] {1, 2}) {
      Simulation sim = new Simulation();
      PacketNetwork net =
          new PacketNetwork(sim, new Torus(DYN.shape()), DYN, new RandomStreams(seed, 0));
      Torus t = net.torus();
      int[] perm = permutation(t.nodeCount(), seed);
      long hops = 0;
      int sent = 0;
      for (int r = 0; r < t.nodeCount(); r++) {
        if (perm[r] != r) {
          net.send(r, perm[r], 1 << 20, null);
          hops += (long) t.distance(r, perm[r]) * DYN.format().packets(1 << 20);
          sent++;
        }
      }
      sim.run();
      net.checkDelivered();
      assertEquals(sent, net.messagesDelivered());
      assertEquals(hops, net.packetHops());
      assertEquals(0, net.packetsInFlight());
    }
  }

  /**
   * Eight nodes in a ring each send 64 KiB four hops the plus way. With the bubble rule switched
   * off the first hops fill every buffer with packets that must go on, and the ring deadlocks: the
   * run ends with a StuckException naming the messages and where their first packets wait. With the
   * rule on, the same traffic is delivered.
   */
  @Test
  void aRingWithoutTheBubbleRuleIsReportedStuckNamingItsMessages() {
    TorusParams ring =
        new TorusParams(
            TorusShape.of(8, 1, 1, 1, 1),
            DYN.routerLatencyPs(),
            DYN.serdesLatencyPs(),
            DYN.wireLatencyPs(),
            DYN.cableLatencyPs(),
            DYN.linkBandwidth(),
            2 * DYN.format().maxPacketWireBytes(),
            DYN.dynamicBufferBytes(),
            DYN.creditLatencyPs(),
            Routing.DETERMINISTIC,
            TieBreak.PLUS,
            Fidelity.PACKET,
            DYN.format());
    for (boolean bubble : new boolean[] {true, false}) {
      Simulation sim = new Simulation();
      PacketNetwork net = new PacketNetwork(sim, new Torus(ring.shape()), ring);
      if (!bubble) {
        net.bubbleBytesForTest(0);
      }
      for (int a = 0; a < 8; a++) {
        net.send(a, (a + 4) % 8, 64 << 10, null);
      }
      sim.run();
      if (bubble) {
        net.checkDelivered();
        assertEquals(8, net.messagesDelivered());
        continue;
      }
      StuckException e = assertThrows(StuckException.class, net::checkDelivered);
      String msg = e.getMessage();
      assertTrue(msg.startsWith("torus: 8 of 8 messages undelivered"), msg);
      assertTrue(msg.contains("message 0 (0,0,0,0,0) -> (4,0,0,0,0), "), msg);
      assertTrue(msg.contains("message 4 (4,0,0,0,0) -> (0,0,0,0,0), "), msg);
      assertTrue(msg.contains("0 of 65536 B delivered"), msg);
      assertTrue(msg.endsWith("; and 3 more"), msg);
      assertTrue(
          msg.contains("packet 0 waits at (2,0,0,0,0) for link (2,0,0,0,0)A+ (deterministic VC"),
          msg);
      assertEquals(-1, msg.indexOf('\n'), "one line");
    }
  }
}
