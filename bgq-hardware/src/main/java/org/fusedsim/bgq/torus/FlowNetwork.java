package org.fusedsim.bgq.torus;

import java.util.Arrays;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.TraceEvent;
import org.fusedsim.core.Tracer;

/**
 * The flow-level torus, for partitions too large to simulate packet by packet (up to a full
 * Sequoia). A message is a flow along its dimension-order route; the flows that are moving data
 * share every link's rate max-min fairly (progressive filling), recomputed whenever a flow starts
 * or finishes. A flow's last byte arrives {@code hops * hopLatency} after it has been pushed
 * through its bottleneck, the same pipeline term as the packet level, so a lone message takes
 * exactly the packet level's closed form {@code h * hopLatency + wireBytes / rate}.
 *
 * <p>Dynamic routing: a message spreads in equal shares over its dimension-order routes started
 * from each dimension it must cross ({@link #spread}); one rate holds for all its shares, and each
 * link counts the share of the flow that crosses it in the sharing.
 *
 * <p>Not modelled at this level: buffers and backpressure (a flow's rate is its fair share at
 * once), packet interleaving, the adaptive choice itself (the spread is fixed at the start). State
 * is held in arrays over link slots and over messages; a route is one {@code int[]} per message.
 */
public final class FlowNetwork implements TorusNetwork {
  private static final long KIND_SHIFT = 40;
  private static final long K_COMPLETE = 1L << KIND_SHIFT;
  private static final long K_DONE = 2L << KIND_SHIFT;
  private static final long K_RESHARE = 3L << KIND_SHIFT;
  private static final long ID_MASK = (1L << KIND_SHIFT) - 1;

  /** Remaining bytes below which a flow counts as finished (rounding of rate x time). */
  private static final double EPS_BYTES = 1e-3;

  private final Simulation sim;
  private final Torus torus;
  private final TorusParams params;
  private final Simulation.Handler handler = this::onEvent;
  private final double capacity; // bytes per picosecond
  // per link slot of the whole torus, made at the first message: a partition that sends nothing
  // (or a job on a few nodes of a large torus that has not sent yet) holds none of them
  private double[] residual;
  private double[] unfrozenOnLink; // summed weights of the unfrozen flows
  private long[] busyTotal;
  // link-driven sharing: per link slot, the stamp of the re-share that last touched it, its flows
  // as a compressed row, its place in the heap of shares and its share
  private int[] linkStamp;
  private int[] linkDirty;
  private int[] linkStart;
  private int[] linkFlowCount;
  private int[] heapPos;
  private double[] linkKey;
  private int[] heap;
  private int heapSize;
  private int reshareStamp;
  private int dirtyStamp;
  private int[] touched = new int[64];
  private int[] linkFlows = new int[64];
  private int[] frozen = new int[64];
  private int[] candidates = new int[64];
  private int[] changedLinks = new int[64];
  private boolean referenceSharing;

  private int msgCount;
  private int delivered;
  private int[] mHops;
  private int[] mCables;
  private long[] mSend;
  private long[] mDone;
  private long[] mPackets;
  private double[] mRemaining;
  private double[] mRate;
  private int[][] mPath;
  private int[] mOrder; // place in active at the current re-share
  private boolean[] mFrozen;
  private double[][] mWeight; // share of the flow's rate on each link of mPath
  private TorusNetwork.Delivery[] mCallback;
  private TorusNetwork.Delivery[] mInjected;
  private int[] injectedNow = new int[16];

  private int[] active = new int[16];
  private int activeCount;
  private long lastUpdate;
  private long generation;
  private long packetHops;
  private boolean reshareDue;
  private java.util.function.IntFunction<String> names;
  // link loads last reported to the tracer (share of the link's bandwidth), and the links with a
  // non-zero report; only kept while tracing
  private final java.util.Map<Integer, Double> reported = new java.util.TreeMap<>();

  /** Creates the network. */
  public FlowNetwork(Simulation sim, Torus torus, TorusParams params) {
    this.sim = sim;
    this.torus = torus;
    this.params = params;
    this.capacity = params.linkBandwidth().bytesPerSecond() / (double) Time.S;
    grow(64);
  }

  /** Makes the per-link state at the first message. */
  private void linkState() {
    if (busyTotal != null) {
      return;
    }
    int links = torus.linkSlots();
    residual = new double[links];
    unfrozenOnLink = new double[links];
    busyTotal = new long[links];
    linkStamp = new int[links];
    linkDirty = new int[links];
    linkStart = new int[links];
    linkFlowCount = new int[links];
    heapPos = new int[links];
    linkKey = new double[links];
    heap = new int[links];
  }

  private void grow(int cap) {
    int c = Math.max(cap, 16);
    mHops = mHops == null ? new int[c] : Arrays.copyOf(mHops, c);
    mCables = mCables == null ? new int[c] : Arrays.copyOf(mCables, c);
    mSend = mSend == null ? new long[c] : Arrays.copyOf(mSend, c);
    mDone = mDone == null ? new long[c] : Arrays.copyOf(mDone, c);
    mPackets = mPackets == null ? new long[c] : Arrays.copyOf(mPackets, c);
    mRemaining = mRemaining == null ? new double[c] : Arrays.copyOf(mRemaining, c);
    mRate = mRate == null ? new double[c] : Arrays.copyOf(mRate, c);
    mPath = mPath == null ? new int[c][] : Arrays.copyOf(mPath, c);
    mOrder = mOrder == null ? new int[c] : Arrays.copyOf(mOrder, c);
    mFrozen = mFrozen == null ? new boolean[c] : Arrays.copyOf(mFrozen, c);
    mWeight = mWeight == null ? new double[c][] : Arrays.copyOf(mWeight, c);
    mCallback = mCallback == null ? new TorusNetwork.Delivery[c] : Arrays.copyOf(mCallback, c);
    mInjected = mInjected == null ? new TorusNetwork.Delivery[c] : Arrays.copyOf(mInjected, c);
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
  public Fidelity fidelity() {
    return Fidelity.FLOW;
  }

  @Override
  public void nameNodes(java.util.function.IntFunction<String> names) {
    this.names = names;
  }

  /**
   * Reports, when tracing, every link whose load changed at this re-share as a counter on its
   * source node's torus track: the share of the link's bandwidth its flows use now (0 to 1).
   */
  private void traceLinks() {
    Tracer tr = sim.tracer();
    if (!tr.enabled()) {
      return;
    }
    java.util.Map<Integer, Double> now = new java.util.TreeMap<>();
    for (int i = 0; i < activeCount; i++) {
      int m = active[i];
      for (int k = 0; k < mPath[m].length; k++) {
        now.merge(mPath[m][k], mRate[m] * mWeight[m][k] / capacity, Double::sum);
      }
    }
    java.util.Set<Integer> links = new java.util.TreeSet<>(reported.keySet());
    links.addAll(now.keySet());
    for (int l : links) {
      double v = now.getOrDefault(l, 0.0);
      Double before = reported.get(l);
      if (before != null && before == v) {
        continue;
      }
      if (v == 0) {
        reported.remove(l);
      } else {
        reported.put(l, v);
      }
      int node = l / Torus.PORTS;
      int port = l % Torus.PORTS;
      String where = names == null ? torus.name(node) : names.apply(node);
      tr.record(
          new TraceEvent(
              sim.now(),
              where + "/torus",
              "counter.link " + TorusShape.LETTERS.charAt(port / 2) + ((port & 1) == 0 ? "+" : "-"),
              0,
              com.google.common.collect.ImmutableMap.of("value", v)));
    }
  }

  @Override
  public int send(int src, int dst, long payloadBytes, Delivery onInjected, Delivery onDelivered) {
    TorusNetwork.checkSend(torus, src, dst, payloadBytes);
    linkState();
    if (msgCount == mHops.length) {
      grow(msgCount + (msgCount >> 1));
    }
    int m = msgCount++;
    PacketFormat f = params.format();
    long wire = f.wireBytes(payloadBytes);
    int[] path;
    double[] weight;
    if (src == dst) {
      path = new int[0];
      weight = new double[0];
    } else if (params.routing() == Routing.DYNAMIC
        || (params.tieBreak() == TieBreak.SPLIT && torus.tieMask(src, dst) != 0)) {
      int[][] split = spread(src, dst, params.routing() == Routing.DYNAMIC);
      path = split[0];
      weight = new double[path.length];
      for (int k = 0; k < path.length; k++) {
        weight[k] = split[1][k] / (double) split[2][0];
      }
    } else {
      path = torus.route(src, dst, params.tieBreak());
      weight = new double[path.length];
      Arrays.fill(weight, 1.0);
    }
    mHops[m] = torus.distance(src, dst);
    mCables[m] = params.cableLatencyPs() > 0 ? torus.cableHops(src, dst) : 0;
    mWeight[m] = weight;
    mSend[m] = sim.now();
    mDone[m] = Time.NEVER;
    mPackets[m] = f.packets(payloadBytes);
    mCallback[m] = onDelivered;
    mInjected[m] = onInjected;
    mPath[m] = path;
    if (path.length == 0) {
      sim.schedule(0, handler, K_DONE | m);
      return m;
    }
    long serialization = params.linkBandwidth().transferTime(wire);
    for (int k = 0; k < path.length; k++) {
      busyTotal[path[k]] += (long) (serialization * weight[k]);
    }
    advance();
    mRemaining[m] = wire;
    if (activeCount == active.length) {
      active = Arrays.copyOf(active, 2 * activeCount);
    }
    active[activeCount++] = m;
    // Flows that start together are shared out once, by one event at this instant: sending N
    // messages at once costs one progressive filling, not N.
    mRate[m] = 0;
    if (!reshareDue) {
      reshareDue = true;
      generation++;
      sim.schedule(0, handler, K_RESHARE);
    }
    return m;
  }

  private void advance() {
    long now = sim.now();
    long dt = now - lastUpdate;
    if (dt > 0) {
      for (int i = 0; i < activeCount; i++) {
        int m = active[i];
        mRemaining[m] -= mRate[m] * dt;
      }
    }
    lastUpdate = now;
  }

  /** Max-min fair rates by progressive filling, then the next completion event. */
  private void reshare() {
    if (referenceSharing) {
      reshareReference();
    } else {
      reshareByLinks();
    }
    traceLinks();
    scheduleNextCompletion();
  }

  /**
   * Progressive filling driven by the links: a heap of the links that still carry unfrozen flows,
   * keyed by their fair share, gives each round's bottleneck without scanning every flow, and each
   * link's flows (a compressed row list built once per re-share) are the flows it freezes. Costs
   * O(P log L) for P link crossings of the flows in flight instead of the reference's O(rounds x
   * P).
   *
   * <p>Invariants that make it give the reference's rates bit for bit: the share of a round is the
   * minimum of the same quotients; a link is a bottleneck by the reference's own test (candidates
   * are taken from the heap with a margin far wider than rounding and then tested exactly); and the
   * flows frozen in a round are applied to the links in the order of {@code active}, so every
   * link's residual and weight see the same subtractions in the same order.
   */
  private void reshareByLinks() {
    int stamp = ++reshareStamp;
    int touchedCount = 0;
    int crossings = 0;
    for (int i = 0; i < activeCount; i++) {
      int m = active[i];
      mOrder[m] = i;
      mFrozen[m] = false;
      for (int l : mPath[m]) {
        if (linkStamp[l] != stamp) {
          linkStamp[l] = stamp;
          residual[l] = capacity;
          unfrozenOnLink[l] = 0;
          linkFlowCount[l] = 0;
          if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, 2 * touchedCount);
          }
          touched[touchedCount++] = l;
        }
        linkFlowCount[l]++;
        crossings++;
      }
    }
    for (int i = 0; i < activeCount; i++) {
      int m = active[i];
      for (int k = 0; k < mPath[m].length; k++) {
        unfrozenOnLink[mPath[m][k]] += mWeight[m][k];
      }
    }
    // compressed rows: the flows of link l are linkFlows[linkStart[l] .. linkStart[l] + count)
    if (linkFlows.length < crossings) {
      linkFlows = new int[Math.max(crossings, 2 * linkFlows.length)];
    }
    int at = 0;
    for (int j = 0; j < touchedCount; j++) {
      int l = touched[j];
      linkStart[l] = at;
      at += linkFlowCount[l];
      linkFlowCount[l] = 0;
    }
    for (int i = 0; i < activeCount; i++) {
      int m = active[i];
      for (int l : mPath[m]) {
        linkFlows[linkStart[l] + linkFlowCount[l]++] = m;
      }
    }
    heapSize = 0;
    for (int j = 0; j < touchedCount; j++) {
      int l = touched[j];
      heapPos[l] = -1;
      if (unfrozenOnLink[l] >= 1e-9) {
        heapPush(l, residual[l] / unfrozenOnLink[l]);
      }
    }
    if (frozen.length < activeCount) {
      frozen = new int[Math.max(activeCount, 2 * frozen.length)];
    }
    int left = activeCount;
    while (left > 0) {
      if (heapSize == 0) {
        throw new IllegalStateException("max-min sharing made no progress");
      }
      double share = linkKey[heap[0]];
      double rate = Math.max(share, 0);
      double margin = share + Math.abs(share) * 1e-9;
      int nf = 0;
      int popped = 0;
      while (heapSize > 0 && linkKey[heap[0]] <= margin) {
        int l = heapPop();
        if (residual[l] <= share * unfrozenOnLink[l] * (1 + 1e-12)) {
          for (int j = linkStart[l], e = j + linkFlowCount[l]; j < e; j++) {
            int m = linkFlows[j];
            if (!mFrozen[m]) {
              mFrozen[m] = true;
              frozen[nf++] = m;
            }
          }
        }
        if (popped == candidates.length) {
          candidates = Arrays.copyOf(candidates, 2 * popped);
        }
        candidates[popped++] = l;
      }
      if (nf == 0) {
        throw new IllegalStateException("max-min sharing made no progress");
      }
      sortByOrder(frozen, nf);
      int dirty = ++dirtyStamp;
      int changed = 0;
      for (int i = 0; i < nf; i++) {
        int m = frozen[i];
        mRate[m] = rate;
        for (int k = 0; k < mPath[m].length; k++) {
          int l = mPath[m][k];
          residual[l] -= rate * mWeight[m][k];
          unfrozenOnLink[l] -= mWeight[m][k];
          if (linkDirty[l] != dirty) {
            linkDirty[l] = dirty;
            if (changed == changedLinks.length) {
              changedLinks = Arrays.copyOf(changedLinks, 2 * changed);
            }
            changedLinks[changed++] = l;
          }
        }
      }
      left -= nf;
      // the popped links that no frozen flow crossed go back as they were
      for (int j = 0; j < popped; j++) {
        int l = candidates[j];
        if (linkDirty[l] != dirty) {
          heapPush(l, linkKey[l]);
        }
      }
      for (int j = 0; j < changed; j++) {
        int l = changedLinks[j];
        boolean live = unfrozenOnLink[l] >= 1e-9;
        if (heapPos[l] >= 0) {
          if (live) {
            heapUpdate(l, residual[l] / unfrozenOnLink[l]);
          } else {
            heapRemove(l);
          }
        } else if (live) {
          heapPush(l, residual[l] / unfrozenOnLink[l]);
        }
      }
    }
  }

  /** Sorts {@code a[0..n)} by the flows' places in {@code active}. */
  private void sortByOrder(int[] a, int n) {
    // places are distinct and below activeCount: sort them, then map back
    for (int i = 0; i < n; i++) {
      a[i] = mOrder[a[i]];
    }
    Arrays.sort(a, 0, n);
    for (int i = 0; i < n; i++) {
      a[i] = active[a[i]];
    }
  }

  private void heapPush(int l, double key) {
    linkKey[l] = key;
    int i = heapSize++;
    heap[i] = l;
    heapPos[l] = i;
    siftUp(i);
  }

  private int heapPop() {
    int top = heap[0];
    heapRemoveAt(0);
    return top;
  }

  private void heapRemove(int l) {
    heapRemoveAt(heapPos[l]);
  }

  private void heapRemoveAt(int i) {
    int l = heap[i];
    heapPos[l] = -1;
    int last = heap[--heapSize];
    if (i < heapSize) {
      heap[i] = last;
      heapPos[last] = i;
      siftDown(i);
      siftUp(heapPos[last]);
    }
  }

  private void heapUpdate(int l, double key) {
    double old = linkKey[l];
    linkKey[l] = key;
    if (key < old) {
      siftUp(heapPos[l]);
    } else {
      siftDown(heapPos[l]);
    }
  }

  private void siftUp(int i) {
    int l = heap[i];
    double k = linkKey[l];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      int p = heap[parent];
      if (linkKey[p] <= k) {
        break;
      }
      heap[i] = p;
      heapPos[p] = i;
      i = parent;
    }
    heap[i] = l;
    heapPos[l] = i;
  }

  private void siftDown(int i) {
    int l = heap[i];
    double k = linkKey[l];
    int half = heapSize >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      int r = c + 1;
      if (r < heapSize && linkKey[heap[r]] < linkKey[heap[c]]) {
        c = r;
      }
      int cl = heap[c];
      if (k <= linkKey[cl]) {
        break;
      }
      heap[i] = cl;
      heapPos[cl] = i;
      i = c;
    }
    heap[i] = l;
    heapPos[l] = i;
  }

  /**
   * The plain progressive filling the link-driven one must agree with: each round scans every
   * unfrozen flow for the smallest share and freezes the flows crossing a link at that share.
   */
  private void reshareReference() {
    for (int i = 0; i < activeCount; i++) {
      for (int l : mPath[active[i]]) {
        residual[l] = capacity;
        unfrozenOnLink[l] = 0;
      }
    }
    for (int i = 0; i < activeCount; i++) {
      int m = active[i];
      for (int k = 0; k < mPath[m].length; k++) {
        unfrozenOnLink[mPath[m][k]] += mWeight[m][k];
      }
    }
    int[] unfrozen = Arrays.copyOf(active, activeCount);
    int n = activeCount;
    while (n > 0) {
      double share = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        for (int l : mPath[unfrozen[i]]) {
          if (unfrozenOnLink[l] < 1e-9) {
            continue; // only frozen flows left on it (up to rounding of the weights)
          }
          double s = residual[l] / unfrozenOnLink[l];
          if (s < share) {
            share = s;
          }
        }
      }
      double rate = Math.max(share, 0);
      int kept = 0;
      // Flows crossing a bottleneck link are frozen at the share; the rest stay for next round.
      int[] frozenNow = new int[n];
      int nf = 0;
      for (int i = 0; i < n; i++) {
        int m = unfrozen[i];
        boolean bottlenecked = false;
        for (int l : mPath[m]) {
          if (unfrozenOnLink[l] >= 1e-9 && residual[l] <= share * unfrozenOnLink[l] * (1 + 1e-12)) {
            bottlenecked = true;
            break;
          }
        }
        if (bottlenecked) {
          frozenNow[nf++] = m;
        } else {
          unfrozen[kept++] = m;
        }
      }
      for (int i = 0; i < nf; i++) {
        int m = frozenNow[i];
        mRate[m] = rate;
        for (int k = 0; k < mPath[m].length; k++) {
          int l = mPath[m][k];
          residual[l] -= rate * mWeight[m][k];
          unfrozenOnLink[l] -= mWeight[m][k];
        }
      }
      n = kept;
      if (nf == 0) {
        throw new IllegalStateException("max-min sharing made no progress");
      }
    }
  }

  private void scheduleNextCompletion() {
    generation++;
    if (activeCount == 0) {
      return;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < activeCount; i++) {
      int m = active[i];
      double t = Math.max(mRemaining[m], 0) / mRate[m];
      if (t < best) {
        best = t;
      }
    }
    long delay = (long) StrictMath.ceil(best - 1e-6);
    sim.schedule(Math.max(delay, 0), handler, K_COMPLETE | (generation & ID_MASK));
  }

  private void onEvent(long arg) {
    long id = arg & ID_MASK;
    long kind = arg & ~ID_MASK;
    if (kind == K_RESHARE) {
      reshareDue = false;
      advance();
      reshare();
    } else if (kind == K_COMPLETE) {
      if (id != (generation & ID_MASK)) {
        return;
      }
      advance();
      int kept = 0;
      int finished = 0;
      long hop = params.hopLatencyPs();
      for (int i = 0; i < activeCount; i++) {
        int m = active[i];
        if (mRemaining[m] <= EPS_BYTES) {
          mRate[m] = 0;
          sim.schedule(
              Time.times(hop, mHops[m]) + Time.times(params.cableLatencyPs(), mCables[m]),
              handler,
              K_DONE | m);
          if (mInjected[m] != null) {
            if (finished == injectedNow.length) {
              injectedNow = Arrays.copyOf(injectedNow, 2 * finished);
            }
            injectedNow[finished++] = m;
          }
        } else {
          active[kept++] = m;
        }
      }
      activeCount = kept;
      // The last byte has left the source now (the flow's rate held from source to bottleneck).
      // Callbacks run after active is compacted: a message they start joins the re-share below,
      // or the one its send scheduled for this instant.
      for (int i = 0; i < finished; i++) {
        fireInjected(injectedNow[i]);
      }
      if (!reshareDue) {
        reshare();
      }
    } else {
      int m = (int) id;
      fireInjected(m); // a message to its own node
      mDone[m] = sim.now();
      delivered++;
      packetHops += mPackets[m] * mHops[m];
      mPath[m] = null;
      mWeight[m] = null;
      TorusNetwork.Delivery cb = mCallback[m];
      mCallback[m] = null;
      if (cb != null) {
        cb.delivered(m);
      }
    }
  }

  private void fireInjected(int m) {
    TorusNetwork.Delivery cb = mInjected[m];
    if (cb != null) {
      mInjected[m] = null;
      cb.delivered(m);
    }
  }

  /**
   * The links a message spreads over: with {@code adaptive} (dynamic routing) its dimension-order
   * route taken from each of the dimensions it must cross in turn (A B C, B C A, C A B for three),
   * so that a flow loads every productive first and last link as the packet level's adaptive choice
   * does; under {@link TieBreak#SPLIT} each of those both ways round the tied rings. Equal shares
   * each. Returns {distinct links, routes through each link, {number of routes}}.
   */
  private int[][] spread(int src, int dst, boolean adaptive) {
    int mask = torus.directionMask(src, dst, params.tieBreak());
    int ties = params.tieBreak() == TieBreak.SPLIT ? torus.tieMask(src, dst) : 0;
    int[] dims = new int[TorusShape.DIMS];
    int nd = 0;
    for (int d = 0; d < TorusShape.DIMS; d++) {
      if (torus.differs(src, dst, d)) {
        dims[nd++] = d;
      }
    }
    int starts = adaptive ? nd : 1;
    int routes = 0;
    java.util.Map<Integer, Integer> count = new java.util.TreeMap<>();
    for (int half = 0; half < (ties == 0 ? 1 : 2); half++) {
      int dir = half == 0 ? mask : mask ^ ties;
      for (int r = 0; r < starts; r++) {
        routes++;
        int cur = src;
        for (int i = 0; i < nd; i++) {
          int d = dims[(r + i) % nd];
          int port = 2 * d + ((dir >>> d) & 1);
          while (torus.differs(cur, dst, d)) {
            int link = cur * Torus.PORTS + port;
            count.merge(link, 1, Integer::sum);
            cur = torus.linkTarget(link);
          }
        }
      }
    }
    int[] links = new int[count.size()];
    int[] n = new int[count.size()];
    int i = 0;
    for (var e : count.entrySet()) {
      links[i] = e.getKey();
      n[i++] = e.getValue();
    }
    return new int[][] {links, n, {routes}};
  }

  /**
   * Shares by the plain progressive filling ({@link #reshareReference}) instead of the link-driven
   * one: for tests that the two agree.
   */
  void useReferenceSharing(boolean on) {
    referenceSharing = on;
  }

  /** Returns the current rate of message {@code id} in bytes per second (0 if not moving). */
  public double rateBytesPerSecond(int id) {
    return mRate[id] * Time.S;
  }

  @Override
  public long sendTime(int id) {
    return mSend[id];
  }

  @Override
  public long deliveryTime(int id) {
    return mDone[id];
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
    if (busyTotal == null) {
      java.util.Objects.checkIndex(link, torus.linkSlots());
      return 0; // no message yet
    }
    return busyTotal[link];
  }
}
