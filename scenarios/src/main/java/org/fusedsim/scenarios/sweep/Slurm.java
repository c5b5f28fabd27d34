package org.fusedsim.scenarios.sweep;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * Writes a sweep's SLURM job array and submits it with {@code sbatch}: one array task per batch of
 * points not yet complete (each task runs {@code fusedsim sweep run-task DIR --task N}, which skips
 * points already done, so a resubmitted array only fills the gaps), and a collect job that depends
 * on the array ({@code afterany}) and runs {@code fusedsim sweep collect DIR}.
 *
 * <p>SLURM is used as it is: no daemon of ours, no polling of our own; {@code sbatch --wait} when
 * the caller wants to block until the collect job ends.
 */
public final class Slurm {
  /** Heap every task starts from: the catalog's largest point peaks well under it (perf.json). */
  static final long BASE_MIB = 1024;

  /**
   * Heap per simulated node on top: full Sequoia (98,304 nodes) at flow level peaks at 140 MB
   * (docs/performance.md), about 1.5 KiB a node; 4 KiB leaves room for the packet-level models. An
   * estimate: {@code --mem} overrides it.
   */
  static final long KIB_PER_NODE = 4;

  /**
   * Options of the job array.
   *
   * @param partition SLURM partition, or null for the cluster's default
   * @param account account to charge, or null
   * @param time time limit per task, in SLURM's syntax ({@code 1:00:00})
   * @param batch points per array task
   * @param memMib memory per task in MiB, or 0 for the estimate from the partition size
   * @param command how a compute node starts fusedsim, or null for this installation's
   */
  public record Options(
      String partition, String account, String time, int batch, long memMib, String command) {}

  /**
   * The scripts written.
   *
   * @param array the job-array script
   * @param collect the collect script
   * @param tasks the number of array tasks
   */
  public record Scripts(Path array, Path collect, int tasks) {}

  private Slurm() {}

  /** The folder of the scripts, task list and logs. */
  static Path folder(SweepDir dir) {
    return dir.root().resolve("slurm");
  }

  /**
   * Writes the task list, the array script and the collect script for the {@code pending} points.
   *
   * @param nodes the largest partition of any point, in nodes, for the memory estimate
   */
  public static Scripts write(SweepDir dir, String name, List<String> pending, int nodes, Options o)
      throws IOException {
    Path folder = folder(dir);
    Files.createDirectories(folder.resolve("logs"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < pending.size(); i += o.batch()) {
      lines.add(String.join(" ", pending.subList(i, Math.min(pending.size(), i + o.batch()))));
    }
    SweepDir.write(folder.resolve("tasks.txt"), String.join("\n", lines) + "\n");
    long mem = o.memMib() > 0 ? o.memMib() : BASE_MIB + (long) nodes * KIB_PER_NODE / 1024;
    // the JVM's heap a little under the task's memory, which also holds the JVM itself
    long heap = Math.max(256, mem * 3 / 4);
    String cmd = o.command() != null ? o.command() : command(heap);
    String root = quote(dir.root().toString());
    StringBuilder a = header("fusedsim-" + name, o, mem);
    a.append("#SBATCH --array=0-").append(lines.size() - 1).append('\n');
    a.append("#SBATCH --output=")
        .append(folder.resolve("logs").resolve("task-%A_%a.out"))
        .append('\n');
    a.append("set -eu\n");
    a.append("export FUSEDSIM_JAVA_OPTS=\"${FUSEDSIM_JAVA_OPTS:--Xmx")
        .append(heap)
        .append("m}\"\n");
    a.append("exec ")
        .append(cmd)
        .append(" sweep run-task ")
        .append(root)
        .append(" --task \"$SLURM_ARRAY_TASK_ID\"\n");
    Path array = folder.resolve("sweep.sbatch");
    SweepDir.write(array, a.toString());
    StringBuilder c = header("fusedsim-" + name + "-collect", o, BASE_MIB);
    c.append("#SBATCH --output=")
        .append(folder.resolve("logs").resolve("collect-%j.out"))
        .append('\n');
    c.append("set -eu\n");
    c.append("exec ").append(cmd).append(" sweep collect ").append(root).append('\n');
    Path collect = folder.resolve("collect.sbatch");
    SweepDir.write(collect, c.toString());
    for (Path p : List.of(array, collect)) {
      try {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (UnsupportedOperationException e) {
        // a file system without POSIX modes: sbatch reads the script, it need not be executable
      }
    }
    return new Scripts(array, collect, lines.size());
  }

  private static StringBuilder header(String job, Options o, long memMib) {
    StringBuilder b = new StringBuilder("#!/bin/bash\n");
    b.append("# written by fusedsim sweep --slurm; submit with sbatch (see docs/scaling-out.md)\n");
    b.append("#SBATCH --job-name=").append(job.replaceAll("[^A-Za-z0-9._-]", "_")).append('\n');
    b.append("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n");
    b.append("#SBATCH --mem=").append(memMib).append("M\n");
    b.append("#SBATCH --time=").append(o.time()).append('\n');
    if (o.partition() != null) {
      b.append("#SBATCH --partition=").append(o.partition()).append('\n');
    }
    if (o.account() != null) {
      b.append("#SBATCH --account=").append(o.account()).append('\n');
    }
    return b;
  }

  /**
   * How a task starts this installation of fusedsim: its launcher when run through it, else this
   * JVM with this class path (the compute nodes must see both, as on a shared file system).
   */
  static String command(long heapMib) {
    String home = System.getProperty("fusedsim.home");
    if (home != null && Files.isExecutable(Path.of(home, "fusedsim"))) {
      return quote(Path.of(home, "fusedsim").toString());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return quote(java)
        + " -Xmx"
        + heapMib
        + "m -cp "
        + quote(System.getProperty("java.class.path"))
        + " org.fusedsim.scenarios.cli.Main";
  }

  /**
   * Submits the array, then the collect job after it.
   *
   * @return the job ids, array first
   * @throws InputException if {@code sbatch} is missing or refuses a job
   */
  public static ImmutableList<String> submit(Scripts s, boolean wait) throws IOException {
    String array = sbatch(List.of("--parsable", s.array().toString()));
    List<String> collect = new ArrayList<>(List.of("--parsable", "--dependency=afterany:" + array));
    if (wait) {
      collect.add("--wait");
    }
    collect.add(s.collect().toString());
    return ImmutableList.of(array, sbatch(collect));
  }

  private static String sbatch(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("sbatch");
    cmd.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new InputException(
          new Location("--slurm", 1, 1),
          "cannot run sbatch ("
              + e.getMessage()
              + "); --slurm-script-only writes the scripts"
              + " without submitting them");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for sbatch", e);
    }
    String[] lines = out.split("\n");
    // --parsable prints "jobid[;cluster]" on its first line; --wait adds nothing on success
    String id = lines[0].split(";")[0].strip();
    // with --wait, sbatch's status is the collect job's, which the caller reads from the directory
    if ((rc != 0 && !args.contains("--wait")) || !id.matches("\\d+")) {
      throw new InputException(
          new Location("--slurm", 1, 1),
          "sbatch refused the job (exit " + rc + "): " + lines[lines.length - 1]);
    }
    return id;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
