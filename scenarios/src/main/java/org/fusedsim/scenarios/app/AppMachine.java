package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.fusedos.FusedosParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.machine.Machines;

/**
 * The partition MPI jobs run on: the machine of {@link Machines} with PAMI's ranks per node set to
 * the most any job places on a node and, under FusedOS, one CL process per rank of each node (CL
 * serves one process's SPCs).
 */
final class AppMachine {
  private AppMachine() {}

  /**
   * Assembles the partition.
   *
   * @param cfg the run's sections, the personality's settings applied
   * @param personality the personality's name (a variant's too)
   * @param jobs the jobs, placed
   * @param mounts path prefixes mounted from the IO node
   * @param streams the run's random streams
   */
  static Machine build(
      Simulation sim,
      Sections cfg,
      String personality,
      List<AppRun.JobSpec> jobs,
      ImmutableMap<String, Boolean> mounts,
      RandomStreams streams) {
    Personality p = Machines.PERSONALITIES.get(personality);
    int ppn = 1;
    int last = 0;
    for (AppRun.JobSpec j : jobs) {
      ppn = Math.max(ppn, j.ranksPerNode());
      last = Math.max(last, j.placement().first() + j.placement().nodes());
    }
    Sections run =
        Sections.with(cfg, Map.of(PamiParams.KIND + ".ranks_per_node", String.valueOf(ppn)));
    boolean cl = p.sections().contains(FusedosParams.SPEC);
    int[] ranksOn = new int[last];
    for (AppRun.JobSpec j : jobs) {
      for (int n = 0; n < j.placement().nodes(); n++) {
        ranksOn[j.placement().first() + n] =
            Math.max(0, Math.min(j.ranksPerNode(), j.ranks() - n * j.ranksPerNode()));
      }
    }
    // one section set per distinct process count, shared by the nodes that have it
    Map<Integer, Sections> byCount = new java.util.TreeMap<>();
    IntFunction<Sections> perNode =
        node ->
            !cl
                ? run
                : byCount.computeIfAbsent(
                    Math.max(1, ranksOn[node]),
                    k ->
                        Sections.with(
                            run, Map.of(ClParams.KIND + ".processes", String.valueOf(k))));
    return new Machine(
        sim,
        new Machine.Spec(
            Machines.hardware(run), Machines.net(run), run, p, last, mounts, streams, perNode));
  }
}
