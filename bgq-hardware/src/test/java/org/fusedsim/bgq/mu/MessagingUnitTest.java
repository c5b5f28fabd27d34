package org.fusedsim.bgq.mu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class MessagingUnitTest {
  @Test
  void geometryMatchesTheHardware() {
    assertEquals(68, MuGeometry.SUBGROUPS);
    assertEquals(68 * 8, MuGeometry.INJECTION_FIFOS);
    assertEquals(68 * 4, MuGeometry.RECEPTION_FIFOS);
    assertEquals(16, NetworkInjectionFifo.values().length);
    assertEquals(472, MuGeometry.fifoId(FifoKind.INJECTION, 59, 0));
    assertEquals(236, MuGeometry.fifoId(FifoKind.RECEPTION, 59, 0));
  }

  @Test
  void aFifoClaimedTwiceNamesBothOwnersAndTheFifo() {
    FifoOwnershipTable t = new FifoOwnershipTable(7);
    t.claimSubgroup(FifoKind.INJECTION, 59, "RoQ");
    FifoConflictException e =
        assertThrows(
            FifoConflictException.class, () -> t.claim(FifoKind.INJECTION, 475, "PAMI context 0"));
    assertEquals(
        "node 7: injection FIFO 475 (subgroup 59) requested by 'PAMI context 0' is already owned"
            + " by 'RoQ'",
        e.getMessage());
    assertEquals("RoQ", e.owner());
    assertEquals("PAMI context 0", e.claimant());
  }

  @Test
  void aConflictingRangeClaimsNothingAndListsEveryConflict() {
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    t.claim(FifoKind.RECEPTION, 236, "RoQ");
    t.claim(FifoKind.RECEPTION, 238, "RoQ io");
    FifoConflictException e =
        assertThrows(
            FifoConflictException.class,
            () -> t.claim(FifoKind.RECEPTION, new int[] {235, 236, 237, 238}, "PAMI"));
    assertTrue(e.getMessage().contains("reception FIFO 236"), e.getMessage());
    assertTrue(e.getMessage().contains("236 owned by 'RoQ'"), e.getMessage());
    assertTrue(e.getMessage().contains("238 owned by 'RoQ io'"), e.getMessage());
    assertNull(t.owner(FifoKind.RECEPTION, 235));
    assertNull(t.owner(FifoKind.RECEPTION, 237));
    assertEquals(272 - 2, t.free(FifoKind.RECEPTION).length);
  }

  @Test
  void outOfRangeIdsAreRejected() {
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    assertThrows(IllegalArgumentException.class, () -> t.claim(FifoKind.INJECTION, 544, "x"));
    assertThrows(
        IllegalArgumentException.class, () -> MuGeometry.fifoId(FifoKind.RECEPTION, 10, 4));
  }

  private static TorusNetwork net(Simulation sim) {
    return TorusNetwork.create(sim, TorusParams.defaults().withFidelity(Fidelity.PACKET));
  }

  @Test
  void memoryFifoMessageArrivesAfterFetchNetworkAndDeposit() {
    Simulation sim = new Simulation();
    TorusNetwork net = net(sim);
    MuParams p = MuParams.defaults();
    MessagingUnits mu = new MessagingUnits(sim, net, p);
    mu.fifos(0).claim(FifoKind.INJECTION, 0, "app");
    mu.fifos(1).claim(FifoKind.RECEPTION, 3, "app");
    List<Long> got = new ArrayList<>();
    mu.onReception(1, 3, (src, d) -> got.add(sim.now()));
    mu.inject(0, 0, Descriptor.memoryFifo(1, 1000, 3));
    sim.run();
    long expected =
        p.descriptorFetchPs()
            + TorusParams.defaults().closedFormLatency(1000, 1)
            + p.receptionDepositPs();
    assertEquals(List.of(expected), got);
    assertEquals(NetworkInjectionFifo.E_PLUS, mu.networkFifo(0, Descriptor.memoryFifo(1, 8, 0)));
  }

  @Test
  void remoteGetBringsTheDataBack() {
    Simulation sim = new Simulation();
    TorusNetwork net = net(sim);
    MuParams p = MuParams.defaults();
    MessagingUnits mu = new MessagingUnits(sim, net, p);
    mu.fifos(0).claim(FifoKind.INJECTION, 8, "pami");
    long[] done = {Time.NEVER};
    mu.armCounter(0, 5, 65_536, () -> done[0] = sim.now());
    int holder = net.torus().rank(2, 0, 0, 0, 0);
    mu.inject(0, 8, Descriptor.get(holder, 0, 65_536, 5));
    sim.run();
    TorusParams tp = TorusParams.defaults();
    // Request: one 64 B descriptor over 2 hops; reply: 64 KiB over 2 hops; each leg pays the
    // descriptor fetch and the reception deposit.
    long expected =
        2 * (p.descriptorFetchPs() + p.receptionDepositPs())
            + tp.closedFormLatency(64, 2)
            + tp.closedFormLatency(65_536, 2);
    assertEquals(expected, done[0]);
    assertEquals(0, mu.counter(0, 5));
    assertEquals(2, mu.descriptorsInjected());
  }

  @Test
  void injectingOnAnUnclaimedFifoFails() {
    Simulation sim = new Simulation();
    MessagingUnits mu = new MessagingUnits(sim, net(sim), MuParams.defaults());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> mu.inject(0, 9, Descriptor.put(1, 64, 0)));
    assertTrue(e.getMessage().contains("injection FIFO 9"), e.getMessage());
  }
}
