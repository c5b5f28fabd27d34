package org.fusedsim.net.pami;

import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.NetThread;

/**
 * MPI collectives over a partition, one call at a time.
 *
 * <p>Every algorithm is hierarchical, as PAMI does it on Blue Gene/Q: the ranks of a node first
 * combine through shared memory ({@code ceil(log2 ranks_per_node)} steps of {@code shm_latency +
 * bytes / shm_bandwidth + bytes / reduce_bandwidth}), one leader per node (its first rank) takes
 * part in the network phase, and the result is handed back to the node's ranks in one shared-memory
 * step. The local phases run as work on the leader's thread. The network phase is:
 *
 * <ul>
 *   <li>{@link Algorithm#CLASSROUTE}: a closed form, {@code descriptor_fetch +} {@link
 *       ClassRoute#allreduceLatency} {@code + reception_deposit}: the routers combine, no software
 *       per level. This is what scales to a full Sequoia without simulating it: no node takes part
 *       beyond the closed form.
 *   <li>{@link Algorithm#RECURSIVE_DOUBLING}: in round {@code k} leader {@code i} exchanges the
 *       buffer with leader {@code i xor 2^k} through {@link PamiNetwork} and combines on its
 *       thread. On a node count that is no power of two the leaders above the largest power of two
 *       below it first hand their buffers to the leader that many below and take the result back at
 *       the end (MPICH's recursive doubling).
 *   <li>{@link Algorithm#BINOMIAL}: a binomial reduce to node 0 then a binomial broadcast, a parent
 *       sending to its children one after the other from its thread; on any node count, a child
 *       {@code i + 2^k} existing only below it.
 * </ul>
 *
 * <p>Every call adds {@code collective_overhead} once, on the leaders' threads.
 */
public final class Collectives {
  private final PamiNetwork pami;
  private final ClassRoute route;
  private final MuParams mu;
  private final PamiParams p;
  private final int n;

  /** The collectives of the partition {@code pami} runs on, with its class route. */
  public Collectives(PamiNetwork pami, ClassRoute route, MuParams mu, int nodes) {
    this.pami = pami;
    this.route = route;
    this.mu = mu;
    this.p = pami == null ? null : pami.params();
    this.n = nodes;
  }

  /** The closed-form collectives of a partition (class routes only; nothing is simulated). */
  public static Collectives closedForm(ClassRoute route, MuParams mu, PamiParams p, int nodes) {
    return new Collectives(null, route, mu, nodes, p);
  }

  private Collectives(PamiNetwork pami, ClassRoute route, MuParams mu, int nodes, PamiParams p) {
    this.pami = pami;
    this.route = route;
    this.mu = mu;
    this.p = p;
    this.n = nodes;
  }

  /** Returns {@code ceil(log2 n)}. */
  public static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  /** Returns the cost of the shared-memory reduce inside a node. */
  public long localReduce(long bytes) {
    return ceilLog2(p.ranksPerNode())
        * (p.shmCost(bytes) + p.reduceBandwidth().transferTime(bytes));
  }

  /** Returns the cost of handing a result to the other ranks of a node. */
  public long localBroadcast(long bytes) {
    return p.ranksPerNode() > 1 ? p.shmCost(bytes) : 0;
  }

  private int localSteps(boolean reduce) {
    int ppn = p.ranksPerNode();
    return (reduce ? ceilLog2(ppn) : 0) + (ppn > 1 ? 1 : 0);
  }

  /** Returns the class-route tree depth. */
  public int classRouteDepth() {
    return route.depth();
  }

  /**
   * Returns the shared-memory reduce of one piece of {@code bytes} among the node's ranks as PAMI
   * overlaps it with the network: every rank combines its {@code 1/ranks_per_node} slice of all the
   * node's buffers, in parallel, after one shared-memory handshake.
   */
  public long pieceReduce(long bytes) {
    int ppn = p.ranksPerNode();
    if (ppn == 1) {
      return 0;
    }
    long slice = (bytes + ppn - 1) / ppn;
    return p.shmLatencyPs() + (ppn - 1) * p.reduceBandwidth().transferTime(slice);
  }

  /** Returns the hand-out of one piece of result: every rank copies it, in parallel. */
  public long pieceBroadcast(long bytes) {
    return p.ranksPerNode() > 1 ? p.shmCost(bytes) : 0;
  }

  /**
   * Returns the closed form of a class-route collective.
   *
   * <p>Software on both ends: {@code collective_overhead} posts the call (entry, algorithm choice,
   * the descriptor in the collective injection FIFO), {@code collective_completion} sees the
   * reception counter at zero and flags the result to the node's ranks. A message above {@code
   * collective_chunk} goes in pieces: while piece {@code k} is on the network the ranks combine
   * piece {@code k + 1} and copy out piece {@code k - 1}, so after the first piece has passed every
   * stage, each further piece costs only the slowest stage (the link, the local combine or the
   * copy-out).
   *
   * @param kind {@code allreduce}, {@code barrier} or {@code broadcast}
   * @throws IllegalArgumentException for any other kind
   */
  public CollectiveResult classRoute(String kind, long bytes) {
    boolean reduce =
        switch (kind) {
          case "allreduce", "barrier" -> true;
          case "broadcast" -> false;
          default ->
              throw new IllegalArgumentException(
                  "class-route collective " + kind + ": expected allreduce, barrier or broadcast");
        };
    long first = Math.min(bytes, p.collectiveChunkBytes());
    long fill =
        p.collectiveOverheadPs()
            + (reduce ? pieceReduce(first) : 0)
            + mu.descriptorFetchPs()
            + (reduce ? route.allreduceLatency(first) : route.broadcastLatency(first))
            + mu.receptionDepositPs()
            + pieceBroadcast(first)
            + p.collectiveCompletionPs();
    long latency = fill + rest(bytes, first, piece -> classRouteStage(piece, reduce));
    return new CollectiveResult(latency, 1, localSteps(reduce), 0, 0);
  }

  private long classRouteStage(long piece, boolean reduce) {
    long wire = route.serializationPs(piece);
    return Math.max(wire, Math.max(reduce ? pieceReduce(piece) : 0, pieceBroadcast(piece)));
  }

  /** The time a pipeline stage takes for one piece. */
  @FunctionalInterface
  private interface Stage {
    long ps(long piece);
  }

  /** Returns the slowest stage summed over the pieces after the first. */
  private long rest(long bytes, long first, Stage stage) {
    long left = bytes - first;
    long chunk = p.collectiveChunkBytes();
    long full = left / chunk;
    long tail = left % chunk;
    return full * stage.ps(chunk) + (tail > 0 ? stage.ps(tail) : 0);
  }

  /**
   * Returns the closed form of the optimized allreduce (Kumar and Faraj, EuroMPI 2013): each piece
   * is split over {@code optimized_trees} edge-disjoint spanning trees of the torus links, one per
   * link direction, so the trees do not share a link. The routers do not combine: at every level a
   * packet goes through the Messaging Units as a point-to-point packet (descriptor fetch, hop,
   * stored, deposited), and a communication thread polls it and, on the way up, combines it. The
   * trees are as deep as the class route (each is a dimension-order tree of the same torus), with
   * as many levels over cables between midplanes. Per piece, the stages are a tree's share on its
   * links, the node's combine and forward on {@code comm_threads} threads (every byte combined once
   * up and copied once down), and the local phases.
   */
  public CollectiveResult optimized(long bytes) {
    int trees = p.optimizedTrees();
    long first = Math.min(bytes, p.collectiveChunkBytes());
    long packet = Math.min((first + trees - 1) / trees, p.packetPayloadBytes());
    long hop = mu.descriptorFetchPs() + route.hopLatencyPs() + route.serializationPs(packet);
    long level = hop + mu.receptionDepositPs() + p.pollPs();
    long fill =
        p.collectiveOverheadPs()
            + pieceReduce(first)
            + route.depth() * (2 * level + p.reduceBandwidth().transferTime(packet))
            + 2 * route.cableLevels() * route.cableLatencyPs()
            + optimizedStage(first)
            + pieceBroadcast(first)
            + p.collectiveCompletionPs();
    long latency = fill + rest(bytes, first, this::optimizedStage);
    return new CollectiveResult(latency, 1, localSteps(true), 0, 0);
  }

  private long optimizedStage(long piece) {
    int trees = p.optimizedTrees();
    long wire = route.serializationPs((piece + trees - 1) / trees);
    long threads =
        (p.reduceBandwidth().transferTime(piece) + p.shmBandwidth().transferTime(piece))
            / p.commThreads();
    long local = Math.max(pieceReduce(piece), pieceBroadcast(piece));
    return Math.max(Math.max(wire, threads), local);
  }

  /**
   * Starts an allreduce (or, with {@code combine} false, a barrier of {@code bytes = 0}) by {@code
   * a} among the node leaders, whose threads wait for it (each is woken, and waits again at the
   * end); {@code done} gets the result when the last leader has handed the result to its node's
   * ranks.
   */
  public void start(Algorithm a, long bytes, boolean combine, ResultSink done) {
    new Run(a, bytes, combine, false, done).begin();
  }

  /** Starts a broadcast of {@code bytes} from node 0 by a binomial tree. */
  public void broadcast(long bytes, ResultSink done) {
    new Run(Algorithm.BINOMIAL, bytes, false, true, done).begin();
  }

  /** Receives the outcome of a simulated collective. */
  @FunctionalInterface
  public interface ResultSink {
    /** The collective is over. */
    void done(CollectiveResult r);
  }

  /** One simulated point-to-point collective among the node leaders. */
  private final class Run {
    final Simulation sim = pami.sim();
    final Algorithm a;
    final long bytes;
    final long combinePs;
    final boolean broadcastOnly;
    final ResultSink sink;
    final int rounds = ceilLog2(n);
    // recursive doubling's power of two, and the leaders above it that hand their buffers over
    final int p2 = Integer.highestOneBit(n);
    final int extra = n - p2;
    final long start = sim.now();
    long messages;
    int finished;
    long startEvents;

    Run(Algorithm a, long bytes, boolean combine, boolean broadcastOnly, ResultSink sink) {
      if (a == Algorithm.CLASSROUTE || a == Algorithm.OPTIMIZED) {
        throw new IllegalArgumentException(
            "class-route and optimized collectives are closed forms (classRoute, optimized), not"
                + " simulated messages");
      }
      this.a = a;
      this.bytes = bytes;
      this.combinePs = combine ? p.reduceBandwidth().transferTime(bytes) : 0;
      this.broadcastOnly = broadcastOnly;
      this.sink = sink;
      startEvents = sim.eventCount();
    }

    int leader(int node) {
      return node * p.ranksPerNode();
    }

    NetThread thread(int node) {
      return pami.thread(leader(node));
    }

    void begin() {
      long pre = p.collectiveOverheadPs() + (broadcastOnly ? 0 : localReduce(bytes));
      for (int i = 0; i < n; i++) {
        int node = i;
        thread(node)
            .wake(
                () ->
                    thread(node)
                        .compute(
                            pre,
                            () -> {
                              if (broadcastOnly) {
                                if (node == 0) {
                                  bcast(0);
                                } else {
                                  recvBroadcast(node);
                                }
                              } else if (a == Algorithm.RECURSIVE_DOUBLING) {
                                rdStart(node);
                              } else {
                                reduceStep(node);
                              }
                            }));
      }
    }

    void send(int from, int to, Runnable sent, Runnable received) {
      messages++;
      pami.isend(leader(from), leader(to), bytes, sent, received);
    }

    // Beyond a power of two: leader i >= p2 hands its buffer to i - p2 and waits for the result;
    // leader i < extra first takes that buffer and combines it.
    void rdStart(int i) {
      if (i >= p2) {
        send(i, i - p2, () -> pami.expect(leader(i), 1, () -> finish(i)), () -> {});
      } else if (i < extra) {
        pami.expect(leader(i), 1, () -> thread(i).compute(combinePs, () -> rdRound(i, 0)));
      } else {
        rdRound(i, 0);
      }
    }

    // Recursive doubling: round k exchanges with i xor 2^k; each leader sends, then waits for its
    // partner's buffer, combines, and goes on.
    void rdRound(int i, int k) {
      if (1 << k == p2) {
        if (i < extra) {
          send(i, i + p2, () -> finish(i), () -> {});
        } else {
          finish(i);
        }
        return;
      }
      int partner = i ^ (1 << k);
      send(
          i,
          partner,
          () ->
              pami.expect(
                  leader(i), 1, () -> thread(i).compute(combinePs, () -> rdRound(i, k + 1))),
          () -> {});
    }

    // Binomial reduce: node i takes children i + 2^k for k < tz(i) in order, then sends to its
    // parent i - 2^tz(i); the root then broadcasts down the same tree.
    int children(int i) {
      int limit = i == 0 ? rounds : Integer.numberOfTrailingZeros(i);
      int kids = 0;
      while (kids < limit && i + (1 << kids) < n) {
        kids++;
      }
      return kids;
    }

    void reduceStep(int i) {
      int kids = children(i);
      pami.expect(
          leader(i),
          kids,
          () ->
              thread(i)
                  .compute(
                      kids * combinePs,
                      () -> {
                        if (i == 0) {
                          bcast(0);
                          return;
                        }
                        int parent = i - (1 << Integer.numberOfTrailingZeros(i));
                        send(i, parent, () -> recvBroadcast(i), () -> {});
                      }));
    }

    void recvBroadcast(int i) {
      pami.expect(leader(i), 1, () -> bcast(i));
    }

    void bcast(int i) {
      bcastChild(i, children(i) - 1);
    }

    void bcastChild(int i, int k) {
      if (k < 0) {
        finish(i);
        return;
      }
      send(i, i + (1 << k), () -> bcastChild(i, k - 1), () -> {});
    }

    void finish(int i) {
      thread(i)
          .compute(
              localBroadcast(bytes),
              () -> {
                finished++;
                if (finished == n) {
                  int netRounds =
                      broadcastOnly
                          ? rounds
                          : a == Algorithm.RECURSIVE_DOUBLING
                              ? ceilLog2(p2) + (extra > 0 ? 2 : 0)
                              : 2 * rounds;
                  sink.done(
                      new CollectiveResult(
                          sim.now() - start,
                          netRounds,
                          localSteps(!broadcastOnly),
                          messages,
                          sim.eventCount() - startEvents));
                }
                thread(i).sleep();
              });
    }
  }
}
