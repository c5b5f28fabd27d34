package org.fusedsim.bgq.mu;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.fusedsim.bgq.io.IoLinks;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;

/**
 * The Messaging Units of every node of a partition, compute and IO, over one {@link TorusNetwork}
 * and the {@link IoLinks}: the one boundary every transfer between nodes crosses. Software claims
 * FIFOs in each node's {@link FifoOwnershipTable}, registers reception handlers and counters, and
 * injects {@link Descriptor}s; the MU fetches each descriptor, hands the payload to the torus (and
 * IO link) and, at the destination, deposits it into a reception FIFO (memory-FIFO packets), counts
 * it down on a reception counter (remote put), or injects the carried descriptor back (remote get).
 *
 * <h2>Injection FIFOs work in order</h2>
 *
 * Each injection FIFO of a node is a queue: the MU fetches its head descriptor ({@code
 * descriptor_fetch}) and injects its packets; the next descriptor of that FIFO is fetched only once
 * the head's last byte has been injected. Different FIFOs proceed at the same time and share the
 * node's links in the torus model. "Last byte injected" is what {@link TorusNetwork#send} reports
 * as injected: at packet level the tail of the last packet going onto the first link; at flow level
 * the flow pushing its last byte through its bottleneck (its one rate holds from the source on, so
 * that is when the source has sent everything; exact for the fluid model and costs no event beyond
 * the flow's completion); from or to an IO node, the tail going onto the first link of the path. A
 * descriptor's {@code sent} callback (local completion, {@link #inject(int, int, Descriptor,
 * Runnable)}) runs at that moment. A remote get's carried descriptor queues on the holder's
 * remote-get FIFO named in the request ({@link Descriptor#remoteFifo}), or on one MU-internal FIFO
 * of the holder when none is named. A node injects at most {@code injection_engines} descriptors at
 * once: a FIFO whose head is ready while every engine is busy waits for the next free one, and
 * waiting FIFOs get engines in the order they became ready (a FIFO that has just finished a
 * descriptor goes to the back), so no FIFO starves. Not modelled: injection bandwidth limits below
 * the links'.
 *
 * <p>Endpoints: compute nodes {@code 0..n-1} (their ranks), IO nodes {@code n + i}. Per-node state
 * is created on first use, so a Sequoia partition where a few nodes talk costs only those nodes.
 * The hardware-internal injection that answers a remote get is not checked against the ownership
 * table (on the machine it goes into a remote-get FIFO the requesting stack holds).
 *
 * <h2>Shared FIFOs</h2>
 *
 * A layout booted with conflicts allowed ({@link FifoOwnershipTable#claimShared}) leaves FIFOs with
 * two owners; the MU then counts misdelivered packets from the traffic that actually crosses it.
 * <b>Model assumption (estimate; the hardware outcome of such a collision is not documented):</b>
 * each stack keeps its own copy of a FIFO's tail and head pointers, so (1) a descriptor that stack
 * A injects into a shared injection FIFO while the other owner B has one outstanding there is
 * misdelivered with all its packets (512 B of payload each), and (2) a packet deposited into a
 * shared reception FIFO by a stack other than the FIFO's first owner is taken by the wrong poller
 * and counted once. Only the count is modelled: the data still reaches the handler on its normal
 * schedule.
 *
 * <p>Trace: with tracing on, each injection FIFO's outstanding descriptors are a counter on the
 * node's {@code mu} track, and each message is a flow from its injection to its deposit.
 */
public final class MessagingUnits {
  /** Receives packets deposited into a reception FIFO. */
  @FunctionalInterface
  public interface ReceptionHandler {
    /** Called when a memory-FIFO message from {@code source} has been deposited. */
    void received(int source, Descriptor descriptor);
  }

  private final Simulation sim;
  private final TorusNetwork net;
  private final IoLinks links;
  private final MuParams params;
  private final IntFunction<String> location;
  private final Map<Integer, FifoOwnershipTable> tables = new TreeMap<>();
  // hashed lookups on every packet; nothing iterates them into results
  private final Map<Long, ReceptionHandler> handlers = new LinkedHashMap<>();
  private final Map<Long, long[]> counters = new LinkedHashMap<>();
  private final Map<Long, Runnable> counterDone = new LinkedHashMap<>();
  private final Map<Long, Map<String, long[]>> outstanding = new LinkedHashMap<>();
  private final Map<Long, long[]> queued = new LinkedHashMap<>();
  private final Map<Long, ArrayDeque<Pending>> fifoQueues = new LinkedHashMap<>();
  // per node: descriptors injecting now, and the FIFOs whose head waits for an engine
  private final Map<Integer, int[]> busyEngines = new LinkedHashMap<>();
  private final Map<Integer, ArrayDeque<ArrayDeque<Pending>>> waitingFifos = new LinkedHashMap<>();
  private long injected;
  private long deposited;
  private long misdelivered;
  private long sharedInjections;
  private long bytesMoved;

  /**
   * Creates the MUs of the partition that {@code links} (and its torus) connect.
   *
   * @param location the location name of an endpoint, for trace tracks
   */
  public MessagingUnits(
      Simulation sim,
      IoLinks links,
      TorusNetwork net,
      MuParams params,
      IntFunction<String> location) {
    this.sim = sim;
    this.net = net;
    this.links = links;
    this.params = params;
    this.location = location;
  }

  /** Creates the MUs of a partition without IO nodes. */
  public MessagingUnits(Simulation sim, TorusNetwork net, MuParams params) {
    this(sim, null, net, params, e -> "node" + e);
  }

  /** The queue id of the MU's own injection of remote-get replies (no FIFO named). */
  private static final int MU_OWN_FIFO = -1;

  private static long key(int node, int id) {
    return ((long) node << 32) | (id & 0xffffffffL);
  }

  /** Returns the torus network. */
  public TorusNetwork network() {
    return net;
  }

  /** Returns the parameters. */
  public MuParams params() {
    return params;
  }

  /** Returns the number of endpoints (compute nodes, then IO nodes). */
  public int endpoints() {
    return links == null ? net.torus().nodeCount() : links.endpoints();
  }

  /** Returns node {@code node}'s FIFO ownership table. */
  public FifoOwnershipTable fifos(int node) {
    checkNode(node);
    return tables.computeIfAbsent(node, FifoOwnershipTable::new);
  }

  /** Returns whether node {@code node}'s FIFO table exists (some stack booted there). */
  public boolean booted(int node) {
    return tables.containsKey(node);
  }

  private void checkNode(int node) {
    if (node < 0 || node >= endpoints()) {
      throw new IllegalArgumentException(
          "no node " + node + " in " + net.torus().shape() + " (" + endpoints() + " endpoints)");
    }
  }

  /** Registers the handler of a reception FIFO, which must be claimed on that node. */
  public void onReception(int node, int receptionFifo, ReceptionHandler h) {
    if (fifos(node).owner(FifoKind.RECEPTION, receptionFifo) == null) {
      throw new IllegalStateException(
          "node "
              + node
              + ": "
              + MuGeometry.describe(FifoKind.RECEPTION, receptionFifo)
              + " has no owner; claim it before receiving on it");
    }
    handlers.put(key(node, receptionFifo), h);
  }

  /** Returns whether a handler is registered on a reception FIFO. */
  public boolean hasReceptionHandler(int node, int receptionFifo) {
    return handlers.containsKey(key(node, receptionFifo));
  }

  /** Arms reception counter {@code counterId} of {@code node} to expect {@code bytes}. */
  public void armCounter(int node, int counterId, long bytes, Runnable onZero) {
    checkNode(node);
    counters.put(key(node, counterId), new long[] {bytes});
    counterDone.put(key(node, counterId), onZero);
  }

  /** Returns the bytes still expected on a counter. */
  public long counter(int node, int counterId) {
    long[] c = counters.get(key(node, counterId));
    if (c == null) {
      throw new IllegalStateException("node " + node + ": counter " + counterId + " not armed");
    }
    return c[0];
  }

  /** A descriptor waiting in an injection FIFO, with what runs when it has left and arrived. */
  private record Pending(Descriptor d, Runnable sent, Runnable arrived) {}

  /**
   * Queues a descriptor on an injection FIFO of {@code node}.
   *
   * @throws IllegalStateException if the FIFO has no owner, or the descriptor's owner is not one
   */
  public void inject(int node, int injectionFifo, Descriptor d) {
    inject(node, injectionFifo, d, null);
  }

  /**
   * Queues a descriptor on an injection FIFO of {@code node}; {@code sent} (if not {@code null})
   * runs when its last byte has been injected (local completion: the FIFO moves on to its next
   * descriptor and the payload buffer may be reused).
   *
   * @throws IllegalStateException if the FIFO has no owner, or the descriptor's owner is not one
   */
  public void inject(int node, int injectionFifo, Descriptor d, Runnable sent) {
    FifoOwnershipTable t = fifos(node);
    String first = t.owner(FifoKind.INJECTION, injectionFifo);
    if (first == null) {
      throw new IllegalStateException(
          "node "
              + node
              + ": "
              + MuGeometry.describe(FifoKind.INJECTION, injectionFifo)
              + " has no owner; claim it before injecting");
    }
    String second = t.sharedWith(FifoKind.INJECTION, injectionFifo);
    if (d.owner() != null && !d.owner().equals(first) && !d.owner().equals(second)) {
      throw new IllegalStateException(
          "node "
              + node
              + ": '"
              + d.owner()
              + "' injects on "
              + MuGeometry.describe(FifoKind.INJECTION, injectionFifo)
              + " owned by '"
              + first
              + "'");
    }
    boolean misdeliver = second != null && collides(node, injectionFifo, d);
    if (misdeliver) {
      misdelivered += packets(d.payloadBytes());
    }
    long[] q = queued.computeIfAbsent(key(node, injectionFifo), k -> new long[1]);
    q[0]++;
    traceQueue(node, injectionFifo, q[0]);
    traceFlow(node, node, d, "inject", "flow_out");
    enqueue(
        node,
        injectionFifo,
        d,
        sent,
        () -> {
          q[0]--;
          traceQueue(node, injectionFifo, q[0]);
          if (second != null && d.owner() != null) {
            outstanding.get(key(node, injectionFifo)).get(d.owner())[0]--;
          }
        });
  }

  /** Puts a descriptor at the tail of its FIFO; an idle FIFO starts it at once. */
  private void enqueue(int node, int fifo, Descriptor d, Runnable sent, Runnable arrived) {
    checkNode(d.destination());
    ArrayDeque<Pending> q = fifoQueues.computeIfAbsent(key(node, fifo), k -> new ArrayDeque<>());
    q.add(new Pending(d, sent, arrived));
    if (q.size() == 1) {
      ready(node, q);
    }
  }

  /** A FIFO's head is ready: it waits for an engine, then the free engines go round. */
  private void ready(int node, ArrayDeque<Pending> q) {
    waitingFifos.computeIfAbsent(node, k -> new ArrayDeque<>()).add(q);
    dispatch(node);
  }

  private void dispatch(int node) {
    int[] busy = busyEngines.computeIfAbsent(node, k -> new int[1]);
    ArrayDeque<ArrayDeque<Pending>> waiting = waitingFifos.get(node);
    while (busy[0] < params.injectionEngines() && waiting != null && !waiting.isEmpty()) {
      busy[0]++;
      startHead(node, waiting.poll(), busy);
    }
  }

  private void startHead(int node, ArrayDeque<Pending> q, int[] busy) {
    Pending h = q.peek();
    start(
        node,
        h.d(),
        () -> {
          q.poll();
          busy[0]--;
          if (!q.isEmpty()) {
            waitingFifos.get(node).add(q);
          }
          dispatch(node);
          if (h.sent() != null) {
            h.sent().run();
          }
        },
        h.arrived());
  }

  /** The injection rule for shared FIFOs (see the class comment); records the descriptor. */
  private boolean collides(int node, int fifo, Descriptor d) {
    if (d.owner() == null) {
      return false;
    }
    sharedInjections++;
    Map<String, long[]> byOwner =
        outstanding.computeIfAbsent(key(node, fifo), k -> new TreeMap<>());
    boolean collides = false;
    for (Map.Entry<String, long[]> e : byOwner.entrySet()) {
      if (!e.getKey().equals(d.owner()) && e.getValue()[0] > 0) {
        collides = true;
      }
    }
    byOwner.computeIfAbsent(d.owner(), o -> new long[1])[0]++;
    return collides;
  }

  /** Fetches the descriptor and injects it: {@code left} when the last byte is out. */
  private void start(int node, Descriptor d, Runnable left, Runnable done) {
    injected++;
    sim.schedule(
        params.descriptorFetchPs(),
        () -> {
          bytesMoved += d.payloadBytes();
          Runnable arrived =
              () -> {
                done.run();
                sim.schedule(params.receptionDepositPs(), () -> deposit(node, d));
              };
          if (links != null) {
            links.move(node, d.destination(), d.payloadBytes(), left, arrived);
          } else {
            net.send(
                node, d.destination(), d.payloadBytes(), id -> left.run(), id -> arrived.run());
          }
        });
  }

  /** Returns the torus network FIFO a descriptor would use from {@code node}. */
  public NetworkInjectionFifo networkFifo(int node, Descriptor d) {
    if (d.networkFifo() != null) {
      return d.networkFifo();
    }
    Torus t = net.torus();
    if (node == d.destination()) {
      return NetworkInjectionFifo.LOCAL_0;
    }
    int mask = t.directionMask(node, d.destination(), net.params().tieBreak());
    return NetworkInjectionFifo.forTorusPort(t.nextPortDimensionOrder(node, d.destination(), mask));
  }

  private void deposit(int source, Descriptor d) {
    int dst = d.destination();
    deposited++;
    traceFlow(dst, source, d, "deposit", "flow_in");
    switch (d.type()) {
      case MEMORY_FIFO -> {
        ReceptionHandler h = handlers.get(key(dst, d.receptionFifo()));
        if (h == null) {
          throw new IllegalStateException(
              "node "
                  + dst
                  + ": packet from node "
                  + source
                  + " for "
                  + MuGeometry.describe(FifoKind.RECEPTION, d.receptionFifo())
                  + ", which has no handler");
        }
        FifoOwnershipTable t = fifos(dst);
        if (d.owner() != null
            && t.sharedWith(FifoKind.RECEPTION, d.receptionFifo()) != null
            && !d.owner().equals(t.owner(FifoKind.RECEPTION, d.receptionFifo()))) {
          misdelivered += packets(d.payloadBytes());
        }
        h.received(source, d);
      }
      case DIRECT_PUT -> {
        long[] c = counters.get(key(dst, d.counterId()));
        if (c == null) {
          throw new IllegalStateException(
              "node " + dst + ": put from node " + source + " on unarmed counter " + d.counterId());
        }
        c[0] -= d.payloadBytes();
        if (c[0] < 0) {
          throw new IllegalStateException(
              "node " + dst + ": counter " + d.counterId() + " received more than armed");
        }
        if (c[0] == 0) {
          Runnable done = counterDone.get(key(dst, d.counterId()));
          if (done != null) {
            done.run();
          }
        }
      }
      case REMOTE_GET -> {
        if (d.remoteFifo() >= 0) {
          inject(dst, d.remoteFifo(), d.remote());
        } else {
          enqueue(dst, MU_OWN_FIFO, d.remote(), null, () -> {});
        }
      }
    }
  }

  private void traceQueue(int node, int fifo, long n) {
    Tracer tr = sim.tracer();
    if (tr.enabled()) {
      tr.record(
          new TraceEvent(
              sim.now(),
              location.apply(node) + "/mu",
              "counter.injfifo" + fifo,
              0,
              ImmutableMap.of("value", n)));
    }
  }

  /**
   * Reports one end of a message's flow on the node's MU track. Each stack on each node numbers its
   * messages on its own, so the flow's category names the stack and the sending node.
   */
  private void traceFlow(int node, int source, Descriptor d, String what, String end) {
    Tracer tr = sim.tracer();
    if (tr.enabled() && d.flow() != 0) {
      String owner = d.owner() == null ? "" : d.owner();
      tr.record(
          new TraceEvent(
              sim.now(),
              location.apply(node) + "/mu",
              what + " " + owner + " " + d.payloadBytes() + "B",
              0,
              ImmutableMap.of(end, d.flow(), "flow_cat", "mu " + owner + " from " + source)));
    }
  }

  /** Returns the torus packets of a {@code bytes}-byte message in the torus's packet format. */
  public long packets(long bytes) {
    return net.params().format().packets(bytes);
  }

  /** Returns the descriptors injected so far, including remote-get replies. */
  public long descriptorsInjected() {
    return injected;
  }

  /** Returns the descriptors whose payload was deposited so far. */
  public long descriptorsDeposited() {
    return deposited;
  }

  /** Returns the payload bytes the MUs moved so far. */
  public long bytesMoved() {
    return bytesMoved;
  }

  /** Returns the packets misdelivered on shared FIFOs so far. */
  public long misdelivered() {
    return misdelivered;
  }

  /** Returns the descriptors injected into shared injection FIFOs so far. */
  public long sharedInjections() {
    return sharedInjections;
  }
}
