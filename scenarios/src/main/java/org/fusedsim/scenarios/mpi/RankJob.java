package org.fusedsim.scenarios.mpi;

import java.util.function.BiConsumer;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.pami.PamiNetwork;

/**
 * MPI ranks on the nodes of a machine: rank {@code r} is application thread {@code r mod
 * ranks_per_node} of node {@code r / ranks_per_node}, under the node's personality. Every rank
 * waits (as PAMI waits: polling under fusedos and cnk) until a phase gives it work.
 */
final class RankJob {
  private final Machine machine;
  private final int ppn;
  private final int[] nodes;
  private int started;
  private int total;
  private Runnable ready;

  /** Ranks on {@code nodes} of {@code machine}, {@code ppn} per node. */
  RankJob(Machine machine, int[] nodes, int ppn) {
    this.machine = machine;
    this.nodes = nodes.clone();
    this.ppn = ppn;
  }

  /** Returns MPI among the ranks. */
  PamiNetwork pami() {
    return machine.pami();
  }

  /** Returns the thread of rank {@code r}. */
  NetThread thread(int r) {
    return machine.pami().thread(r);
  }

  /** Boots the nodes; {@code ready} runs once every rank has started and waits. */
  void boot(Runnable ready) {
    this.ready = ready;
    total = nodes.length * ppn;
    for (int n : nodes) {
      NodeOs os = machine.node(n);
      Runnable[] entries = new Runnable[ppn];
      for (int t = 0; t < ppn; t++) {
        int rank = n * ppn + t;
        entries[t] =
            () -> {
              NetThread th = thread(rank);
              if (++started == total) {
                machine.sim().schedule(0, this.ready);
              }
              th.sleep();
            };
      }
      os.boot(entries);
    }
  }

  /**
   * Runs {@code work.accept(rank, done)} in the thread of each of {@code ranks} (woken for it);
   * each calls {@code done} in its thread when finished and then waits again; {@code then} runs
   * when all are done.
   */
  void phase(int[] ranks, BiConsumer<Integer, Runnable> work, Runnable then) {
    int[] left = {ranks.length};
    for (int r : ranks) {
      NetThread th = thread(r);
      th.wake(
          () ->
              work.accept(
                  r,
                  () -> {
                    if (--left[0] == 0) {
                      machine.sim().schedule(0, then);
                    }
                    th.sleep();
                  }));
    }
  }
}
