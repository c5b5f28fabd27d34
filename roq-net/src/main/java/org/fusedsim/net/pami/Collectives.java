package org.fusedsim.net.pami;

import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;

/**
 * MPI collectives over a partition, one call at a time on an idle machine.
 *
 * <p>Every algorithm is hierarchical, as PAMI does it on Blue Gene/Q: the ranks of a node first
 * combine through shared memory ({@code ceil(log2 ranks_per_node)} steps of {@code shm_latency +
 * bytes / shm_bandwidth + bytes / reduce_bandwidth}), one leader per node takes part in the network
 * phase, and the result is handed back to the node's ranks in one shared-memory step. The network
 * phase is:
 *
 * <ul>
 *   <li>{@link Algorithm#CLASSROUTE}: a closed form, {@code descriptor_fetch +} {@link
 *       ClassRoute#allreduceLatency} {@code + reception_deposit}: the routers combine, no software
 *       per level. This is what scales to a full Sequoia without simulating it.
 *   <li>{@link Algorithm#RECURSIVE_DOUBLING}: simulated; in round {@code k} leader {@code i}
 *       exchanges the buffer with leader {@code i xor 2^k} and combines.
 *   <li>{@link Algorithm#BINOMIAL}: simulated; a binomial reduce to node 0 then a binomial
 *       broadcast, a parent sending to its children one {@code send_overhead} apart.
 * </ul>
 *
 * <p>Point-to-point algorithms need a power-of-two node count. Every call adds {@code
 * collective_overhead} once.
 */
public final class Collectives {
  private final MpiSetup setup;
  private final Torus topology;
  private ClassRoute route;

  /** Creates the collectives of a partition. */
  public Collectives(MpiSetup setup) {
    this.setup = setup;
    this.topology = new Torus(setup.torus().shape());
  }

  private ClassRoute route() {
    if (route == null) {
      route = new ClassRoute(topology, setup.torus(), setup.collective(), 0);
    }
    return route;
  }

  /** Returns {@code ceil(log2 n)}. */
  public static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** Returns the cost of the shared-memory reduce inside a node. */
  public long localReduce(long bytes) {
    PamiParams p = setup.pami();
    return ceilLog2(p.ranksPerNode())
        * (p.shmCost(bytes) + p.reduceBandwidth().transferTime(bytes));
  }

  /** Returns the cost of handing a result to the other ranks of a node. */
  public long localBroadcast(long bytes) {
    return setup.pami().ranksPerNode() > 1 ? setup.pami().shmCost(bytes) : 0;
  }

  private int localSteps(boolean reduce) {
    int ppn = setup.pami().ranksPerNode();
    return (reduce ? ceilLog2(ppn) : 0) + (ppn > 1 ? 1 : 0);
  }

  /** Returns the class-route tree depth. */
  public int classRouteDepth() {
    return route().depth();
  }

  /** Runs an allreduce of {@code bytes} per rank. */
  public CollectiveResult allreduce(Algorithm a, long bytes) {
    long pre = setup.pami().collectiveOverheadPs() + localReduce(bytes);
    long post = localBroadcast(bytes);
    return switch (a) {
      case CLASSROUTE ->
          new CollectiveResult(
              pre
                  + setup.mu().descriptorFetchPs()
                  + route().allreduceLatency(bytes)
                  + setup.mu().receptionDepositPs()
                  + post,
              1,
              localSteps(true),
              0,
              0);
      case RECURSIVE_DOUBLING -> recursiveDoubling(bytes, true, pre, post);
      case BINOMIAL -> binomial(bytes, true, pre, post);
    };
  }

  /** Runs a barrier: an allreduce of nothing. */
  public CollectiveResult barrier(Algorithm a) {
    long pre = setup.pami().collectiveOverheadPs() + localReduce(0);
    long post = localBroadcast(0);
    return switch (a) {
      case CLASSROUTE ->
          new CollectiveResult(
              pre
                  + setup.mu().descriptorFetchPs()
                  + route().allreduceLatency(0)
                  + setup.mu().receptionDepositPs()
                  + post,
              1,
              localSteps(true),
              0,
              0);
      case RECURSIVE_DOUBLING -> recursiveDoubling(0, false, pre, post);
      case BINOMIAL -> binomial(0, false, pre, post);
    };
  }

  /** Runs a broadcast of {@code bytes} from rank 0. */
  public CollectiveResult broadcast(Algorithm a, long bytes) {
    long pre = setup.pami().collectiveOverheadPs();
    long post = localBroadcast(bytes);
    return switch (a) {
      case CLASSROUTE ->
          new CollectiveResult(
              pre
                  + setup.mu().descriptorFetchPs()
                  + route().broadcastLatency(bytes)
                  + setup.mu().receptionDepositPs()
                  + post,
              1,
              localSteps(false),
              0,
              0);
      case RECURSIVE_DOUBLING ->
          throw new IllegalArgumentException("broadcast has no recursive-doubling form here");
      case BINOMIAL -> {
        Sim s = new Sim(bytes, false);
        s.bcastFrom(0, pre);
        yield s.finish(pre, post, ceilLog2(s.n), false);
      }
    };
  }

  private void requirePowerOfTwo(int n) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException(
          "point-to-point collectives need a power-of-two node count, got "
              + n
              + " nodes ("
              + setup.torus().shape()
              + ")");
    }
  }

  private CollectiveResult recursiveDoubling(long bytes, boolean combine, long pre, long post) {
    Sim s = new Sim(bytes, combine);
    for (int i = 0; i < s.n; i++) {
      int node = i;
      s.sim.schedule(pre, () -> s.rdRound(node, 0));
    }
    return s.finish(pre, post, ceilLog2(s.n), true);
  }

  private CollectiveResult binomial(long bytes, boolean combine, long pre, long post) {
    Sim s = new Sim(bytes, combine);
    for (int i = 0; i < s.n; i++) {
      int node = i;
      s.sim.schedule(pre, () -> s.reduceStep(node));
    }
    return s.finish(pre, post, 2 * ceilLog2(s.n), true);
  }

  /** One simulated point-to-point collective among the node leaders. */
  private final class Sim {
    final Simulation sim = new Simulation();
    final TorusNetwork net = TorusNetwork.create(sim, setup.torus());
    final PamiNetwork pami =
        new PamiNetwork(sim, net, setup.mu(), setup.pami(), setup.layout(), setup.allowConflicts());
    final int n = topology.nodeCount();
    final int rounds = ceilLog2(n);
    final long bytes;
    final long combinePs;
    final int[] round = new int[n];
    final long[] arrived = new long[n];
    long messages;
    long end;
    int finished;
    boolean broadcastTree;

    Sim(long bytes, boolean combine) {
      requirePowerOfTwo(n);
      this.bytes = bytes;
      this.combinePs = combine ? setup.pami().reduceBandwidth().transferTime(bytes) : 0;
      java.util.Arrays.fill(round, -1);
    }

    private int leader(int node) {
      return node * setup.pami().ranksPerNode();
    }

    private void send(int from, int to, Runnable onReceived) {
      messages++;
      pami.send(leader(from), leader(to), bytes, onReceived);
    }

    private void done() {
      finished++;
      end = Math.max(end, sim.now());
    }

    // Recursive doubling: round k exchanges with i xor 2^k.
    void rdRound(int i, int k) {
      if (k == rounds) {
        done();
        return;
      }
      round[i] = k;
      int partner = i ^ (1 << k);
      send(i, partner, () -> rdArrive(partner, k));
      if ((arrived[i] >>> k & 1) != 0) {
        sim.schedule(combinePs, () -> rdRound(i, k + 1));
      }
    }

    void rdArrive(int j, int k) {
      arrived[j] |= 1L << k;
      if (round[j] == k) {
        sim.schedule(combinePs, () -> rdRound(j, k + 1));
      }
    }

    // Binomial reduce: node i takes children i + 2^k for k < tz(i) in order, then sends to its
    // parent i - 2^tz(i). round[] holds the next child round expected.
    private int children(int i) {
      return i == 0 ? rounds : Integer.numberOfTrailingZeros(i);
    }

    void reduceStep(int i) {
      if (round[i] < 0) {
        round[i] = 0;
      }
      int k = round[i];
      if (k < children(i)) {
        if ((arrived[i] >>> k & 1) != 0) {
          sim.schedule(
              combinePs,
              () -> {
                round[i] = k + 1;
                reduceStep(i);
              });
        }
        return;
      }
      if (i == 0) {
        bcastFrom(0, 0);
        return;
      }
      int kk = Integer.numberOfTrailingZeros(i);
      int parent = i - (1 << kk);
      send(i, parent, () -> reduceArrive(parent, kk));
    }

    void reduceArrive(int j, int k) {
      arrived[j] |= 1L << k;
      if (round[j] == k) {
        reduceStep(j);
      }
    }

    void bcastFrom(int i, long delay) {
      broadcastTree = true;
      sim.schedule(
          delay,
          () -> {
            int order = 0;
            for (int k = children(i) - 1; k >= 0; k--) {
              int child = i + (1 << k);
              sim.schedule(
                  order * setup.pami().sendOverheadPs(),
                  () -> send(i, child, () -> bcastReceived(child)));
              order++;
            }
            if (i == 0 && n == 1) {
              done();
            }
          });
    }

    void bcastReceived(int c) {
      done();
      bcastFrom(c, 0);
    }

    CollectiveResult finish(long pre, long post, int networkRounds, boolean reduce) {
      sim.run();
      int target = broadcastTree && n > 1 ? n - 1 : n;
      if (finished != target) {
        throw new IllegalStateException(
            "collective ended with " + finished + " of " + target + " nodes done");
      }
      long latency = Math.max(end, pre) + post;
      return new CollectiveResult(
          latency, networkRounds, localSteps(reduce), messages, sim.eventCount());
    }
  }
}
