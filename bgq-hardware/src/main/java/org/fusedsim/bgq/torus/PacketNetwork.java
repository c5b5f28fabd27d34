package org.fusedsim.bgq.torus;

import java.util.Arrays;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.Time;
import org.fusedsim.core.TraceEvent;
import umontreal.ssj.rng.RandomStream;

/**
 * The packet-level torus: every packet crosses every link of its route, with per-link output
 * queues, bounded receive buffers and credit flow control. Nothing is ever dropped: a packet that
 * finds no room downstream waits, and its own buffer slot upstream stays taken (backpressure).
 *
 * <h2>Forwarding model: virtual cut-through</h2>
 *
 * A router may start forwarding a packet as soon as its head has arrived and the output link is
 * free and has room for the whole packet downstream. The head reaches the next router one hop
 * latency after it leaves; the rest follows at the link rate. All links run at one rate, so a
 * forwarded tail never overtakes its arrival. A lone message of wire size {@code W} over {@code h}
 * hops, {@code k} of them over cables between midplanes, therefore arrives after exactly {@code h *
 * hopLatency + k * cableLatency + W / rate} (see {@link TorusParams#closedFormLatency}).
 *
 * <h2>Flow control</h2>
 *
 * Each link owns a credit count: the free bytes of the receive buffer at its far end. Sending a
 * packet takes its wire size; the credit comes back one credit latency after the packet's tail has
 * left that buffer (forwarded, or taken by the destination's MU). Credits are kept as a small list
 * of (time, bytes) per link and collected lazily when the link next looks, so a credit return costs
 * no event. Bubble flow control keeps the rings deadlock-free under dimension-order routing: a
 * packet that enters a ring (injected, or turning from another dimension or direction) needs room
 * for itself plus one maximum packet; a packet that continues along the ring needs room for itself
 * only. Each output link alternates between its continuing and entering queues when both can go.
 *
 * <h2>Cost</h2>
 *
 * Packets and credits live in pooled primitive arrays; events go through one long-lived {@link
 * Simulation.Handler} with the packet or link id in the argument, so a packet hop allocates
 * nothing. Without contention a hop costs one head-arrival event; a queued hop adds one link
 * service event. Every head arrival is due exactly one hop latency after it is scheduled, and most
 * link services one maximum-packet time after, so both kinds are kept in private FIFO rings that
 * are already in time order; the kernel holds only one event per ring and distinct time, and all
 * entries due at that time run in scheduling order when it fires. A message injects its next packet
 * when the previous one starts on the wire, so a 4 MiB message never holds more than a few packets
 * in the pool.
 *
 * <h2>Virtual channels and dynamic routing</h2>
 *
 * Every link has two virtual channels (VCs), each with its own receive buffer and credits: the
 * deterministic VC ({@code link_buffer}), which is also the bubble escape channel, and the dynamic
 * VC ({@code dynamic_buffer}). The hardware has further VCs (high priority, system, three for
 * collectives: {@code MU_PacketCommon.h} of the BG/Q driver); nothing in the simulator sends on
 * them, so they are not modelled. Deterministic routing uses only the deterministic VC, so its
 * timing is that of a network with one buffer per link. A dynamically routed packet, at every
 * router including its source:
 *
 * <ol>
 *   <li>takes a productive link (one that reduces the remaining distance, directions fixed at
 *       injection) whose dynamic VC has room for it now, the one with the most free dynamic buffer,
 *       ties to the shorter queue, then by the {@code torus/adaptive} random stream (or in
 *       dimension order without streams); the buffer is claimed at once, so the packet then waits
 *       only for the wire;
 *   <li>otherwise queues for its dimension-order link on the escape VC, under the bubble rule;
 *       while it waits it also takes that link's dynamic VC if room appears there first. At the
 *       next router it may return to the dynamic VC (the hardware's "do not stay on bubble").
 * </ol>
 *
 * Invariants that make this deadlock-free: a packet queued on a dynamic VC holds its downstream
 * buffer and waits only for the link's wire, which serves every ready queue in turn; a packet
 * queued on the escape VC waits only for escape buffers along its dimension-order route, whose
 * rings the bubble rule keeps moving, or for a dynamic buffer it never waits on; a destination
 * always drains. If a run nevertheless ends with messages undelivered, {@link #checkDelivered}
 * throws a {@link StuckException} naming them and where their first packet waits.
 *
 * <p>Limits: the MU injection and reception paths are not rate limited (a node may receive on all
 * ten links at once); the hardware's two dynamic VCs are one with their combined buffer; its
 * dynamic-routing zones (which restrict the adaptive choice per dimension) are not modelled.
 */
public final class PacketNetwork implements TorusNetwork {
  private static final int NONE = -1;
  private static final int STUCK_LISTED = 5;
  private static final long NO_SERVICE = Long.MIN_VALUE;
  private static final long WAIT_CREDIT = Long.MIN_VALUE + 1;
  private static final long KIND_SHIFT = 40;
  private static final long K_HEAD = 1L << KIND_SHIFT;
  private static final long K_SERVICE = 2L << KIND_SHIFT;
  private static final long K_DONE = 3L << KIND_SHIFT;
  private static final long K_INJECTED = 4L << KIND_SHIFT;
  private static final long ID_MASK = (1L << KIND_SHIFT) - 1;
  private static final int CONT = 0;
  private static final int ENTER = 1;
  private static final int DYN = 2;
  private static final int QUEUES = 3;
  private static final byte VC_ESC = 0;
  private static final byte VC_DYN = 1;

  private final Simulation sim;
  // Timeline only (when tracing): every TRACE_WINDOW the links busiest in that window are counters
  // of their load; nothing of this touches the model's state.
  private static final long TRACE_WINDOW = Time.us(10);
  private static final int TRACE_LINKS = 8;
  private java.util.function.IntFunction<String> names;
  private long[] busyAtSample;
  private boolean[] touched;
  private int[] touchedList;
  private int touchedCount;
  private long windowEnd;
  private java.util.Set<Integer> shown = new java.util.TreeSet<>();
  private final Torus torus;
  private final TorusParams params;
  private final PacketFormat fmt;
  private final Simulation.Handler handler = this::onEvent;
  private final long hopLatency;
  private final long cableLatency;
  private final long creditLatency;
  private final long[] wireTime; // by payload chunks
  private int bubble;
  private final boolean dynamic;
  private final RandomStream ties;
  private final int[] neighbor;

  // packets (pooled)
  private int[] pMsg;
  private int[] pNode;
  private int[] pInLink;
  private int[] pNext;
  private int[] pChunks;
  private int[] pSeq; // index of the packet within its message
  private byte[] pVc; // the VC whose buffer the packet holds (its current router's input)
  private int[] pQueue; // the output queue it waits in, or NONE
  private int freePkt = NONE;
  private int pktUsed;

  // messages
  private int msgCount;
  private int delivered;
  private int[] mSrc;
  private int[] mDst;
  private int[] mDir;
  // tie_break split: the tied dimensions of a message, and whether its first packet takes the
  // minus half; each node alternates the packets it sends to tied destinations, across messages,
  // so single-packet messages split as evenly as long ones
  private int[] mTie;
  private boolean[] mTieMinusFirst;
  private final boolean[] nextTieMinus;
  private int[] mToInject;
  private int[] mToDeliver;
  private long[] mPayloadLeft;
  private long[] mBytes;
  private long[] mGot;
  private long[] mSend;
  private long[] mDone;
  private long[] mLastTail;
  private Delivery[] mCallback;
  private Delivery[] mInjected;

  // links
  private final long[] busyUntil;
  private final long[] serviceAt;
  private final long[] busyTotal;
  private final int[] credits; // deterministic (escape) VC
  private final int[] dynCredits; // dynamic VC
  private final int[] qHead;
  private final int[] qTail;
  private final int[] qLen;
  private final byte[] lastCls;
  private final int[] crHead;
  private final int[] crTail;

  // credit returns (pooled)
  private long[] cTime;
  private int[] cBytes;
  private byte[] cVc;
  private int[] cNext;
  private int freeCr = NONE;
  private int crUsed;

  private long packetHops;

  private final boolean[] readyScratch = new boolean[QUEUES];
  private final Ring heads;
  private final Ring services;
  private final Simulation.Handler headsHandler;
  private final Simulation.Handler servicesHandler;

  /** Creates the network with ties in dynamic routing broken in dimension order. */
  public PacketNetwork(Simulation sim, Torus torus, TorusParams params) {
    this(sim, torus, params, null);
  }

  /**
   * Creates the network.
   *
   * @param streams where dynamic routing draws its tie breaks (stream {@code torus/adaptive}), or
   *     {@code null} to break ties in dimension order
   */
  public PacketNetwork(Simulation sim, Torus torus, TorusParams params, RandomStreams streams) {
    this.sim = sim;
    this.torus = torus;
    this.params = params;
    this.fmt = params.format();
    this.hopLatency = params.hopLatencyPs();
    this.cableLatency = params.cableLatencyPs();
    this.creditLatency = params.creditLatencyPs();
    this.dynamic = params.routing() == Routing.DYNAMIC;
    this.ties = streams == null ? null : streams.stream("torus", "adaptive");
    this.nextTieMinus = new boolean[torus.nodeCount()];
    int maxChunks = fmt.maxPayloadBytes() / fmt.chunkBytes();
    wireTime = new long[maxChunks + 1];
    for (int c = 0; c <= maxChunks; c++) {
      wireTime[c] = params.linkBandwidth().transferTime(wire(c));
    }
    bubble = fmt.maxPacketWireBytes();
    int links = torus.linkSlots();
    neighbor = new int[links];
    for (int l = 0; l < links; l++) {
      neighbor[l] = torus.linkTarget(l);
    }
    busyUntil = new long[links];
    serviceAt = new long[links];
    Arrays.fill(serviceAt, NO_SERVICE);
    busyTotal = new long[links];
    credits = new int[links];
    Arrays.fill(credits, params.linkBufferBytes());
    dynCredits = new int[links];
    Arrays.fill(dynCredits, params.dynamicBufferBytes());
    qHead = new int[QUEUES * links];
    qTail = new int[QUEUES * links];
    Arrays.fill(qHead, NONE);
    Arrays.fill(qTail, NONE);
    qLen = new int[links];
    lastCls = new byte[links];
    crHead = new int[links];
    crTail = new int[links];
    Arrays.fill(crHead, NONE);
    Arrays.fill(crTail, NONE);
    growPackets(1024);
    growCredits(1024);
    growMessages(64);
    heads = new Ring(hopLatency);
    services = new Ring(wireTime[maxChunks]);
    headsHandler = t -> drain(heads);
    servicesHandler = t -> drain(services);
  }

  /**
   * Events due a fixed delay after they are scheduled. Because the clock never goes back, they fall
   * due in the order they were added; the kernel only sees the earliest.
   */
  private static final class Ring {
    final long delay;
    long[] time = new long[1024];
    long[] arg = new long[1024];
    int head;
    int size;
    boolean armed;

    Ring(long delay) {
      this.delay = delay;
    }

    void grow() {
      int cap = time.length;
      long[] t = new long[2 * cap];
      long[] a = new long[2 * cap];
      for (int i = 0; i < size; i++) {
        t[i] = time[(head + i) & (cap - 1)];
        a[i] = arg[(head + i) & (cap - 1)];
      }
      time = t;
      arg = a;
      head = 0;
    }
  }

  private void push(Ring r, long arg) {
    if (r.size == r.time.length) {
      r.grow();
    }
    long t = sim.now() + r.delay;
    int i = (r.head + r.size) & (r.time.length - 1);
    r.time[i] = t;
    r.arg[i] = arg;
    r.size++;
    if (!r.armed) {
      r.armed = true;
      sim.scheduleAt(t, r == heads ? headsHandler : servicesHandler, 0L);
    }
  }

  private void drain(Ring r) {
    long now = sim.now();
    while (r.size > 0 && r.time[r.head] <= now) {
      long a = r.arg[r.head];
      r.head = (r.head + 1) & (r.time.length - 1);
      r.size--;
      onEvent(a);
    }
    if (r.size > 0) {
      sim.scheduleAt(r.time[r.head], r == heads ? headsHandler : servicesHandler, 0L);
    } else {
      r.armed = false;
    }
  }

  private int wire(int chunks) {
    return fmt.headerBytes() + chunks * fmt.chunkBytes() + fmt.trailerBytes();
  }

  @Override
  public Torus torus() {
    return torus;
  }

  @Override
  public TorusParams params() {
    return params;
  }

  @Override
  public void nameNodes(java.util.function.IntFunction<String> names) {
    this.names = names;
  }

  /**
   * Notes, when tracing, that {@code link} starts a packet now. A window that has ended is reported
   * first; reports are made from the model's own events, so tracing adds none.
   */
  private void traceTouch(int link) {
    long now = sim.now();
    if (touched == null) {
      touched = new boolean[busyTotal.length];
      touchedList = new int[64];
      busyAtSample = new long[busyTotal.length];
    }
    if (windowEnd > 0 && now >= windowEnd) {
      traceWindow(windowEnd - TRACE_WINDOW, windowEnd);
    }
    if (windowEnd <= now) {
      windowEnd = (now / TRACE_WINDOW + 1) * TRACE_WINDOW;
    }
    if (!touched[link]) {
      touched[link] = true;
      if (touchedCount == touchedList.length) {
        touchedList = Arrays.copyOf(touchedList, 2 * touchedCount);
      }
      touchedList[touchedCount++] = link;
    }
  }

  /**
   * Reports the trace window {@code [start, end)}: from {@code start}, the {@value #TRACE_LINKS}
   * links with the most transmission time started in it are counters of their load (share of the
   * window); links shown for the window before and not now drop to 0.
   */
  private void traceWindow(long start, long end) {
    long at = start;
    Integer[] order = new Integer[touchedCount];
    long[] busy = new long[touchedCount];
    for (int i = 0; i < touchedCount; i++) {
      int l = touchedList[i];
      order[i] = i;
      busy[i] = busyTotal[l] - busyAtSample[l];
      busyAtSample[l] = busyTotal[l];
      touched[l] = false;
    }
    // busiest first, ties by link number, so the choice does not depend on arrival order
    Arrays.sort(
        order,
        (a, b) ->
            busy[a] != busy[b]
                ? Long.compare(busy[b], busy[a])
                : Integer.compare(touchedList[a], touchedList[b]));
    java.util.Set<Integer> now = new java.util.TreeSet<>();
    for (int i = 0; i < Math.min(TRACE_LINKS, order.length); i++) {
      int l = touchedList[order[i]];
      now.add(l);
      traceLink(l, at, Math.min(1.0, busy[order[i]] / (double) Math.max(1, end - start)));
    }
    for (int l : shown) {
      if (!now.contains(l)) {
        traceLink(l, at, 0);
      }
    }
    shown = now;
    touchedCount = 0;
  }

  private void traceLink(int link, long at, double load) {
    int node = link / Torus.PORTS;
    int port = link % Torus.PORTS;
    sim.tracer()
        .record(
            new TraceEvent(
                at,
                (names == null ? torus.name(node) : names.apply(node)) + "/torus",
                "counter.link "
                    + TorusShape.LETTERS.charAt(port / 2)
                    + ((port & 1) == 0 ? "+" : "-"),
                0,
                com.google.common.collect.ImmutableMap.of("value", load)));
  }

  @Override
  public Fidelity fidelity() {
    return Fidelity.PACKET;
  }

  @Override
  public int send(int src, int dst, long payloadBytes, Delivery onInjected, Delivery onDelivered) {
    TorusNetwork.checkSend(torus, src, dst, payloadBytes);
    if (msgCount == mSrc.length) {
      growMessages(msgCount + (msgCount >> 1));
    }
    int m = msgCount++;
    mSrc[m] = src;
    mDst[m] = dst;
    mDir[m] = torus.directionMask(src, dst, params.tieBreak());
    mTie[m] = params.tieBreak() == TieBreak.SPLIT ? torus.tieMask(src, dst) : 0;
    long packets = fmt.packets(payloadBytes);
    mTieMinusFirst[m] = nextTieMinus[src];
    if (mTie[m] != 0 && (packets & 1) == 1) {
      nextTieMinus[src] = !nextTieMinus[src];
    }
    if (packets > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("message too large: " + payloadBytes + " B");
    }
    mToInject[m] = (int) packets;
    mToDeliver[m] = (int) packets;
    mPayloadLeft[m] = payloadBytes;
    mBytes[m] = payloadBytes;
    mGot[m] = 0;
    mSend[m] = sim.now();
    mDone[m] = Time.NEVER;
    mLastTail[m] = 0;
    mCallback[m] = onDelivered;
    mInjected[m] = onInjected;
    if (src == dst) {
      // A local message never touches a link; the MU's local copy is costed by the MU model.
      mToInject[m] = 0;
      mToDeliver[m] = 0;
      sim.schedule(0, handler, K_DONE | m);
    } else {
      injectNext(m);
    }
    return m;
  }

  private void injectNext(int m) {
    if (mToInject[m] == 0) {
      return;
    }
    int seq = (int) (fmt.packets(mBytes[m]) - mToInject[m]);
    mToInject[m]--;
    long left = mPayloadLeft[m];
    int payload = (int) Math.min(left, fmt.maxPayloadBytes());
    mPayloadLeft[m] = left - payload;
    int p = allocPacket();
    pMsg[p] = m;
    int src = mSrc[m];
    pNode[p] = src;
    pInLink[p] = NONE;
    pVc[p] = VC_ESC;
    pSeq[p] = seq;
    pChunks[p] = (payload + fmt.chunkBytes() - 1) / fmt.chunkBytes();
    route(p);
  }

  private void onEvent(long arg) {
    int id = (int) (arg & ID_MASK);
    long kind = arg & ~ID_MASK;
    if (kind == K_HEAD) {
      onHead(id);
    } else if (kind == K_SERVICE) {
      if (serviceAt[id] == sim.now()) {
        serviceAt[id] = NO_SERVICE;
        service(id);
      }
    } else if (kind == K_INJECTED) {
      fireInjected(id);
    } else {
      fireInjected(id); // a message to its own node
      mDone[id] = sim.now();
      delivered++;
      if (delivered == msgCount && touched != null && sim.tracer().enabled()) {
        // the network is idle: the window in progress ends here, and every link shown drops to 0
        long now = sim.now();
        traceWindow(Math.min(now, windowEnd - TRACE_WINDOW), now);
        traceWindow(now, now);
        windowEnd = 0;
      }
      Delivery cb = mCallback[id];
      mCallback[id] = null;
      if (cb != null) {
        cb.delivered(id);
      }
    }
  }

  private void onHead(int p) {
    int v = pNode[p];
    int m = pMsg[p];
    if (v == mDst[m]) {
      long now = sim.now();
      long tail = now + wireTime[pChunks[p]];
      pushCredit(pInLink[p], pVc[p], tail + creditLatency, wire(pChunks[p]));
      if (tail > mLastTail[m]) {
        mLastTail[m] = tail;
      }
      mGot[m] +=
          Math.min(mBytes[m], (long) fmt.maxPayloadBytes() * (pSeq[p] + 1))
              - (long) fmt.maxPayloadBytes() * pSeq[p];
      freePacket(p);
      if (--mToDeliver[m] == 0) {
        sim.scheduleAt(mLastTail[m], handler, K_DONE | m);
      }
      return;
    }
    route(p);
  }

  /**
   * Puts packet {@code p}, at router {@code pNode[p]} and not at its destination, in the queue of
   * its next link: a dynamic VC with room (claimed now) or the escape VC of its dimension-order
   * link.
   */
  private void route(int p) {
    int v = pNode[p];
    int m = pMsg[p];
    int dst = mDst[m];
    // tie_break split: the node's packets to tied destinations go plus and minus in turn
    int dir = ((pSeq[p] & 1) == 1) == mTieMinusFirst[m] ? mDir[m] : mDir[m] ^ mTie[m];
    if (dynamic) {
      int w = wire(pChunks[p]);
      int best = NONE;
      int bestFree = 0;
      int seen = 0;
      for (int d = 0; d < TorusShape.DIMS; d++) {
        if (!torus.differs(v, dst, d)) {
          continue;
        }
        int link = v * Torus.PORTS + 2 * d + ((dir >>> d) & 1);
        drainCredits(link);
        int free = dynCredits[link];
        if (free < w) {
          continue;
        }
        if (best == NONE || free > bestFree || (free == bestFree && qLen[link] < qLen[best])) {
          best = link;
          bestFree = free;
          seen = 1;
        } else if (free == bestFree && qLen[link] == qLen[best]) {
          seen++;
          if (ties != null && ties.nextInt(1, seen) == 1) {
            best = link;
          }
        }
      }
      if (best != NONE) {
        dynCredits[best] -= w;
        enqueue(best, DYN, p);
        kick(best);
        return;
      }
    }
    int port = torus.nextPortDimensionOrder(v, dst, dir);
    int link = v * Torus.PORTS + port;
    int in = pInLink[p];
    int cls = in >= 0 && pVc[p] == VC_ESC && in % Torus.PORTS == port ? CONT : ENTER;
    enqueue(link, cls, p);
    kick(link);
  }

  private void kick(int link) {
    if (busyUntil[link] > sim.now()) {
      ensureService(link, busyUntil[link]);
    } else {
      service(link);
    }
  }

  private void ensureService(int link, long t) {
    if (serviceAt[link] != t) {
      serviceAt[link] = t;
      if (t - sim.now() == services.delay) {
        push(services, K_SERVICE | link);
      } else {
        sim.scheduleAt(t, handler, K_SERVICE | link);
      }
    }
  }

  private void service(int link) {
    long now = sim.now();
    if (busyUntil[link] > now) {
      ensureService(link, busyUntil[link]);
      return;
    }
    drainCredits(link);
    int cr = credits[link];
    int dcr = dynamic ? dynCredits[link] : -1;
    int q = QUEUES * link;
    int pc = qHead[q + CONT];
    int pe = qHead[q + ENTER];
    boolean[] ok = readyScratch;
    ok[CONT] = pc != NONE && (cr >= wire(pChunks[pc]) || dcr >= wire(pChunks[pc]));
    ok[ENTER] = pe != NONE && (cr >= wire(pChunks[pe]) + bubble || dcr >= wire(pChunks[pe]));
    ok[DYN] = qHead[q + DYN] != NONE;
    int cls = NONE;
    for (int i = 1; i <= QUEUES; i++) {
      int c = (lastCls[link] + i) % QUEUES;
      if (ok[c]) {
        cls = c;
        break;
      }
    }
    if (cls == NONE) {
      if (qLen[link] == 0) {
        serviceAt[link] = NO_SERVICE;
      } else if (crHead[link] != NONE) {
        ensureService(link, cTime[crHead[link]]);
      } else {
        serviceAt[link] = WAIT_CREDIT;
      }
      return;
    }
    lastCls[link] = (byte) cls;
    int p = dequeue(link, cls);
    int w = wire(pChunks[p]);
    byte vc;
    if (cls == DYN) {
      vc = VC_DYN; // claimed when it was routed
    } else if (cr >= w + (cls == ENTER ? bubble : 0)) {
      vc = VC_ESC;
      credits[link] -= w;
    } else {
      vc = VC_DYN;
      dynCredits[link] -= w;
    }
    transmit(link, p, vc);
    if (qLen[link] > 0) {
      ensureService(link, busyUntil[link]);
    } else {
      serviceAt[link] = NO_SERVICE;
    }
  }

  private void transmit(int link, int p, byte vc) {
    long now = sim.now();
    int chunks = pChunks[p];
    int w = wire(chunks);
    long s = wireTime[chunks];
    busyUntil[link] = now + s;
    busyTotal[link] += s;
    if (sim.tracer().enabled()) {
      traceTouch(link);
    }
    packetHops++;
    int in = pInLink[p];
    byte inVc = pVc[p];
    pInLink[p] = link;
    pVc[p] = vc;
    pNode[p] = neighbor[link];
    if (cableLatency > 0 && torus.isCable(link)) {
      // A cable's extra delay is the same for every packet on the link, so they stay in order.
      sim.schedule(hopLatency + cableLatency, handler, K_HEAD | p);
    } else {
      push(heads, K_HEAD | p);
    }
    if (in >= 0) {
      pushCredit(in, inVc, now + s + creditLatency, w);
    } else {
      int m = pMsg[p];
      // every packet of the message has been made before the last one starts on the wire
      boolean last = mToInject[m] == 0;
      injectNext(m);
      if (last && mInjected[m] != null) {
        // the last packet has left the injection FIFO; its tail is on the first link at now + s
        sim.schedule(s, handler, K_INJECTED | m);
      }
    }
  }

  private void fireInjected(int m) {
    Delivery cb = mInjected[m];
    if (cb != null) {
      mInjected[m] = null;
      cb.delivered(m);
    }
  }

  private void enqueue(int link, int cls, int p) {
    int q = QUEUES * link + cls;
    pQueue[p] = q;
    pNext[p] = NONE;
    if (qTail[q] == NONE) {
      qHead[q] = p;
    } else {
      pNext[qTail[q]] = p;
    }
    qTail[q] = p;
    qLen[link]++;
  }

  private int dequeue(int link, int cls) {
    int q = QUEUES * link + cls;
    int p = qHead[q];
    pQueue[p] = NONE;
    qHead[q] = pNext[p];
    if (qHead[q] == NONE) {
      qTail[q] = NONE;
    }
    qLen[link]--;
    return p;
  }

  private void pushCredit(int link, byte vc, long time, int bytes) {
    if (freeCr == NONE) {
      growCredits(cTime.length + (cTime.length >> 1));
    }
    int c = freeCr;
    freeCr = cNext[c];
    crUsed++;
    cTime[c] = time;
    cBytes[c] = bytes;
    cVc[c] = vc;
    cNext[c] = NONE;
    if (crTail[link] == NONE) {
      crHead[link] = c;
    } else {
      cNext[crTail[link]] = c;
    }
    crTail[link] = c;
    if (serviceAt[link] == WAIT_CREDIT) {
      ensureService(link, time);
    }
  }

  private void drainCredits(int link) {
    long now = sim.now();
    int c = crHead[link];
    // Returns are collected in the order they were made; one that falls due later than the next
    // holds that next one back a little, which errs on the side of less buffer, never more.
    while (c != NONE && cTime[c] <= now) {
      if (cVc[c] == VC_ESC) {
        credits[link] += cBytes[c];
      } else {
        dynCredits[link] += cBytes[c];
      }
      int next = cNext[c];
      cNext[c] = freeCr;
      freeCr = c;
      crUsed--;
      c = next;
    }
    crHead[link] = c;
    if (c == NONE) {
      crTail[link] = NONE;
    }
  }

  private int allocPacket() {
    if (freePkt == NONE) {
      growPackets(pMsg.length + (pMsg.length >> 1));
    }
    int p = freePkt;
    freePkt = pNext[p];
    pktUsed++;
    return p;
  }

  private void freePacket(int p) {
    pNext[p] = freePkt;
    freePkt = p;
    pktUsed--;
  }

  private void growPackets(int cap) {
    int old = pMsg == null ? 0 : pMsg.length;
    pMsg = pMsg == null ? new int[cap] : Arrays.copyOf(pMsg, cap);
    pNode = pNode == null ? new int[cap] : Arrays.copyOf(pNode, cap);
    pInLink = pInLink == null ? new int[cap] : Arrays.copyOf(pInLink, cap);
    pNext = pNext == null ? new int[cap] : Arrays.copyOf(pNext, cap);
    pChunks = pChunks == null ? new int[cap] : Arrays.copyOf(pChunks, cap);
    pSeq = pSeq == null ? new int[cap] : Arrays.copyOf(pSeq, cap);
    pVc = pVc == null ? new byte[cap] : Arrays.copyOf(pVc, cap);
    pQueue = pQueue == null ? new int[cap] : Arrays.copyOf(pQueue, cap);
    for (int i = cap - 1; i >= old; i--) {
      pQueue[i] = NONE;
      pNext[i] = freePkt;
      freePkt = i;
    }
  }

  private void growCredits(int cap) {
    int old = cTime == null ? 0 : cTime.length;
    cTime = cTime == null ? new long[cap] : Arrays.copyOf(cTime, cap);
    cBytes = cBytes == null ? new int[cap] : Arrays.copyOf(cBytes, cap);
    cVc = cVc == null ? new byte[cap] : Arrays.copyOf(cVc, cap);
    cNext = cNext == null ? new int[cap] : Arrays.copyOf(cNext, cap);
    for (int i = cap - 1; i >= old; i--) {
      cNext[i] = freeCr;
      freeCr = i;
    }
  }

  private void growMessages(int cap) {
    int c = Math.max(cap, 16);
    mSrc = mSrc == null ? new int[c] : Arrays.copyOf(mSrc, c);
    mDst = mDst == null ? new int[c] : Arrays.copyOf(mDst, c);
    mDir = mDir == null ? new int[c] : Arrays.copyOf(mDir, c);
    mTie = mTie == null ? new int[c] : Arrays.copyOf(mTie, c);
    mTieMinusFirst = mTieMinusFirst == null ? new boolean[c] : Arrays.copyOf(mTieMinusFirst, c);
    mToInject = mToInject == null ? new int[c] : Arrays.copyOf(mToInject, c);
    mToDeliver = mToDeliver == null ? new int[c] : Arrays.copyOf(mToDeliver, c);
    mPayloadLeft = mPayloadLeft == null ? new long[c] : Arrays.copyOf(mPayloadLeft, c);
    mBytes = mBytes == null ? new long[c] : Arrays.copyOf(mBytes, c);
    mGot = mGot == null ? new long[c] : Arrays.copyOf(mGot, c);
    mSend = mSend == null ? new long[c] : Arrays.copyOf(mSend, c);
    mDone = mDone == null ? new long[c] : Arrays.copyOf(mDone, c);
    mLastTail = mLastTail == null ? new long[c] : Arrays.copyOf(mLastTail, c);
    mCallback = mCallback == null ? new Delivery[c] : Arrays.copyOf(mCallback, c);
    mInjected = mInjected == null ? new Delivery[c] : Arrays.copyOf(mInjected, c);
  }

  @Override
  public long sendTime(int id) {
    return mSend[checkId(id)];
  }

  @Override
  public long deliveryTime(int id) {
    return mDone[checkId(id)];
  }

  private int checkId(int id) {
    if (id < 0 || id >= msgCount) {
      throw new IllegalArgumentException("no message " + id);
    }
    return id;
  }

  @Override
  public int messagesSent() {
    return msgCount;
  }

  @Override
  public int messagesDelivered() {
    return delivered;
  }

  @Override
  public long packetHops() {
    return packetHops;
  }

  @Override
  public long linkBusyTime(int link) {
    return busyTotal[link];
  }

  /**
   * Throws a {@link StuckException} if messages are left undelivered while no event of the network
   * is pending: its one-line message names the first {@value #STUCK_LISTED} stuck messages (source,
   * destination, payload delivered of total) and where the first packet of each waits (the link,
   * its virtual channel, the queue ahead of it and the free buffer downstream).
   */
  @Override
  public void checkDelivered() {
    int missing = msgCount - delivered;
    if (missing == 0) {
      return;
    }
    // the first packet in the network of every stuck message, by message id
    int[] head = new int[msgCount];
    Arrays.fill(head, NONE);
    for (int p = 0; p < pQueue.length; p++) {
      if (pQueue[p] != NONE) {
        int m = pMsg[p];
        if (head[m] == NONE || pSeq[p] < pSeq[head[m]]) {
          head[m] = p;
        }
      }
    }
    StringBuilder sb =
        new StringBuilder("torus: ")
            .append(missing)
            .append(" of ")
            .append(msgCount)
            .append(" messages undelivered and no packet can move: ");
    int listed = 0;
    for (int m = 0; m < msgCount && listed < STUCK_LISTED; m++) {
      if (mDone[m] != Time.NEVER || mToDeliver[m] == 0) {
        continue;
      }
      if (listed++ > 0) {
        sb.append("; ");
      }
      sb.append("message ")
          .append(m)
          .append(' ')
          .append(torus.name(mSrc[m]))
          .append(" -> ")
          .append(torus.name(mDst[m]))
          .append(", ")
          .append(mGot[m])
          .append(" of ")
          .append(mBytes[m])
          .append(" B delivered");
      int p = head[m];
      if (p == NONE) {
        sb.append(", no packet in the network");
        continue;
      }
      int q = pQueue[p];
      int link = q / QUEUES;
      int cls = q % QUEUES;
      drainCredits(link);
      sb.append(", packet ")
          .append(pSeq[p])
          .append(" waits at ")
          .append(torus.name(pNode[p]))
          .append(" for link ")
          .append(torus.linkName(link))
          .append(
              cls == DYN
                  ? " (dynamic VC"
                  : cls == ENTER ? " (deterministic VC, entering" : " (deterministic VC")
          .append(", ")
          .append(qLen[link])
          .append(" queued, ")
          .append(credits[link])
          .append(" B deterministic and ")
          .append(dynCredits[link])
          .append(" B dynamic buffer free)");
    }
    if (missing > listed) {
      sb.append("; and ").append(missing - listed).append(" more");
    }
    throw new StuckException(sb.toString());
  }

  /**
   * Test hook: sets the room a packet entering a ring must leave free on the escape VC (the bubble
   * rule asks for one maximum packet); 0 switches the rule off, so rings can deadlock.
   */
  void bubbleBytesForTest(int bytes) {
    bubble = bytes;
  }

  /** Returns the packets currently in the network (queued or on a link). */
  public int packetsInFlight() {
    return pktUsed;
  }

  /** Returns the free receive-buffer bytes of a link as last collected, for tests. */
  int creditsOf(int link) {
    drainCredits(link);
    return credits[link];
  }

  /** Returns pending credit returns, for tests. */
  int pendingCreditReturns() {
    return crUsed;
  }
}
