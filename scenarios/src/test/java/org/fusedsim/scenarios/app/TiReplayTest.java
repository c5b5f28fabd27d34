package org.fusedsim.scenarios.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.scenarios.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SimGrid time-independent MPI traces replayed on the partition under every personality. */
class TiReplayTest {
  @TempDir Path tmp;

  private static Path ring() throws URISyntaxException {
    return Path.of(TiReplayTest.class.getResource("/traces/ti/ring-allreduce.ti").toURI());
  }

  private static JsonNode metrics(JsonNode results, String personality) {
    for (JsonNode r : results.get("runs")) {
      if (r.get("personality").asText().equals(personality)) {
        return r.get("metrics");
      }
    }
    throw new AssertionError("no run of " + personality);
  }

  private static double v(JsonNode m, String name) {
    JsonNode x = m.get(name);
    assertTrue(x != null, "no metric " + name);
    return x.get("value").asDouble();
  }

  @Test
  void aRingWithAllreducesReplaysUnderEveryPersonality() throws Exception {
    Path out = tmp.resolve("out");
    CliRun.Result r =
        CliRun.run(
            "replay", ring().toString(), "--set", "pami.ranks_per_node=1", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    for (String p : List.of("fusedos", "cnk", "linux", "direct")) {
      JsonNode m = metrics(results, p);
      assertEquals(8, v(m, "ti.ranks"));
      assertEquals(8, v(m, "ti.nodes"), p);
      // 3 rounds of one message per rank; 3 allreduces and a barrier
      assertEquals(24, v(m, "ti.messages"), p);
      assertEquals(4, v(m, "ti.collectives"), p);
      // 64 KiB goes by rendezvous (above the eager limit), rank to rank across the torus
      assertEquals(24, v(m, "ti.messages.rendezvous"), p);
      // 3 x 2e6 flops at 2 flops per FP instruction, one instruction per cycle at 1.6 GHz,
      // each rank alone on its core: 1875 us, more only where the OS takes the core
      double compute = v(m, "ti.compute_time");
      assertTrue(compute >= 1_875_000, p + " compute " + compute);
      if (!p.equals("linux")) {
        // nothing else runs on the core but PAMI's own completions (a rendezvous's
        // acknowledgement taken while the rank computes): tens of ns
        assertEquals(1_875_000, compute, 100, p);
      }
      assertTrue(v(m, "ti.mpi_time") > 0, p);
      assertTrue(v(m, "ti.runtime") > compute, p);
    }
    assertTrue(r.out().contains("8 ranks on 8 nodes"), r.out());
  }

  @Test
  void oneFileWithEveryRankIsTheSameProgramAsAFilePerRank() throws Exception {
    // the ranks' files concatenated into one, interleaved by rank as SimGrid allows
    List<String> all = new ArrayList<>();
    Path dir = ring().getParent();
    for (int k = 0; k < 8; k++) {
      all.addAll(
          Files.readAllLines(
              dir.resolve("ring-allreduce.rank" + k + ".txt"), StandardCharsets.UTF_8));
    }
    Path one = tmp.resolve("one.trace");
    Files.write(one, all, StandardCharsets.UTF_8);
    TiTrace a = TiTrace.read(List.of(ring().toString()));
    TiTrace b = TiTrace.read(List.of(one.toString()));
    assertEquals(a.ranks(), b.ranks());
    for (int k = 0; k < a.ranks(); k++) {
      assertEquals(
          a.actions(k).stream().map(x -> x.kind() + " " + x.peer() + " " + x.bytes()).toList(),
          b.actions(k).stream().map(x -> x.kind() + " " + x.peer() + " " + x.bytes()).toList());
    }
    assertTrue(TiTrace.looksLike(one));
    assertTrue(TiTrace.looksLike(ring()));
  }

  @Test
  void badActionsAreExitTwoAtTheirLineAndColumn() throws IOException {
    Path f = tmp.resolve("bad.ti");
    Files.writeString(f, "0 init\n0 compute lots\n");
    CliRun.Result r = CliRun.run("replay", f.toString(), "--format", "ti");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: " + f + ":2:11: expected a number of flops >= 0"), r.err());
    Files.writeString(f, "0 init\n  0 sendd 1 0 8\n");
    r = CliRun.run("replay", f.toString(), "--format", "ti");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: " + f + ":2:5: unknown action 'sendd'"), r.err());
    Files.writeString(f, "0 init\n0 send 3 0 8\n1 recv 0 0 8\n");
    r = CliRun.run("replay", f.toString(), "--format", "ti");
    assertEquals(2, r.code());
    assertTrue(r.err().contains(":2:3: rank 3 is not a rank of the trace (0-1)"), r.err());
    Files.writeString(f, "0 init\n2 init\n");
    r = CliRun.run("replay", f.toString(), "--format", "ti");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("rank 1 has no actions"), r.err());
  }

  @Test
  void aProgramThatCannotFinishIsAnErrorNotASuccess() throws IOException {
    // rank 1 waits for a message nobody sends
    Path f = tmp.resolve("stuck.ti");
    Files.writeString(f, "0 init\n0 compute 1000\n1 init\n1 recv 0 0 8\n");
    CliRun.Result r =
        CliRun.run(
            "replay",
            f.toString(),
            "--format",
            "ti",
            "--profile",
            "cnk",
            "--set",
            "pami.ranks_per_node=1");
    assertEquals(3, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("rank 1"), r.err());
  }

  @Test
  void computeRunsAsTheChosenKernelAndAtTheChosenFlopsPerInstruction() throws Exception {
    double plain = computeTime("pami.ranks_per_node=1");
    // 8 flops per QPX instruction: a quarter of the instructions, each still one cycle alone
    assertEquals(plain / 4, computeTime("pami.ranks_per_node=1", "ti.flops_per_instruction=8"), 50);
    // as DGEMM the same flops carry the kernel's loads, stores and stalls: the core model's
    // rate alone for it is far below one instruction per cycle
    double dgemm = computeTime("pami.ranks_per_node=1", "ti.profile=dgemm");
    assertTrue(dgemm > 1.5 * plain, "dgemm " + dgemm + " against plain " + plain);
    // inside STREAM triad (4 FP in 18 instructions) every thread waits on DRAM lines
    double stream = computeTime("pami.ranks_per_node=1", "ti.profile=stream_triad");
    assertTrue(stream > 4.5 * plain && stream > dgemm, "stream " + stream);
    // pointer chasing has no FP instructions to carry flops
    CliRun.Result r =
        CliRun.run("replay", ring().toString(), "--profile", "cnk", "--set", "ti.profile=integer");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("ti.profile"), r.err());
    assertTrue(r.err().contains("dgemm"), r.err());
  }

  private double computeTime(String... sets) throws Exception {
    Path out = Files.createTempDirectory(tmp, "ti");
    List<String> args = new ArrayList<>(List.of("replay", ring().toString(), "--profile", "cnk"));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    args.add("--out");
    args.add(out.toString());
    CliRun.Result r = CliRun.run(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    return v(metrics(results, "cnk"), "ti.compute_time");
  }

  @Test
  void syscallTracesAreNotTakenForMpiTraces() throws Exception {
    Path strace = Path.of(TiReplayTest.class.getResource("/traces/python_write.strace").toURI());
    assertFalse(TiTrace.looksLike(strace));
  }
}
