package org.fusedsim.net.pami;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
 * context's injection FIFO for the first torus direction of its route and is deposited into the
 * receiving context's reception FIFO. The protocol follows the size ({@link PamiParams#protocol});
 * each step is software on one rank's thread or Messaging Unit traffic, in this order:
 *
 * <ul>
 *   <li>same node: the sender copies through shared memory ({@code shm_latency + bytes /
 *       shm_bandwidth}); the receiver takes the message with no further work;
 *   <li>immediate: sender {@code send_call + inject}, the send is complete; a message of {@code
 *       bytes + envelope}; receiver {@code poll + match + copy + recv_complete};
 *   <li>single-packet: as immediate, with {@code send_state} before the injection; the send is
 *       complete when the Messaging Unit has injected the message's last byte (its injection FIFO
 *       works through its descriptors in order) and the sender has run {@code send_complete};
 *   <li>eager (several packets of one descriptor): as single-packet, and the receiver adds {@code
 *       recv_state + (packets - 1) x packet};
 *   <li>rendezvous: sender {@code send_call + rendezvous_state + inject} and a request-to-send of
 *       {@code rts_size}; receiver {@code poll + match + get_post + inject} and a remote get to the
 *       sender's node, whose MU puts the data (no CPU) on PAMI's remote-get FIFO for the route's
 *       first direction into a reception counter; receiver {@code poll + inject} on the counter at
 *       zero and an acknowledgement ({@code envelope} bytes) back, then {@code recv_complete}; the
 *       sender's {@code poll + send_complete} on the acknowledgement completes its send. As in
 *       PAMID (MPICH over PAMI), the acknowledgement is what tells the sender that its data has
 *       left: the remote get's reply queues behind earlier ones on the sender's remote-get FIFO.
 * </ul>
 *
 * <p>{@link #send} is MPI_Send: the sender's thread goes on once its send is complete, taking other
 * arrivals while it waits. {@link #isend} is MPI_Isend: it goes on once the send is posted (after
 * the injection, or the request-to-send's), and {@link #waitSends} waits for every posted send to
 * complete.
 *
 * <p>Invariants: PAMI advances only inside MPI calls: a message that arrives while its rank
 * computes waits in the reception FIFO until the rank next waits in {@link #expect}, and a waiting
 * rank takes arrivals one after the other in arrival order. An envelope taken when every posted
 * receive is already matched (the rank waits for the rest of an earlier message) goes through the
 * unexpected queue: {@code unexpected} more, and an eager payload is copied twice. Receives are
 * matched by count (no tags). A multi-packet eager message is taken when its last packet is
 * deposited (the MU deposits them in order), so the receiver's per-packet work does not overlap the
 * later packets' flight: pessimistic by at most {@code (packets - 1) x (packet + 512 B /
 * copy_bandwidth)}.
 */
public final class PamiNetwork {
  private final Simulation sim;
  private final MessagingUnits mu;
  private final PamiParams p;
  private final IntFunction<FifoAllocation> fifos;
  private final IntFunction<NetThread> threads;
  private final MuChannel channel;
  private final Map<Integer, Rank> ranks = new LinkedHashMap<>();
  private final long[] byProtocol = new long[Protocol.values().length];
  private long unexpectedCount;
  private int nextCounter = 1;

  /**
   * One arrival waiting for its rank's software: {@code costPs} when its receive is posted ({@code
   * unexpectedPs} more when not), then {@code action}; {@code matches} if it carries an envelope,
   * {@code completes} if it completes a receive.
   */
  private record Arrival(
      long costPs, long unexpectedPs, Runnable action, boolean matches, boolean completes) {
    static Arrival work(long costPs, Runnable action) {
      return new Arrival(costPs, 0, action, false, false);
    }
  }

  /** The receive side of one rank. */
  private final class Rank {
    final int rank;
    final NetThread thread;
    final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
    long completed;
    long sendsPosted;
    long sendsDone;
    long matched;
    long target;
    BooleanSupplier until;
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

    /** The thread waits, taking arrivals, until {@code c} holds; then runs {@code r}. */
    void waitUntil(BooleanSupplier c, Runnable r) {
      if (then != null) {
        throw new IllegalStateException("rank " + rank + " is already waiting");
      }
      until = c;
      then = r;
      progress();
    }

    /** Takes the arrivals queued, one after the other, then waits or returns. */
    void progress() {
      if (then != null && until.getAsBoolean()) {
        Runnable r = then;
        then = null;
        until = null;
        r.run();
        return;
      }
      Arrival a = arrivals.poll();
      if (a != null) {
        boolean unexpected = a.matches() && matched >= target;
        if (a.matches()) {
          matched++;
        }
        if (unexpected) {
          unexpectedCount++;
        }
        busy = true;
        thread.compute(
            a.costPs() + (unexpected ? a.unexpectedPs() : 0),
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
      if (then == null) {
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
   * Rank {@code src} (its thread running) sends {@code bytes} to rank {@code dst}, blocking (MPI
   * Send): {@code sent} runs in the sender's thread once the send is complete (immediate: the
   * descriptor is in the FIFO; single-packet and eager: the payload has been injected and {@code
   * send_complete} run; rendezvous: the acknowledgement has been taken, {@code poll +
   * send_complete}); the sender takes other arrivals while it waits. {@code received} runs in the
   * receiver's thread once its software has completed the receive.
   */
  public void send(int src, int dst, long bytes, Runnable sent, Runnable received) {
    Rank s = rank(src);
    boolean[] done = {false};
    post(src, dst, bytes, () -> s.waitUntil(() -> done[0], sent), () -> done[0] = true, received);
  }

  /**
   * Rank {@code src} (its thread running) posts a send of {@code bytes} to rank {@code dst} (MPI
   * Isend): {@code posted} runs in the sender's thread once the send is handed to the Messaging
   * Unit (immediate: complete; single-packet and eager: the descriptor injected; rendezvous: the
   * request-to-send injected); its completion is taken when the sender next waits, and {@link
   * #waitSends} waits for it. {@code received} runs in the receiver's thread once its software has
   * completed the receive.
   */
  public void isend(int src, int dst, long bytes, Runnable posted, Runnable received) {
    post(src, dst, bytes, posted, () -> {}, received);
  }

  /**
   * Rank {@code src} (its thread running) puts {@code bytes} straight into rank {@code dst}'s
   * memory, as PAMI's many-to-many protocol does for MPI_Alltoall(v) on BG/Q (MPICH selects {@code
   * I0:M2MComposite:MU:MU}): both sides know every size in advance, so the destination's reception
   * counter is armed before the data comes and there is no request-to-send, remote get or
   * acknowledgement. The descriptor goes on the injection FIFO of context {@code viaRank}'s context
   * for the route's first direction: the ranks of a node inject their own puts on their own FIFOs,
   * so a node has as many puts in flight per direction as it has contexts. {@code posted} runs in
   * the sender's thread once the descriptor is injected, its completion is taken when the last byte
   * has left (for {@link #waitSends}); {@code received} runs in the receiver's thread once its
   * counter has reached zero and its software has seen it.
   */
  public void put(int src, int viaRank, int dst, long bytes, Runnable posted, Runnable received) {
    Rank s = rank(src);
    Rank d = rank(dst);
    int sn = node(src);
    int dn = node(dst);
    if (sn == dn || node(viaRank) != sn) {
      throw new IllegalArgumentException(
          "a put goes to another node, through a context of the sender's: "
              + src
              + " via "
              + viaRank
              + " to "
              + dst);
    }
    byProtocol[Protocol.PUT.ordinal()]++;
    s.sendsPosted++;
    int inj = injectionFifo(fifos.apply(sn), viaRank, sn, dn);
    int counter = nextCounter++;
    Arrival in = new Arrival(p.pollPs() + p.recvCompletePs(), 0, received, false, true);
    mu.armCounter(dn, counter, bytes, () -> d.arrive(in));
    Arrival left =
        Arrival.work(
            p.sendCompletePs(),
            () -> {
              s.sendsDone++;
            });
    s.thread.compute(
        p.injectPs(),
        () -> {
          mu.inject(
              sn,
              inj,
              Descriptor.put(dn, bytes, counter).by(FifoAllocation.PAMI, channel.tag()),
              () -> s.arrive(left));
          posted.run();
        });
  }

  /**
   * Rank {@code r}'s thread waits until every send it posted is complete, then runs {@code then}.
   */
  public void waitSends(int r, Runnable then) {
    Rank k = rank(r);
    k.waitUntil(() -> k.sendsDone >= k.sendsPosted, then);
  }

  private void post(
      int src, int dst, long bytes, Runnable posted, Runnable complete, Runnable received) {
    Rank s = rank(src);
    Rank d = rank(dst);
    int sn = node(src);
    int dn = node(dst);
    s.sendsPosted++;
    Runnable completed =
        () -> {
          s.sendsDone++;
          complete.run();
        };
    if (sn == dn) {
      byProtocol[Protocol.SHARED_MEMORY.ordinal()]++;
      s.thread.compute(
          p.shmCost(bytes),
          () -> {
            d.arrive(new Arrival(0, 0, received, true, true));
            completed.run();
            posted.run();
          });
      return;
    }
    FifoAllocation sf = fifos.apply(sn);
    FifoAllocation df = fifos.apply(dn);
    int inj = injectionFifo(sf, src, sn, dn);
    int rec = receptionFifo(df, dst);
    Protocol proto = p.protocol(bytes);
    byProtocol[proto.ordinal()]++;
    if (proto != Protocol.RENDEZVOUS) {
      Arrival in =
          new Arrival(p.eagerReceivePs(bytes), p.unexpectedExtraPs(bytes), received, true, true);
      // the local completion callback runs in the sender's next advance after the last byte left
      Runnable left =
          proto == Protocol.IMMEDIATE
              ? null
              : () -> s.arrive(Arrival.work(p.sendCompletePs(), completed));
      s.thread.compute(
          p.eagerSendPs(bytes),
          () -> {
            channel.send(sn, inj, dn, rec, bytes + p.envelopeBytes(), left, () -> d.arrive(in));
            if (proto == Protocol.IMMEDIATE) {
              completed.run();
            }
            posted.run();
          });
      return;
    }
    Arrival rts =
        new Arrival(
            p.pollPs() + p.matchPs() + p.getPostPs() + p.injectPs(),
            p.unexpectedPs(),
            () -> get(src, dst, sn, dn, bytes, received, completed),
            true,
            false);
    s.thread.compute(
        p.sendCallPs() + p.rendezvousStatePs() + p.injectPs(),
        () -> {
          channel.send(sn, inj, dn, rec, p.rtsBytes(), () -> d.arrive(rts));
          posted.run();
        });
  }

  /**
   * The receiver of a rendezvous posts the remote get; when the data has counted its counter down
   * it acknowledges to the sender and completes the receive.
   */
  private void get(
      int src, int dst, int sn, int dn, long bytes, Runnable received, Runnable sendDone) {
    Rank s = rank(src);
    Rank d = rank(dst);
    FifoAllocation sf = fifos.apply(sn);
    FifoAllocation df = fifos.apply(dn);
    int back = injectionFifo(df, dst, dn, sn);
    int senderFifo = receptionFifo(sf, src);
    Arrival ack = Arrival.work(p.pollPs() + p.sendCompletePs(), sendDone);
    Arrival complete = new Arrival(p.recvCompletePs(), 0, received, false, true);
    Arrival data =
        Arrival.work(
            p.pollPs() + p.injectPs(),
            () -> {
              channel.send(dn, back, sn, senderFifo, p.envelopeBytes(), () -> s.arrive(ack));
              d.arrivals.addFirst(complete);
            });
    int counter = nextCounter++;
    mu.armCounter(dn, counter, bytes, () -> d.arrive(data));
    long tag = channel.tag();
    Descriptor get =
        Descriptor.get(sn, dn, bytes, counter)
            .by(FifoAllocation.PAMI, tag)
            .viaRemoteFifo(remoteGetFifo(sf, sn, dn));
    mu.inject(dn, back, get);
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
    k.waitUntil(() -> k.completed >= k.target, then);
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

  /** Returns the messages sent by {@code protocol}. */
  public long messages(Protocol protocol) {
    return byProtocol[protocol.ordinal()];
  }

  /** Returns the messages sent eagerly (immediate, single-packet and eager). */
  public long eagerMessages() {
    return messages(Protocol.IMMEDIATE)
        + messages(Protocol.SINGLE_PACKET)
        + messages(Protocol.EAGER);
  }

  /** Returns the messages sent by rendezvous. */
  public long rendezvousMessages() {
    return messages(Protocol.RENDEZVOUS);
  }

  /** Returns the messages between ranks of one node. */
  public long sharedMemoryMessages() {
    return messages(Protocol.SHARED_MEMORY);
  }

  /** Returns the envelopes that arrived before their receive was posted. */
  public long unexpectedMessages() {
    return unexpectedCount;
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
