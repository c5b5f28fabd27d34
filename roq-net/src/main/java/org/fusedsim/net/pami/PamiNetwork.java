package org.fusedsim.net.pami;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.fusedsim.bgq.mu.Descriptor;
import org.fusedsim.bgq.mu.MessagingUnits;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.MuChannel;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.fifo.FifoAllocation;

/**
 * MPI point-to-point messages between ranks over PAMI, the Messaging Unit and the torus. Every
 * message is Messaging Unit traffic on PAMI's FIFOs of the nodes involved, and all of PAMI's
 * software runs in the ranks' own threads (on the nodes' hardware threads, under their OS), so it
 * competes with whatever else runs there.
 *
 * <p>Rank {@code r} lives on node {@code r / ranks_per_node}. A send goes out on the sending
 * context's injection FIFO for the first torus direction of its route; it is deposited into the
 * receiving context's reception FIFO. Protocols:
 *
 * <ul>
 *   <li>same node: the sender copies through shared memory ({@code shm_latency + bytes /
 *       shm_bandwidth} on its thread); the receiver takes the message with no further work;
 *   <li>eager ({@code bytes <= eager_limit}): {@code send_overhead} on the sender, the message,
 *       then {@code recv_overhead + bytes / copy_bandwidth} on the receiver;
 *   <li>rendezvous: {@code send_overhead} and a request-to-send; the receiver spends {@code
 *       recv_overhead + rendezvous_overhead} and posts a remote get; the sender's MU puts the data
 *       (no CPU) on PAMI's remote-get FIFO for the route's first direction; the receiver sees its
 *       counter reach zero and spends {@code recv_overhead}.
 * </ul>
 *
 * <p>Progress: PAMI advances only inside MPI calls. A message that arrives while its rank computes
 * waits until the rank next calls {@link #expect}; a rank waiting there polls its reception FIFOs
 * (its thread's way of waiting) and takes arrivals one after the other. Receives are matched by
 * count (no tags, no unexpected-message queue).
 */
public final class PamiNetwork {
  private final Simulation sim;
  private final MessagingUnits mu;
  private final PamiParams p;
  private final IntFunction<FifoAllocation> fifos;
  private final IntFunction<NetThread> threads;
  private final MuChannel channel;
  private final Map<Integer, Rank> ranks = new LinkedHashMap<>();
  private long eager;
  private long rendezvous;
  private long shm;
  private int nextCounter = 1;

  /** One arrival waiting for its rank's software. */
  private record Arrival(long costPs, Runnable action, boolean completes) {}

  /** The receive side of one rank. */
  private final class Rank {
    final int rank;
    final NetThread thread;
    final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
    long completed;
    long target;
    Runnable then;
    boolean waiting;
    boolean busy;

    Rank(int rank) {
      this.rank = rank;
      this.thread = threads.apply(rank);
    }

    void arrive(Arrival a) {
      arrivals.add(a);
      if (waiting && !busy) {
        waiting = false;
        thread.wake(this::progress);
      }
    }

    /** Takes the arrivals queued, one after the other, then waits or returns. */
    void progress() {
      Arrival a = arrivals.poll();
      if (a != null) {
        busy = true;
        thread.compute(
            a.costPs(),
            () -> {
              busy = false;
              if (a.completes()) {
                completed++;
              }
              a.action().run();
              progress();
            });
        return;
      }
      if (completed >= target) {
        Runnable r = then;
        then = null;
        if (r != null) {
          r.run();
        }
        return;
      }
      waiting = true;
      thread.sleep();
    }
  }

  /**
   * Creates the MPI layer.
   *
   * @param fifos the FIFO allocation of each node (booted by the partition)
   * @param threads the thread of each rank
   */
  public PamiNetwork(
      Simulation sim,
      MessagingUnits mu,
      PamiParams p,
      IntFunction<FifoAllocation> fifos,
      IntFunction<NetThread> threads) {
    this.sim = sim;
    this.mu = mu;
    this.p = p;
    this.fifos = fifos;
    this.threads = threads;
    this.channel = new MuChannel(mu, FifoAllocation.PAMI);
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the PAMI parameters. */
  public PamiParams params() {
    return p;
  }

  /** Returns the number of ranks of the partition. */
  public int ranks() {
    return mu.network().torus().nodeCount() * p.ranksPerNode();
  }

  /** Returns the node of a rank. */
  public int node(int rank) {
    return rank / p.ranksPerNode();
  }

  private Rank rank(int r) {
    if (r < 0 || r >= ranks()) {
      throw new IllegalArgumentException("no rank " + r + " (0-" + (ranks() - 1) + ")");
    }
    return ranks.computeIfAbsent(r, Rank::new);
  }

  /** Returns the thread rank {@code r} runs in. */
  public NetThread thread(int r) {
    return rank(r).thread;
  }

  /**
   * Rank {@code src} (its thread running) sends {@code bytes} to rank {@code dst}: {@code sent}
   * runs in the sender's thread once the message is handed to the MU (a non-blocking send; the
   * sender goes on), and {@code received} in the receiver's thread once its software has taken the
   * message.
   */
  public void send(int src, int dst, long bytes, Runnable sent, Runnable received) {
    Rank s = rank(src);
    Rank d = rank(dst);
    int sn = node(src);
    int dn = node(dst);
    if (sn == dn) {
      shm++;
      s.thread.compute(
          p.shmCost(bytes),
          () -> {
            d.arrive(new Arrival(0, received, true));
            sent.run();
          });
      return;
    }
    FifoAllocation sf = fifos.apply(sn);
    FifoAllocation df = fifos.apply(dn);
    int inj = injectionFifo(sf, src, sn, dn);
    int rec = receptionFifo(df, dst);
    if (p.eager(bytes)) {
      eager++;
      long after = p.recvOverheadPs() + p.copyBandwidth().transferTime(bytes);
      s.thread.compute(
          p.sendOverheadPs(),
          () -> {
            channel.send(
                sn, inj, dn, rec, bytes, () -> d.arrive(new Arrival(after, received, true)));
            sent.run();
          });
      return;
    }
    rendezvous++;
    s.thread.compute(
        p.sendOverheadPs(),
        () -> {
          channel.send(
              sn,
              inj,
              dn,
              rec,
              0,
              () ->
                  d.arrive(
                      new Arrival(
                          p.recvOverheadPs() + p.rendezvousOverheadPs(),
                          () -> get(src, dst, sn, dn, bytes, received),
                          false)));
          sent.run();
        });
  }

  /** The receiver of a rendezvous posts the remote get; the data lands on its counter. */
  private void get(int src, int dst, int sn, int dn, long bytes, Runnable received) {
    Rank d = rank(dst);
    FifoAllocation sf = fifos.apply(sn);
    FifoAllocation df = fifos.apply(dn);
    int counter = nextCounter++;
    mu.armCounter(
        dn, counter, bytes, () -> d.arrive(new Arrival(p.recvOverheadPs(), received, true)));
    long tag = channel.tag();
    Descriptor get =
        Descriptor.get(sn, dn, bytes, counter)
            .by(FifoAllocation.PAMI, tag)
            .viaRemoteFifo(remoteGetFifo(sf, sn, dn));
    mu.inject(dn, injectionFifo(df, dst, dn, sn), get);
  }

  /**
   * Rank {@code r}'s thread waits until {@code n} more messages than all its earlier {@code
   * expect}s asked for have been received and taken (by its own software, in arrival order; one
   * that came early was taken by an earlier wait and counts here), then runs {@code then}.
   */
  public void expect(int r, int n, Runnable then) {
    Rank k = rank(r);
    if (k.then != null) {
      throw new IllegalStateException("rank " + r + " is already waiting");
    }
    // cumulative: messages of a later step that arrived early were already taken and counted
    k.target += n;
    k.then = then;
    k.progress();
  }

  private int injectionFifo(FifoAllocation a, int rank, int sn, int dn) {
    Torus t = mu.network().torus();
    int port =
        t.nextPortDimensionOrder(sn, dn, t.directionMask(sn, dn, mu.network().params().tieBreak()));
    int context = (rank % p.ranksPerNode()) * p.contextsPerRank();
    return a.injectionFifo(context, port);
  }

  private int receptionFifo(FifoAllocation a, int rank) {
    int context = (rank % p.ranksPerNode()) * p.contextsPerRank();
    return a.pamiContextReception()[context];
  }

  private int remoteGetFifo(FifoAllocation a, int sn, int dn) {
    Torus t = mu.network().torus();
    int port =
        t.nextPortDimensionOrder(sn, dn, t.directionMask(sn, dn, mu.network().params().tieBreak()));
    return a.pamiGlobalInjection()[port % FifoAllocation.PAMI_REMOTE_GET];
  }

  /** Returns the messages sent eagerly. */
  public long eagerMessages() {
    return eager;
  }

  /** Returns the messages sent by rendezvous. */
  public long rendezvousMessages() {
    return rendezvous;
  }

  /** Returns the messages between ranks of one node. */
  public long sharedMemoryMessages() {
    return shm;
  }

  /** Returns the messages injected and not yet deposited. */
  public int inFlight() {
    return channel.inFlight();
  }

  /**
   * Returns the ranks still waiting in {@link #expect} (at most {@code limit} named), empty when
   * none is: what a simulation that ran out of events was waiting for.
   */
  public String waiting(int limit) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (Rank k : ranks.values()) {
      if (k.then == null) {
        continue;
      }
      if (n++ < limit) {
        sb.append(sb.length() == 0 ? "" : ", ")
            .append("rank ")
            .append(k.rank)
            .append(" waits for ")
            .append(k.target - k.completed)
            .append(" messages")
            .append(k.arrivals.isEmpty() ? "" : " (" + k.arrivals.size() + " not yet taken)");
      }
    }
    if (n > limit) {
      sb.append(" and ").append(n - limit).append(" more ranks");
    }
    return sb.toString();
  }
}
