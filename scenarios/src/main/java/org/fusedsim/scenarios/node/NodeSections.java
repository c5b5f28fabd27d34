package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.LaunchException;
import org.fusedsim.cl.LaunchRules;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.CnkNode;
import org.fusedsim.cl.node.FusedosNode;
import org.fusedsim.cl.node.LinuxNode;
import org.fusedsim.cl.node.NodeConfig;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.NoiseParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.spc.CnkParams;
import org.fusedsim.spc.MonitorParams;

/** The component sections every node scenario accepts, and building a node from them. */
public final class NodeSections {
  /** The personalities, the default first. */
  public static final ImmutableList<String> PERSONALITIES =
      ImmutableList.of("fusedos", "cnk", "linux");

  /** The component sections. */
  public static final ImmutableList<ComponentSpec> SPECS =
      ImmutableList.of(
          InterruptParams.SPEC,
          MemoryParams.SPEC,
          MonitorParams.SPEC,
          LinuxParams.SPEC,
          NoiseParams.SPEC,
          ClParams.SPEC,
          CnkParams.SPEC,
          BootParams.SPEC);

  private NodeSections() {}

  /** Returns the workload section followed by the component sections. */
  public static ImmutableList<ComponentSpec> with(ComponentSpec workload) {
    return ImmutableList.<ComponentSpec>builder().add(workload).addAll(SPECS).build();
  }

  /** Builds the node configuration of a scenario. */
  public static NodeConfig config(Scenario s, RandomStreams streams) {
    return config(s::section, streams);
  }

  /** Builds a node configuration from the values of each component section, by section name. */
  public static NodeConfig config(
      java.util.function.Function<String, ParamValues> section, RandomStreams streams) {
    return new NodeConfig(
        InterruptParams.from(section.apply(InterruptParams.KIND)),
        MemoryParams.from(section.apply(MemoryParams.KIND)),
        MonitorParams.from(section.apply(MonitorParams.KIND)),
        LinuxParams.from(section.apply(LinuxParams.KIND)),
        NoiseParams.from(section.apply(NoiseParams.KIND)),
        ClParams.from(section.apply(ClParams.KIND)),
        CnkParams.from(section.apply(CnkParams.KIND)),
        BootParams.from(section.apply(BootParams.KIND)),
        streams);
  }

  /** Builds the node of {@code personality}. */
  public static NodeOs create(String personality, Simulation sim, NodeConfig cfg) {
    return switch (personality) {
      case "fusedos" -> new FusedosNode(sim, cfg);
      case "cnk" ->
          cfg.cnk().shipOverTorus()
              ? new CnkNode(
                  sim,
                  cfg,
                  org.fusedsim.cl.node.SysiodExchange.attach(
                      sim,
                      org.fusedsim.net.ninep.IoSetup.defaults(
                          org.fusedsim.bgq.torus.TorusParams.defaults()),
                      0))
              : new CnkNode(sim, cfg);
      case "linux" -> new LinuxNode(sim, cfg);
      default -> throw new IllegalArgumentException("unknown personality " + personality);
    };
  }

  /** No node workload may run longer than this much simulated time (noise never stops). */
  public static final long LIMIT = org.fusedsim.core.Time.s(1000);

  /**
   * Runs until the workload is done or the OS ended the job.
   *
   * @return whether the OS ended the job
   * @throws IllegalStateException if neither happens within {@link #LIMIT}
   */
  public static boolean runToEnd(
      Simulation sim, NodeOs os, java.util.function.BooleanSupplier done, String what) {
    sim.runUntil(LIMIT);
    if (os.jobEnded()) {
      return true;
    }
    if (!done.getAsBoolean()) {
      throw new IllegalStateException(
          what + " did not finish within " + org.fusedsim.core.Time.format(LIMIT));
    }
    return false;
  }

  /** Returns how many application threads a personality offers. */
  public static int maxThreads(String personality, ClParams cl) {
    return switch (personality) {
      case "fusedos" -> FusedosNode.SPC_THREADS - cl.firstSpc();
      case "cnk" -> 64;
      default -> 68;
    };
  }

  /**
   * Checks {@code section.threads} when it names a count; 0 means every application thread of each
   * personality, which always fits.
   */
  public static void checkThreadsKey(Scenario s, String section) {
    int n = (int) s.section(section).integer("threads");
    if (n > 0) {
      checkThreads(s, n, section, "threads");
    }
  }

  /** Returns {@code section.threads}, or every application thread of the personality for 0. */
  public static int threadsFor(Scenario s, String section, String personality) {
    int n = (int) s.section(section).integer("threads");
    return n > 0 ? n : maxThreads(personality, ClParams.from(s.section(ClParams.KIND)));
  }

  /**
   * Checks that {@code threads} application threads can run under every personality of the
   * scenario: CL's launch rules for fusedos, the thread count elsewhere.
   *
   * @throws CheckException located at {@code section.key} for a thread count, or at the cl setting
   *     that breaks a launch rule
   */
  public static void checkThreads(Scenario s, int threads, String section, String key) {
    ClParams cl = ClParams.from(s.section(ClParams.KIND));
    for (String p : s.personalities()) {
      if (p.equals("fusedos")) {
        if (threads % cl.processes() != 0) {
          throw new CheckException(
              ClParams.KIND,
              "processes",
              threads + " threads do not split evenly into " + cl.processes() + " processes");
        }
        try {
          LaunchRules.check(
              cl.firstSpc(), cl.processes(), threads / cl.processes(), FusedosNode.SPC_THREADS);
        } catch (LaunchException e) {
          String k = e.key().equals("threads") ? key : e.key();
          String sec = e.key().equals("threads") ? section : ClParams.KIND;
          throw new CheckException(sec, k, "fusedos: " + e.getMessage());
        }
      }
      int max = maxThreads(p, cl);
      if (threads > max) {
        throw new CheckException(
            section, key, p + " offers " + max + " application threads, not " + threads);
      }
    }
  }
}
