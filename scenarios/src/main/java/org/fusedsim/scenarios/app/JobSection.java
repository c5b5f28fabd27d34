package org.fusedsim.scenarios.app;

import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.chip.WorkProfiles;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.CheckException;

/** A scenario section that describes one MPI job: its motif, its size and its numbers. */
final class JobSection {
  private JobSection() {}

  /** Returns the section {@code kind}, whose motif defaults to {@code motif}. */
  static ComponentSpec spec(String kind, String motif, String description) {
    return ComponentSpec.of(
        kind,
        "scenarios",
        description,
        Parameter.builder("motif", ParamType.TEXT)
            .defaultValue(motif)
            .source("workload definition")
            .description(
                "the rank program: "
                    + Motifs.NAMES
                    + (motif.equals("none") ? ", or none for no second job" : ""))
            .build(),
        Parameter.builder("nodes", ParamType.INTEGER)
            .unit("nodes")
            .defaultValue("32")
            .range("1", "98304")
            .source("workload definition")
            .description(
                "nodes the job asks for; placed SLURM-style on the lowest free sub-block that"
                    + " starts at a multiple of its size")
            .build(),
        Parameter.builder("ranks_per_node", ParamType.INTEGER)
            .unit("ranks")
            .defaultValue("16")
            .range("1", "64")
            .source("workload definition")
            .description("MPI ranks on each node (application threads 0 up)")
            .build(),
        Parameter.builder("threads_per_rank", ParamType.INTEGER)
            .unit("threads")
            .defaultValue("1")
            .range("1", "64")
            .source("workload definition")
            .description("application threads per rank: a computation is split evenly over them")
            .build(),
        Parameter.builder("steps", ParamType.INTEGER)
            .unit("steps")
            .defaultValue("20")
            .range("1", "10000000")
            .source("workload definition")
            .description("iterations (fwq: samples; io: writes)")
            .build(),
        Parameter.builder("work", ParamType.TIME)
            .unit("us")
            .defaultValue("1ms")
            .range("0ns", "100s")
            .source("workload definition")
            .description("computation per rank and step, as cycles of plain work or of the profile")
            .build(),
        Parameter.builder("profile", ParamType.TEXT)
            .defaultValue("none")
            .source("workload definition (bgq-hardware WorkProfiles)")
            .description(
                "none: plain work; a profile name (stream_triad, dgemm, stencil7, pointer_chase,"
                    + " integer): work / cycle instructions of that kernel, rated by the core and"
                    + " memory model")
            .build(),
        Parameter.builder("message", ParamType.SIZE)
            .unit("B")
            .defaultValue("32KiB")
            .range("0B", "1GiB")
            .source("workload definition")
            .description("a halo face, a wavefront block's boundary, or a write (io)")
            .build(),
        Parameter.builder("reduce", ParamType.SIZE)
            .unit("B")
            .defaultValue("8B")
            .range("0B", "1GiB")
            .source("workload definition")
            .description("the allreduce that ends a step, per rank")
            .build(),
        Parameter.builder("syscalls", ParamType.INTEGER)
            .unit("calls")
            .defaultValue("0")
            .range("0", "100000")
            .source("workload definition")
            .description("system calls per step after the compute (a code reading the clock)")
            .build(),
        Parameter.builder("syscall", ParamType.TEXT)
            .defaultValue("gettimeofday")
            .source("workload definition")
            .description("the call those are")
            .build(),
        Parameter.builder("blocks", ParamType.INTEGER)
            .unit("blocks")
            .defaultValue("4")
            .range("1", "10000")
            .source("workload definition (Sweep3D's k-blocks)")
            .description("sweep3d: wavefront blocks per sweep")
            .build());
  }

  /** Returns whether the section asks for a job. */
  static boolean present(ParamValues v) {
    return !v.text("motif").equals("none");
  }

  /**
   * Returns the section's program for its ranks.
   *
   * @param cyclePs the core's cycle, to turn computation time into instructions
   * @param path the file prefix of the io motif
   */
  static RankProgram program(String kind, ParamValues v, long cyclePs, String path) {
    int ranks = Math.toIntExact(v.integer("nodes") * v.integer("ranks_per_node"));
    double cycles = v.time("work") / (double) cyclePs;
    Work w = v.text("profile").equals("none") ? Work.integer(cycles) : null;
    if (w == null) {
      try {
        w = Work.of(WorkProfiles.named(v.text("profile")), cycles);
      } catch (IllegalArgumentException e) {
        throw new CheckException(kind, "profile", e.getMessage());
      }
    }
    try {
      return Motifs.of(
          new Motifs.Params(
              v.text("motif"),
              ranks,
              Math.toIntExact(v.integer("steps")),
              w,
              v.size("message").bytes(),
              v.size("reduce").bytes(),
              Math.toIntExact(v.integer("syscalls")),
              v.text("syscall"),
              Math.toIntExact(v.integer("blocks")),
              path));
    } catch (IllegalArgumentException e) {
      throw new CheckException(kind, "motif", e.getMessage());
    }
  }
}
