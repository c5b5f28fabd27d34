package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The link-driven max-min sharing of {@link FlowNetwork} against the plain progressive filling it
 * replaces: the same random traffic (staggered starts, mixed sizes, messages to self, flows of
 * every length) must be delivered at the same picosecond under both.
 */
class FlowSharingTest {
  @ParameterizedTest
  @CsvSource({
    "deterministic, plus, 1",
    "deterministic, source_parity, 2",
    "dynamic, plus, 3",
    "deterministic, split, 4",
    "dynamic, split, 5"
  })
  void linkDrivenSharingDeliversAtTheReferenceTimes(String routing, String tie, long seed) {
    TorusParams p =
        TorusParams.defaults()
            .withFidelity(Fidelity.FLOW)
            .withRouting(
                Routing.valueOf(routing.toUpperCase(java.util.Locale.ROOT)),
                TieBreak.valueOf(tie.toUpperCase(java.util.Locale.ROOT)));
    long[] fast = deliveries(p, seed, false);
    long[] reference = deliveries(p, seed, true);
    assertEquals(600, fast.length);
    assertArrayEquals(reference, fast);
  }

  private static long[] deliveries(TorusParams p, long seed, boolean reference) {
    Simulation sim = new Simulation();
    FlowNetwork net = new FlowNetwork(sim, new Torus(p.shape()), p);
    net.useReferenceSharing(reference);
    int nodes = net.torus().nodeCount();
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 600;
    for (int i = 0; i < n; i++) {
      int src = rnd.nextInt(nodes);
      // one in ten to a neighbour or to itself, the rest anywhere
      int dst = rnd.nextInt(10) == 0 ? (src + rnd.nextInt(2)) % nodes : rnd.nextInt(nodes);
      long bytes = 1L + rnd.nextInt(1 << rnd.nextInt(18));
      // a third start together, the rest spread over 20 us
      long at = rnd.nextInt(3) == 0 ? 0 : rnd.nextLong(Time.us(20));
      sim.scheduleAt(at, () -> net.send(src, dst, bytes, null));
    }
    sim.run();
    assertEquals(n, net.messagesDelivered());
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = net.deliveryTime(i);
    }
    return out;
  }
}
