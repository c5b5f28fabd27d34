package org.fusedsim.bgq.mu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An injection FIFO works through its descriptors in order, and FIFOs work at the same time, at
 * both levels of detail of the torus. Times are built from the closed form of a lone message: its
 * last byte is injected {@code wire / rate} after the fetch, and it arrives {@code hops x hop}
 * later.
 */
class InjectionOrderTest {
  /** Runs a test at the packet and at the flow level of the torus. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ParameterizedTest
  @EnumSource(
      value = Fidelity.class,
      names = {"PACKET", "FLOW"})
  @interface BothLevels {}

  private static final long BYTES = 4096;
  private static final MuParams P = MuParams.defaults();

  private static TorusParams params(Fidelity f) {
    return TorusParams.defaults().withFidelity(f);
  }

  private static MessagingUnits mu(Simulation sim, Fidelity f) {
    return mu(sim, f, P);
  }

  private static MessagingUnits mu(Simulation sim, Fidelity f, MuParams p) {
    MessagingUnits mu = new MessagingUnits(sim, TorusNetwork.create(sim, params(f)), p);
    mu.fifos(0).claim(FifoKind.INJECTION, 0, "app");
    mu.fifos(0).claim(FifoKind.INJECTION, 1, "app");
    return mu;
  }

  private static void receive(MessagingUnits mu, Simulation sim, int node, List<Long> at) {
    mu.fifos(node).claim(FifoKind.RECEPTION, 3, "app");
    mu.onReception(node, 3, (src, d) -> at.add(sim.now()));
  }

  @BothLevels
  void theNextDescriptorOfAFifoStartsWhenTheLastByteOfThePreviousIsInjected(Fidelity f) {
    Simulation sim = new Simulation();
    MessagingUnits mu = mu(sim, f);
    List<Long> arrived = new ArrayList<>();
    receive(mu, sim, 1, arrived);
    List<Long> sent = new ArrayList<>();
    mu.inject(0, 0, Descriptor.memoryFifo(1, BYTES, 3), () -> sent.add(sim.now()));
    mu.inject(0, 0, Descriptor.memoryFifo(1, BYTES, 3), () -> sent.add(sim.now()));
    sim.run();
    TorusParams tp = params(f);
    long wire = tp.closedFormLatency(BYTES, 0);
    long fetch = P.descriptorFetchPs();
    // the second descriptor is fetched only once the first's last byte is out: its own fetch and
    // wire time follow the first's, back to back, with nothing of them overlapping
    assertEquals(List.of(fetch + wire, 2 * (fetch + wire)), sent);
    long flight = tp.closedFormLatency(BYTES, 1) - wire + P.receptionDepositPs();
    assertEquals(List.of(fetch + wire + flight, 2 * (fetch + wire) + flight), arrived);
  }

  @BothLevels
  void twoFifosInjectAtTheSameTime(Fidelity f) {
    Simulation sim = new Simulation();
    MessagingUnits mu = mu(sim, f);
    int eNeighbour = 1;
    int aNeighbour = mu.network().torus().rank(1, 0, 0, 0, 0);
    List<Long> arrived = new ArrayList<>();
    receive(mu, sim, eNeighbour, arrived);
    receive(mu, sim, aNeighbour, arrived);
    List<Long> sent = new ArrayList<>();
    // on different links, so neither shares its bandwidth with the other
    mu.inject(0, 0, Descriptor.memoryFifo(eNeighbour, BYTES, 3), () -> sent.add(sim.now()));
    mu.inject(0, 1, Descriptor.memoryFifo(aNeighbour, BYTES, 3), () -> sent.add(sim.now()));
    sim.run();
    TorusParams tp = params(f);
    long fetch = P.descriptorFetchPs();
    long one = fetch + tp.closedFormLatency(BYTES, 0);
    assertEquals(List.of(one, one), sent);
    long lone = fetch + tp.closedFormLatency(BYTES, 1) + P.receptionDepositPs();
    assertEquals(List.of(lone, lone), arrived);
  }

  @BothLevels
  void withOneEngineTheSecondFifoWaitsForTheFirstsDescriptorToLeave(Fidelity f) {
    Simulation sim = new Simulation();
    MessagingUnits mu = mu(sim, f, new MuParams(P.descriptorFetchPs(), P.receptionDepositPs(), 1));
    int eNeighbour = 1;
    int aNeighbour = mu.network().torus().rank(1, 0, 0, 0, 0);
    receive(mu, sim, eNeighbour, new ArrayList<>());
    receive(mu, sim, aNeighbour, new ArrayList<>());
    List<Long> sent = new ArrayList<>();
    mu.inject(0, 0, Descriptor.memoryFifo(eNeighbour, BYTES, 3), () -> sent.add(sim.now()));
    mu.inject(0, 1, Descriptor.memoryFifo(aNeighbour, BYTES, 3), () -> sent.add(sim.now()));
    mu.inject(0, 0, Descriptor.memoryFifo(eNeighbour, BYTES, 3), () -> sent.add(sim.now()));
    sim.run();
    long one = P.descriptorFetchPs() + params(f).closedFormLatency(BYTES, 0);
    // one engine: FIFO 1 was ready before FIFO 0's second descriptor, so it goes second
    assertEquals(List.of(one, 2 * one, 3 * one), sent);
  }

  @BothLevels
  void aRemoteGetReplyWaitsBehindTheHoldersEarlierDescriptorOnItsFifo(Fidelity f) {
    Simulation sim = new Simulation();
    MessagingUnits mu = mu(sim, f);
    int holder = 1;
    mu.fifos(holder).claim(FifoKind.INJECTION, 8, "app");
    long[] done = new long[2];
    mu.armCounter(0, 5, BYTES, () -> done[0] = sim.now());
    mu.armCounter(0, 6, BYTES, () -> done[1] = sim.now());
    mu.inject(0, 0, Descriptor.get(holder, 0, BYTES, 5).viaRemoteFifo(8));
    mu.inject(0, 0, Descriptor.get(holder, 0, BYTES, 6).viaRemoteFifo(8));
    sim.run();
    TorusParams tp = params(f);
    long fetch = P.descriptorFetchPs();
    long deposit = P.receptionDepositPs();
    // the second request arrives one 64 B descriptor later, long before the first reply is out;
    // the holder's FIFO 8 sends the replies one after the other
    long request = fetch + tp.closedFormLatency(MuGeometry.DESCRIPTOR_BYTES, 1) + deposit;
    long wire = tp.closedFormLatency(BYTES, 0);
    long flight = tp.closedFormLatency(BYTES, 1) - wire + deposit;
    assertEquals(request + fetch + wire + flight, done[0]);
    assertEquals(request + 2 * (fetch + wire) + flight, done[1]);
  }
}
