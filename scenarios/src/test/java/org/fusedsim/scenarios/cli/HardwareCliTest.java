package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hardware scenario kinds through the CLI: model-level input errors are exit 2 with a location. */
class HardwareCliTest {
  @TempDir Path tmp;

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void invalidTorusShapeIsExitTwoAtTheShape() throws IOException {
    Path f = write("s.yaml", "name: s\nkind: torus-pingpong\ntorus:\n  shape: 4x4x4x4x3\n");
    CliTest.Result r = CliTest.run("run", f.toString());
    assertEquals(2, r.code());
    assertEquals(
        "error: " + f + ":4:10: torus.shape: dimension E is 3: expected E <= 2 on a Blue Gene/Q\n",
        r.err());
    f = write("t.yaml", "name: s\nkind: torus-pingpong\ntorus:\n  shape: 4x4x4\n");
    r = CliTest.run("run", f.toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: " + f + ":4:10: torus.shape: expected a shape AxBxCxDxE"),
        r.err());
  }

  @Test
  void invalidMeshIsExitTwoAtTheMesh() throws IOException {
    Path f =
        write("s.yaml", "name: s\nkind: torus-contention\ntorus:\n  shape: midplane\n  mesh: AZ\n");
    CliTest.Result r = CliTest.run("validate", f.toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: " + f + ":5:9: torus.mesh: expected mesh dimensions"), r.err());
  }

  @Test
  void fifoClaimedTwiceNamesBothOwnersAndTheIds() throws IOException {
    Path f =
        write(
            "mu.yaml",
            "name: m\nkind: mu-layout\nmu_layout:\n  claims: pami injection sg64-65; roq injection sg65\n");
    CliTest.Result r = CliTest.run("run", f.toString());
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: " + f + ":4:11: mu_layout.claims: node 0: injection FIFO 520"),
        r.err());
    assertTrue(r.err().contains("requested by 'roq' is already owned by 'pami'"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void malformedFifoPlan() throws IOException {
    Path f =
        write("mu.yaml", "name: m\nkind: mu-layout\nmu_layout:\n  claims: pami sideways 0-3\n");
    CliTest.Result r = CliTest.run("run", f.toString());
    assertEquals(2, r.code());
    assertEquals(
        "error: "
            + f
            + ":4:11: mu_layout.claims: expected injection or reception after 'pami', got 'sideways'\n",
        r.err());
    f =
        write(
            "mu2.yaml", "name: m\nkind: mu-layout\nmu_layout:\n  claims: pami reception 270-280\n");
    r = CliTest.run("run", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("reception FIFO ids must lie in 0-271"), r.err());
  }

  @Test
  void pingPongSummaryShowsTheClosedFormNextToTheSimulatedValue() throws IOException {
    Path f =
        write(
            "p.yaml",
            "name: p\nkind: torus-pingpong\ntorus:\n  shape: nodeboard\npingpong:\n  max_size: 1MiB\n");
    CliTest.Result r = CliTest.run("run", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("0B over 1 hop: simulated 60 ns, closed form 60 ns"), r.out());
  }

  @Test
  void benchTorusPrintsPacketHopsPerSecond() {
    CliTest.Result r =
        CliTest.run("bench", "torus", "--shape", "nodeboard", "--size", "64KiB", "--repeat", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().matches("(?s)torus shape=2x2x2x2x2 .* packet_hops_per_s=[0-9.]+\\s*"), r.out());
    r = CliTest.run("bench", "torus", "--shape", "4x4");
    assertEquals(2, r.code());
  }
}
