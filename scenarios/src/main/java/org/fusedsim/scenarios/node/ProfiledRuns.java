package org.fusedsim.scenarios.node;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.WorkProfile;
import org.fusedsim.bgq.chip.WorkProfiles;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.Simulation;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.workload.ProfiledJob;

/**
 * What the compute kinds ({@code smt-scaling}, {@code memory}) share: lists in their sections, and
 * one measurement of a profile on chosen application threads of a freshly booted node.
 *
 * <p>Placement: under cnk and linux application thread {@code i} runs on core {@code i mod 16},
 * hardware thread {@code i / 16} (breadth-first, as both place threads), so thread {@code c + 16 j}
 * is the {@code j}-th thread of core {@code c}.
 */
final class ProfiledRuns {
  /** The personalities the compute kinds run under: both place threads breadth-first. */
  static final ImmutableList<String> PERSONALITIES = ImmutableList.of("cnk", "linux");

  /** Application cores under both personalities. */
  static final int CORES = 16;

  private ProfiledRuns() {}

  /**
   * One measurement.
   *
   * @param threads threads that computed
   * @param coreIpc instructions per cycle per core used, summed over its threads
   * @param threadIpc mean instructions per cycle of one thread
   * @param bandwidth DRAM bytes moved over the measurement, GB/s
   * @param cyclesPerInstruction mean cycles one thread spent per instruction
   * @param tlbMpki TLB misses per 1000 instructions
   * @param tlbShare share of the threads' cycles stalled on ERAT and TLB misses
   * @param l1Mpki L1 misses per 1000 instructions
   * @param l2Mpki L2 misses per 1000 instructions
   * @param refillShare share of the threads' cycles spent refilling L1 lines OS work displaced
   * @param l2RefillShare share of the threads' cycles spent fetching back from DRAM the L2 lines OS
   *     work anywhere on the chip displaced
   * @param simTime simulated time of the run
   * @param events events of the run
   */
  record Measurement(
      int threads,
      double coreIpc,
      double threadIpc,
      double bandwidth,
      double cyclesPerInstruction,
      double tlbMpki,
      double tlbShare,
      double l1Mpki,
      double l2Mpki,
      double refillShare,
      double l2RefillShare,
      long simTime,
      long events) {}

  /** Returns the application threads of {@code perCore} threads on each of {@code cores} cores. */
  static int[] placement(int cores, int perCore) {
    int[] t = new int[cores * perCore];
    int n = 0;
    for (int j = 0; j < perCore; j++) {
      for (int c = 0; c < cores; c++) {
        t[n++] = c + CORES * j;
      }
    }
    return t;
  }

  /** Returns the first {@code n} application threads (breadth-first over the cores). */
  static int[] first(int n) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    return t;
  }

  /** Runs {@code instructions} of {@code p} on each of {@code threads} on a freshly booted node. */
  static Measurement measure(
      Scenario s,
      RunContext ctx,
      WorkProfile p,
      double instructions,
      int[] threads,
      int coresUsed) {
    Simulation sim = ctx.newSimulation(1024);
    Machine machine = Machines.build(sim, s, ctx, 1, ImmutableMap.of());
    NodeSections.Runs<ProfiledJob> runs =
        NodeSections.runOnNodes(
            sim,
            machine,
            p.name(),
            (os, finished) -> {
              ProfiledJob j = new ProfiledJob(os, p, instructions, threads, finished);
              os.boot(j.entries());
              return j;
            });
    ProfiledJob j = runs.workloads().get(0);
    double cycle = machine.spec().hardware().chip().cyclePs();
    double ipcSum = 0;
    double cycles = 0;
    for (long d : j.durations()) {
      ipcSum += instructions / (d / cycle);
      cycles += d / cycle;
    }
    int n = threads.length;
    HardwareThread.Counters c = j.counters();
    double issued = c.profiledInstructions();
    long window = j.lastEnd() - j.firstStart();
    return new Measurement(
        n,
        ipcSum / coresUsed,
        ipcSum / n,
        c.dramBytes() / (window / 1e12) / 1e9,
        cycles / n / instructions,
        1000 * c.tlbMisses() / issued,
        c.tlbCycles() / cycles,
        1000 * c.l1Misses() / issued,
        1000 * c.l2Misses() / issued,
        c.refillCycles() / cycles,
        c.l2RefillCycles() / cycles,
        sim.now(),
        sim.eventCount());
  }

  /** Parses a comma-separated list of profile names. */
  static ImmutableList<WorkProfile> profiles(Scenario s, String section, String key) {
    ImmutableList.Builder<WorkProfile> b = ImmutableList.builder();
    for (String n : split(s.section(section).text(key))) {
      try {
        b.add(WorkProfiles.named(n));
      } catch (IllegalArgumentException e) {
        throw new CheckException(section, key, e.getMessage());
      }
    }
    ImmutableList<WorkProfile> out = b.build();
    if (out.isEmpty()) {
      throw new CheckException(section, key, "at least one profile expected");
    }
    return out;
  }

  /** Parses a comma-separated list of integers in {@code [lo, hi]}. */
  static ImmutableList<Integer> integers(Scenario s, String section, String key, int lo, int hi) {
    ImmutableList.Builder<Integer> b = ImmutableList.builder();
    for (String t : split(s.section(section).text(key))) {
      int v;
      try {
        v = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new CheckException(section, key, "an integer expected: " + t);
      }
      if (v < lo || v > hi) {
        throw new CheckException(section, key, v + " is outside [" + lo + ", " + hi + "]");
      }
      b.add(v);
    }
    ImmutableList<Integer> out = b.build();
    if (out.isEmpty()) {
      throw new CheckException(section, key, "at least one value expected");
    }
    return out;
  }

  static Iterable<String> split(String text) {
    return Splitter.on(',').trimResults().omitEmptyStrings().split(text);
  }
}
