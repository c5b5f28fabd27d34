package org.fusedsim.cl.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.mu.MuGeometry;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.machine.TestMachines;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.spc.CnkParams;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.api.Test;

class SysiodExchangeTest {
  @Test
  void aShippedStdoutWriteCrossesTheMessagingUnitAndTheIoLinkToSysiod() {
    Simulation sim = new Simulation();
    // One compute node per IO node: node 0 is its IO node's bridge, so only the IO link is crossed.
    Machine m =
        TestMachines.machine(
            sim, "cnk", Map.of(IoParams.KIND + ".compute_per_io", "1"), ImmutableMap.of());
    NodeOs node = m.node(0);
    long[] took = {-1};
    node.boot(
        new Runnable[] {
          () -> {
            long start = sim.now();
            node.syscall(
                0,
                new Syscall("write", 1, "", 64),
                new Timeline(),
                r -> took[0] = sim.now() - start);
          }
        });
    sim.runUntil(Time.s(10));
    assertEquals(1, m.sysiod(0).calls());
    assertEquals(0, m.ioNode(0).fs().ops(), "stdout goes to stdiod, not the file system");

    Sections cfg = m.spec().config();
    CnkParams cnk = CnkParams.from(cfg.section(CnkParams.KIND));
    NinePParams np = NinePParams.from(cfg.section(NinePParams.KIND));
    MuParams mu = MuParams.from(cfg.section(MuParams.KIND));
    IoParams io = IoParams.from(cfg.section(IoParams.KIND));
    TorusParams torus = TorusParams.from(cfg.section(TorusParams.KIND));
    LinuxParams lp = LinuxParams.from(cfg.section(LinuxParams.KIND));
    // One descriptor from or to the bridge node: MU fetch, the IO link's serialization of the
    // payload's packets and its latency, deposit at the other end.
    java.util.function.LongUnaryOperator descriptor =
        bytes ->
            mu.descriptorFetchPs()
                + io.linkBandwidth().transferTime(torus.format().wireBytes(bytes))
                + io.linkLatencyPs()
                + mu.receptionDepositPs();
    long expected =
        // CNK's system call and shipping code on the caller's hardware thread (alone on its core)
        cnk.syscallPs()
            + np.cnkShipPs()
            // the 512-byte request (one 552-byte packet: 276 ns at 2 GB/s): 50+276+40+50 ns
            + descriptor.applyAsLong(NinePParams.SHIP_MESSAGE)
            // its arrival interrupts the IO node's CPU 0 (no handler work), whose wakeup of the
            // idle node's sysiod task takes effect at the interrupt's end: the switch to it
            + lp.irqEntryPs()
            + lp.irqExitPs()
            + lp.contextSwitchPs()
            + np.sysiodRequestPs()
            // the remote get carries one descriptor (104 B on the wire, 52 ns) to the compute
            // node, whose MU puts the 64 bytes back (104 B again) on the IO node's counter: 2 x 192
            // ns
            + descriptor.applyAsLong(MuGeometry.DESCRIPTOR_BYTES)
            + descriptor.applyAsLong(64)
            // the counter wakes sysiod outside interrupt context: its CPU, idle since sysiod slept,
            // switches to it at once
            + lp.contextSwitchPs()
            // the 512-byte reply; its deposit wakes the caller, which waited without issuing
            + descriptor.applyAsLong(NinePParams.SHIP_MESSAGE);
    assertEquals(expected, took[0]);
  }
}
