package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.SuppressForbidden;
import org.fusedsim.core.Time;
import org.fusedsim.core.Tracer;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.replay.NodeOverrides;

/**
 * A BSP (compute, then an 8-byte allreduce, every step) filling a block of the partition, every
 * node booted with its OS model: the simulator's speed and memory at partition scale.
 */
public final class PartitionBench {
  /**
   * What one run measured.
   *
   * @param nodes compute nodes
   * @param events kernel events
   * @param wallSeconds wall time of the boot and the run
   * @param simulatedPs simulated time at the end (boot included)
   * @param bytesPerNode heap held per node at the end of the run, every node alive
   * @param stepPs the mean BSP step after the first
   */
  public record Result(
      int nodes,
      long events,
      double wallSeconds,
      long simulatedPs,
      long bytesPerNode,
      double stepPs) {
    /** Returns kernel events per wall second. */
    public double eventsPerSecond() {
      return events / wallSeconds;
    }

    /** Returns simulated node-seconds per wall second. */
    public double nodeSecondsPerSecond() {
      return nodes * Time.toSeconds(simulatedPs) / wallSeconds;
    }
  }

  private PartitionBench() {}

  /** Returns the block of {@code nodes} nodes the benchmark fills, or null if it knows none. */
  public static TorusShape block(int nodes) {
    String text =
        switch (nodes) {
          case 32 -> "nodeboard";
          case 512 -> "midplane";
          case 1024 -> "rack";
          case 2048 -> "4x4x4x16x2";
          // Mira's blocks of 4 and 8 midplanes: whole D, and whole A times whole D (torus in each)
          case 4096 -> "8x4x4x16x2";
          case 8192 -> "16x8x8x4x2";
          case 49152 -> "mira";
          case 98304 -> "sequoia";
          default -> null;
        };
    return text == null ? null : TorusShape.parse(TorusShape.PRESETS.getOrDefault(text, text));
  }

  /** Runs the BSP on {@code block} under {@code personality}. */
  public static Result run(
      String personality, TorusShape block, int ranksPerNode, int steps, long grainPs, long seed) {
    Map<String, String> settings =
        new LinkedHashMap<>(Machines.PERSONALITIES.settings(personality));
    settings.put("torus.shape", block.toString().replaceFirst(":.*", ""));
    settings.put("torus.fidelity", "flow");
    Sections cfg = Sections.with(NodeOverrides.NONE.sections(), settings);
    long cyclePs = Machines.hardware(cfg).chip().cyclePs();
    int nodes = block.nodeCount();
    RankProgram program =
        Motifs.of(
            new Motifs.Params(
                "bsp",
                nodes * ranksPerNode,
                steps,
                Work.integer(grainPs / (double) cyclePs),
                0,
                8,
                0,
                "getpid",
                1,
                ""));
    AppRun.JobSpec job =
        new AppRun.JobSpec("bsp", program, new Placement(0, nodes, block), ranksPerNode, 1, true);
    long before = heapUsed();
    long t0 = wallNanos();
    Simulation sim = new Simulation(Tracer.OFF, 1 << 16);
    Machine m =
        AppMachine.build(
            sim, cfg, personality, List.of(job), ImmutableMap.of(), new RandomStreams(seed, 0));
    AppRun app = new AppRun(m, List.of(job), TiParams.defaults());
    app.boot();
    sim.runUntil(Time.s(3600));
    long t1 = wallNanos();
    if (!app.done()) {
      throw new StuckException("the BSP did not finish: " + app.waiting());
    }
    long held = heapUsed() - before;
    List<Long> ends = app.jobs().get(0).collectiveEnds();
    double step = (ends.get(ends.size() - 1) - ends.get(0)) / (double) (ends.size() - 1);
    // the machine is still referenced here, so the heap measured above holds every node
    Result r = new Result(nodes, sim.eventCount(), (t1 - t0) / 1e9, sim.now(), held / nodes, step);
    return m.jobNodes() > 0 ? r : null;
  }

  @SuppressForbidden(reason = "a benchmark measures the heap after a collection")
  private static long heapUsed() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  @SuppressForbidden(reason = "a benchmark measures wall time")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
