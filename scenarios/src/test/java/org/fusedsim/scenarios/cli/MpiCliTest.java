package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MPI scenario kinds through the CLI: the boot-time FIFO check and located input errors. */
class MpiCliTest {
  @TempDir Path tmp;

  /** PAMI's single-packet messages fill the torus's packets: a smaller packet is refused. */
  @Test
  void aShortLimitThatNoLongerFitsTheTorusPacketIsBadInput() {
    CliTest.Result r =
        CliTest.run("run", "catalog/mpi-pingpong.yaml", "--set", "torus.max_payload=256B");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err().contains("pami: short_limit 496 B + envelope 16 B must fit one packet's 256 B"),
        r.err());
  }

  @Test
  void originalFifoLayoutIsExitTwoNamingBothOwnersAndTheIds() {
    CliTest.Result r = CliTest.run("run", "catalog/fifo-conflict.yaml");
    assertEquals(2, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "error: catalog/fifo-conflict.yaml:12:16: roq.fifo_layout: RoQ's FIFO layout"
                    + " 'original' collides with PAMI at boot: node 0: injection FIFO 512"
                    + " (subgroup 64) requested by 'pami' is already owned by 'roq'"),
        r.err());
    assertTrue(r.err().contains("522 owned by 'roq'"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void fusedosLayoutRunsTheSameScenario() {
    CliTest.Result r =
        CliTest.run(
            "run",
            "catalog/fifo-conflict.yaml",
            "--set",
            "roq.fifo_layout=fusedos",
            "--out",
            tmp.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("neighbour 8B"), r.out());
    assertTrue(Files.exists(tmp.resolve("out/mpi-pingpong.csv")));
  }

  private static double metric(String out, String name) {
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].equals(name)) {
        return Double.parseDouble(f[2]);
      }
    }
    throw new AssertionError(name + " not in\n" + out);
  }

  @Test
  void allowConflictsBootsTheOriginalLayoutWithSharedFifos() {
    CliTest.Result r =
        CliTest.run("run", "catalog/fifo-conflict.yaml", "--allow-conflicts", "--all-metrics");
    assertEquals(0, r.code(), r.err());
    // PAMI's 10 remote-get FIFOs and its combining FIFO (512-522) sit inside RoQ's 488-523.
    assertEquals(11, metric(r.out(), "mu.shared_fifos"));
    // A ping-pong runs no RoQ traffic: no descriptor of the other owner is ever outstanding on a
    // shared FIFO, so by the model's rule nothing is misdelivered.
    assertEquals(0, metric(r.out(), "mu.misdelivered_packets"));
    CliTest.Result f =
        CliTest.run(
            "run",
            "catalog/fifo-conflict.yaml",
            "--set",
            "roq.fifo_layout=fusedos",
            "--allow-conflicts",
            "--all-metrics");
    assertEquals(0, f.code(), f.err());
    assertEquals(0, metric(f.out(), "mu.shared_fifos"));
    assertEquals(0, metric(f.out(), "mu.misdelivered_packets"));
  }

  @Test
  void withoutTheFlagTheRunHasNoConflictMetrics() {
    CliTest.Result r =
        CliTest.run("run", "catalog/fifo-conflict.yaml", "--set", "roq.fifo_layout=fusedos");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("mu.misdelivered_packets"), r.out());
  }

  @Test
  void badAllreduceSettingsAreRefusedAndAnyNodeCountRuns() throws IOException {
    Path f = tmp.resolve("a.yaml");
    // a partition that is no power of two: recursive doubling hands over beyond the power of two
    Files.writeString(
        f,
        "name: a\nkind: mpi-allreduce\nmpi_allreduce:\n  algorithms: binomial,"
            + " recursive-doubling\n  partitions: 3x2x2x2x2\n  max_size: 8B\n");
    CliTest.Result r = CliTest.run("run", f.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("on 48 nodes"), r.out());
    Files.writeString(
        f, "name: a\nkind: mpi-allreduce\nmpi_allreduce:\n  algorithms: classroute, ring\n");
    r = CliTest.run("validate", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown algorithm 'ring'"), r.err());
    Files.writeString(
        f,
        "name: a\nkind: mpi-allreduce\nmpi_allreduce:\n  operation: broadcast\n"
            + "  algorithms: recursive-doubling\n");
    r = CliTest.run("validate", f.toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: " + f + ":5:15: mpi_allreduce.algorithms: broadcast runs on"),
        r.err());
    Files.writeString(
        f,
        "name: a\nkind: mpi-allreduce\nmpi_allreduce:\n  operation: barrier\n"
            + "  algorithms: optimized\n");
    r = CliTest.run("validate", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("optimized is an allreduce algorithm only"), r.err());
    // Above simulated_max_nodes a point-to-point algorithm is left out, not refused; sequoia is
    // no power of two, which the point-to-point algorithms handle.
    Files.writeString(
        f,
        "name: a\nkind: mpi-allreduce\nmpi_allreduce:\n  partitions: sequoia\n"
            + "  algorithms: binomial, classroute\n  max_size: 8B\n");
    r = CliTest.run("validate", f.toString());
    assertEquals(0, r.code(), r.err());
  }
}
