package org.fusedsim.scenarios.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.scenarios.api.Fusedsim;
import org.fusedsim.scenarios.api.FusedsimException;
import org.fusedsim.scenarios.api.SimulationResult;
import org.junit.jupiter.api.Test;

class IoKindsTest {
  @Test
  void noWritersMeansNoSlowdownAndWritersMeanSome() {
    SimulationResult none =
        Fusedsim.catalog("mixed-traffic").set("mixed_traffic.writers", "0").run();
    assertEquals(1.0, none.metric("mpi.halo.slowdown").value());
    SimulationResult some = Fusedsim.catalog("mixed-traffic").os("fusedos", "cnk").run();
    assertTrue(some.metric("cnk", "mpi.halo.slowdown").value() > 1.0);
    // under fusedos the writes take RoQ's FIFOs and share only links with the halo, whose time
    // moves a few percent either way with the order the flows meet in (max-min sharing can
    // speed a flow up when another is slowed); over seeds the writers slow the halo down
    double sum = 0;
    for (int seed = 1; seed <= 4; seed++) {
      sum +=
          Fusedsim.catalog("mixed-traffic")
              .os("fusedos")
              .seed(seed)
              .run()
              .metric("mpi.halo.slowdown")
              .value();
    }
    assertTrue(sum / 4 > 1.0, "mean fusedos slowdown " + sum / 4);
  }

  @Test
  void ioWriteRunsBothPersonalitiesWithTheHeadlineMetric() {
    SimulationResult r =
        Fusedsim.catalog("io-write")
            .set("io_write.node_counts", "1,2")
            .set("io_write.msizes", "64KiB")
            .set("io_write.nodes", "2")
            .run();
    double fos = r.metric("fusedos", "io.write.throughput").value();
    double cnk = r.metric("cnk", "io.write.throughput").value();
    // Two writers cannot exceed the IO node's 1 GB/s file system under either personality.
    assertTrue(fos > 0 && fos <= 1.0, "fusedos " + fos);
    assertTrue(cnk > 0 && cnk <= 1.0, "cnk " + cnk);
    assertEquals(
        r.metric("fusedos", "io.write.throughput.nodes_2.msize_65536").value(), fos, 1e-12);
  }

  @Test
  void aBadSweepListIsRejectedAtItsKey() {
    FusedsimException e =
        assertThrows(
            FusedsimException.class,
            () -> Fusedsim.catalog("io-write").set("io_write.msizes", "64KiB,lots").run());
    assertTrue(e.getMessage().contains("io_write.msizes"), e.getMessage());
  }
}
