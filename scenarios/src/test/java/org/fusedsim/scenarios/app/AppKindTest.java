package org.fusedsim.scenarios.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fusedsim.scenarios.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MPI jobs on the partition: placement, motifs, threads per rank, two jobs, bad input. */
class AppKindTest {
  @TempDir Path tmp;

  private static final String HEAD =
      "name: t\ndescription: t\nkind: app\nseed: 1\ntorus:\n  shape: nodeboard\n";

  @Test
  void twoJobsShareANodeBoardAndEachReportsWhatTheOtherCostIt() throws IOException {
    JsonNode res =
        Runs.run(
            tmp,
            "two",
            HEAD
                + "os: fusedos,cnk,linux\n"
                + "job:\n  motif: halo3d\n  nodes: 16\n  ranks_per_node: 4\n  steps: 4\n"
                + "  work: 100us\n  message: 8KiB\n"
                + "second_job:\n  motif: io\n  nodes: 16\n  ranks_per_node: 1\n  steps: 3\n"
                + "  work: 50us\n  message: 64KiB\n");
    for (String p : List.of("fusedos", "cnk", "linux")) {
      assertEquals(0, Runs.v(res, p, "app.halo3d.first_node"));
      assertEquals(16, Runs.v(res, p, "app.io.first_node"));
      assertEquals(64, Runs.v(res, p, "app.halo3d.ranks"));
      // 3 writes, an open and a close per rank
      assertEquals(16 * 5, Runs.v(res, p, "app.io.syscalls"), p);
      // six faces per rank and step, four steps
      assertEquals(64 * 6 * 4, Runs.v(res, p, "app.halo3d.messages"), p);
      // the two halves of a node board share no torus link (a route inside a block stays in
      // it) and halo3d makes no file calls, so neither job can slow the other: the runs beside
      // each other give, step for step, what each gives alone
      assertEquals(
          Runs.v(res, p, "app.halo3d.alone.iteration"), Runs.v(res, p, "app.halo3d.iteration"), p);
      assertEquals(1.0, Runs.v(res, p, "app.halo3d.interference"), p);
      assertEquals(1.0, Runs.v(res, p, "app.io.interference"), p);
      // compute, MPI and calls are the whole of a rank's time
      double shares =
          Runs.v(res, p, "app.halo3d.compute_share")
              + Runs.v(res, p, "app.halo3d.mpi_share")
              + Runs.v(res, p, "app.halo3d.syscall_share");
      assertEquals(1.0, shares, 1e-9, p);
    }
    // one table of every personality's rows beside the per-run files
    List<String> merged = Files.readAllLines(tmp.resolve("two").resolve("app-jobs.csv"));
    assertTrue(merged.get(0).startsWith("personality,replication,job"), merged.get(0));
    assertEquals(1 + 3 * 2, merged.size(), merged.toString());
    assertTrue(merged.stream().anyMatch(l -> l.startsWith("linux,0,io,")), merged.toString());
  }

  @Test
  void aRanksThreadsShareItsComputation() throws IOException {
    JsonNode res =
        Runs.run(
            tmp,
            "threads",
            HEAD
                + "os: fusedos,cnk,linux,direct\n"
                + "job:\n  motif: bsp\n  nodes: 2\n  ranks_per_node: 2\n  threads_per_rank: 4\n"
                + "  steps: 4\n  work: 400us\n");
    for (String p : List.of("cnk", "linux")) {
      // 400 us split over four threads, each on a core of its own: a step is 100 us and what
      // the OS adds to a parallel region
      double it = Runs.v(res, p, "app.bsp.iteration");
      assertTrue(it >= 100_000 && it < 150_000, p + " iteration " + it);
    }
    for (String p : List.of("fusedos", "direct")) {
      // CL gives a process as many SPCs as it has threads: the four share one core's issue
      double it = Runs.v(res, p, "app.bsp.iteration");
      assertTrue(it >= 400_000 && it < 450_000, p + " iteration " + it);
    }
  }

  @Test
  void sweep3dWavefrontsFinishOnEveryPersonality() throws IOException {
    JsonNode res =
        Runs.run(
            tmp,
            "sweep",
            HEAD
                + "os: fusedos,cnk,linux,direct\n"
                + "job:\n  motif: sweep3d\n  nodes: 8\n  ranks_per_node: 2\n  steps: 2\n"
                + "  work: 200us\n  blocks: 2\n  message: 2KiB\n");
    for (String p : List.of("fusedos", "cnk", "linux", "direct")) {
      // 16 ranks on a 4 x 4 grid: per sweep 3 x 4 boundaries each way, 4 sweeps, 2 blocks
      assertEquals(2 * 4 * 2 * 24, Runs.v(res, p, "app.sweep3d.messages"), p);
      assertEquals(2, Runs.v(res, p, "app.sweep3d.collectives"), p);
    }
  }

  @Test
  void badJobsAreExitTwoWithTheReason() throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, HEAD + "job:\n  motif: halo3d\n  nodes: 24\n");
    CliRun.Result r = CliRun.run("run", f.toString(), "--out", tmp.resolve("o1").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("job.nodes"), r.err());
    assertTrue(r.err().contains("no rectangular sub-block"), r.err());
    Files.writeString(
        f, HEAD + "job:\n  motif: bsp\n  nodes: 32\nsecond_job:\n  motif: io\n  nodes: 1\n");
    r = CliRun.run("run", f.toString(), "--out", tmp.resolve("o2").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("second_job.nodes"), r.err());
    assertTrue(r.err().contains("taken by the jobs before it"), r.err());
    Files.writeString(f, HEAD + "job:\n  motif: halo4d\n");
    r = CliRun.run("run", f.toString(), "--out", tmp.resolve("o3").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("job.motif"), r.err());
    Files.writeString(f, HEAD + "noise:\n  enabled: tick,cron\njob:\n  motif: bsp\n");
    r = CliRun.run("run", f.toString(), "--out", tmp.resolve("o4").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("noise.enabled"), r.err());
  }
}
