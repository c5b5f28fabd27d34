package org.fusedsim.scenarios.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fusedsim.scenarios.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real SLURM cluster: a private one-node cluster on localhost (munged, slurmctld and
 * slurmd from Debian's slurm-wlm and munge, started by {@code src/test/sh/slurm-cluster.sh}), the
 * job array and collect job submitted with {@code --slurm --wait}, and the collected results held
 * to those of the same sweep run here. CI installs the packages and sets {@code
 * FUSEDSIM_REQUIRE_SLURM=1}, so there the test cannot be skipped; elsewhere it runs when {@code
 * sbatch} is installed.
 */
class SlurmSweepTest {
  /** Where the cluster lives; surefire points {@code SLURM_CONF} at its slurm.conf. */
  static final Path CLUSTER = Path.of("target", "slurm-cluster");

  static final Path SCRIPT = Path.of("src", "test", "sh", "slurm-cluster.sh");

  @TempDir Path tmp;

  @BeforeAll
  static void startCluster() throws Exception {
    boolean required = "1".equals(System.getenv("FUSEDSIM_REQUIRE_SLURM"));
    if (!onPath("sbatch") || !onPath("munged")) {
      if (required) {
        fail("FUSEDSIM_REQUIRE_SLURM=1 but slurm-wlm or munge is not installed");
      }
      Assumptions.abort("SLURM is not installed (apt-get install slurm-wlm munge)");
    }
    assertEquals(
        CLUSTER.toAbsolutePath().resolve("slurm.conf").toString(),
        System.getenv("SLURM_CONF"),
        "surefire sets SLURM_CONF to the test cluster's configuration");
    cluster("stop");
    cluster("start");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (Files.exists(CLUSTER.resolve("slurm.conf"))) {
      cluster("stop");
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  private static void cluster(String verb) throws Exception {
    Process p =
        new ProcessBuilder("bash", SCRIPT.toString(), verb, CLUSTER.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      fail("slurm-cluster.sh " + verb + " failed (" + rc + "):\n" + out);
    }
  }

  @Test
  void theClusterCollectsWhatTheLocalRunDoes() throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, SweepTest.SMALL, StandardCharsets.UTF_8);
    Path local = tmp.resolve("local");
    Path slurm = tmp.resolve("slurm");
    CliRun.Result l = CliRun.run("sweep", f.toString(), "--out", local.toString(), "--jobs", "2");
    assertEquals(0, l.code(), l.err());
    CliRun.Result s =
        CliRun.run(
            "sweep",
            f.toString(),
            "--out",
            slurm.toString(),
            "--slurm",
            "--wait",
            "--batch",
            "3",
            "--time",
            "10:00");
    assertEquals(0, s.code(), s.out() + s.err());
    assertTrue(s.out().contains("3 array tasks for 8 points"), s.out());
    assertTrue(s.out().contains("submitted job array"), s.out());
    assertTrue(s.out().contains("collected 8 points into 4 settings"), s.out());
    for (String name : List.of("sweep.csv", "sweep.json")) {
      assertEquals(
          Files.readString(local.resolve(name)), Files.readString(slurm.resolve(name)), name);
    }
    try (Stream<Path> points = Files.list(local.resolve("points"))) {
      for (Path p : points.toList()) {
        assertEquals(
            Files.readString(p.resolve("results.json")),
            Files.readString(
                slurm.resolve("points").resolve(p.getFileName()).resolve("results.json")),
            p.getFileName().toString());
      }
    }
    // the collect job ran on the cluster and left its log
    try (Stream<Path> logs = Files.list(slurm.resolve("slurm/logs"))) {
      assertTrue(logs.anyMatch(p -> p.getFileName().toString().startsWith("collect-")));
    }
  }
}
