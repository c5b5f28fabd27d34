package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.machine.Machines;

/**
 * What the node workload kinds share: every machine section besides their own, every personality
 * (fusedos first), the application-thread count, and running one workload on every node of the job.
 */
public final class NodeSections {
  /** The personalities, the default first. */
  public static final ImmutableList<String> PERSONALITIES = Machines.personalities("fusedos");

  private NodeSections() {}

  /** Returns the workload section followed by the machine's sections. */
  public static ImmutableList<ComponentSpec> with(ComponentSpec workload) {
    return Machines.with(workload);
  }

  /** Returns the workload sections followed by the machine's sections. */
  public static ImmutableList<ComponentSpec> with(ComponentSpec a, ComponentSpec b) {
    return Machines.with(a, b);
  }

  /**
   * Checks {@code section.threads} when it names a count (0: every application thread of each
   * personality, which always fits), and the machine's values.
   */
  public static void checkThreadsKey(Scenario s, String section) {
    int n = (int) s.section(section).integer("threads");
    Machines.check(s, n, section, "threads");
  }

  /** Returns {@code section.threads}, or every application thread of the personality for 0. */
  public static int threadsFor(Scenario s, String section, String personality) {
    int n = (int) s.section(section).integer("threads");
    return n > 0 ? n : Machines.maxThreads(s, personality);
  }

  /** A workload on one node. */
  @FunctionalInterface
  public interface NodeWorkload<W> {
    /** Builds the workload of {@code os}; it calls {@code finished} when its threads are done. */
    W start(NodeOs os, Runnable finished);
  }

  /**
   * The workloads of every node, in rank order, and whether an OS ended the job first.
   *
   * @param workloads one per node
   * @param ended whether an OS ended the job before the workloads finished
   */
  public record Runs<W>(java.util.List<W> workloads, boolean ended) {}

  /**
   * Starts {@code workload} on every node of the job, runs until all are done (or an OS ends the
   * job), and returns each node's workload in rank order.
   */
  public static <W> Runs<W> runOnNodes(
      Simulation sim, Machine m, String what, NodeWorkload<W> workload) {
    int[] left = {m.jobNodes()};
    java.util.List<W> out = new java.util.ArrayList<>();
    for (int r = 0; r < m.jobNodes(); r++) {
      out.add(
          workload.start(
              m.node(r),
              () -> {
                if (--left[0] == 0) {
                  sim.stop();
                }
              }));
    }
    boolean ended = Machines.runToEnd(sim, m, () -> left[0] == 0, what);
    return new Runs<>(out, ended);
  }
}
