package org.fusedsim.bgq.chip;

import java.util.Arrays;
import org.fusedsim.core.Simulation;

/**
 * One BG/Q chip: cores of SMT hardware threads executing {@link Work}. Everything that runs on a
 * node runs on one of these threads, one piece of work at a time.
 *
 * <h2>Rate model</h2>
 *
 * Issue: each running thread may issue up to its cap per cycle: {@code thread_issue} for work
 * without a profile (a cost in cycles), its rate alone from {@link CoreModel} for profiled work
 * (one instruction per cycle less its stalls). The core issues at most {@code integer_issue} XU and
 * {@code fp_issue} AXU instructions per cycle; the slots are divided max-min fairly by progressive
 * filling ({@link CoreModel#issue}): a thread stalled below its fair share leaves its slots to its
 * siblings. Two integer threads on one core each run at half speed; an integer and a floating-point
 * thread both run at full speed; a thread on another core changes nothing. A thread that is idle or
 * asleep in {@code waitrsv} runs no work and issues nothing.
 *
 * <p>Profiled work: the L1 and TLB of a core and the L2 of the chip are divided among the running
 * profiled pieces max-min by footprint, which sets each one's hit rates and stalls; the DRAM
 * latency its misses wait for rises with the DRAM utilization, and the chip solves for the latency
 * that the load it produces implies (bisection: a longer latency slows the threads, which lowers
 * the load). While any profiled piece runs, every change re-rates every running thread of the chip
 * (the shares of the L2 and of DRAM couple them all): O(threads) arithmetic, no extra event.
 *
 * <p>Memory: a piece with DRAM traffic demands {@code memoryBytes / computeTime} at its issue rate.
 * The node's DRAM bandwidth is shared max-min fairly among the running pieces that move memory
 * (work-conserving: a light user gets all it asks for, the heavy ones split the rest). A piece's
 * compute and memory parts overlap (a roofline): it takes the longer of the two at its rates.
 *
 * <p>Slots of a DRAM-bound thread: a profiled thread whose DRAM share carries fewer instructions
 * than the slots it was given is capped at what the share carries and its core's slots are divided
 * again, so its siblings take the rest; their traffic may move the DRAM shares, so the chip repeats
 * the two steps (caps only fall, each round in thread-id order) until no cap falls.
 *
 * <p>OS work in the shared L2 and DRAM: work without a profile (a kernel path, a daemon, CL, RoQ)
 * touches {@code os_l2_touch} bytes of L2 lines per instruction. A line is missing from the L2 with
 * the probability that the running profiled pieces hold its place (their share of the L2, the
 * pressure, fixed when the piece starts); those lines are the piece's DRAM traffic, sharing DRAM
 * with everyone's. Each evicts a line of a profiled piece in proportion to what the piece holds:
 * when the OS piece ends or is suspended, every running profiled piece pays for its lost lines that
 * it would have hit again, at the loaded DRAM latency over its {@code mlp}, in what is left of it
 * (O(profiled threads) at a change that re-rates them anyway; no event). Alone on the chip OS work
 * finds its lines in the L2 and keeps its cost in cycles.
 *
 * <p>Re-rating: whenever a piece starts, finishes or is suspended, the rates of its core and, if
 * memory is involved, of every memory user are recomputed; each piece whose rates changed keeps the
 * share it has completed and runs the rest at the new rates, its completion moved and its owner
 * told ({@link Execution#rerated}). Cost: one re-rate touches the 4 threads of a core, plus the
 * memory users when one of them is affected.
 */
public final class Chip {
  private final Simulation sim;
  private final ChipParams params;
  private final String path;
  private final CoreRole[] roles;
  private final HardwareThread[] threads;
  private final int tpc;
  private final double capacity; // DRAM bytes per picosecond
  private HardwareThread[] memUsers = new HardwareThread[8];
  private int memCount;
  private double[] demandScratch = new double[8];
  private final CoreModel model;
  private HardwareThread[] profiled = new HardwareThread[8];
  private int profiledCount;
  private double dramCycles;
  // issue rates of the latest allocation, indexed by thread id
  private final double[] newIpc;
  private final double[] capScratch = new double[8];
  private final double[] fpScratch = new double[8];
  private final double[] outScratch = new double[8];
  // scratch of the whole-chip re-rate, indexed by thread id: made when profiled work first runs
  private CoreModel.Rating[] ratings;
  private double[] newShare;
  private double[] bytesPerInstr;
  private int[] users;
  private double[] shareDemand;
  private double[] shareOut;
  private int[] shareOrder;
  private double[] l1Share;
  private double[] tlbShare;
  private double[] eratShare;
  private double[] l2Share;
  private int[] coreIds;
  private int[] profiledIds;
  // issue caps of the threads DRAM holds below their slots, indexed by thread id
  private double[] memCap;
  private int userCount;
  // L2 bytes the running profiled pieces hold, as of the last re-rate
  private double l2Held;
  // cycles of L2 refill that OS work on each core cost the profiled threads
  private final double[] l2RefillBySource;
  private final double[] l2TouchedBySource;
  private double l1Refill;
  private double l2Refill;

  /**
   * Creates the chip with every core {@link CoreRole#UNASSIGNED}.
   *
   * @param path the node's location, prefix of every thread's component path
   */
  public Chip(Simulation sim, ChipParams params, String path) {
    this.sim = sim;
    this.params = params;
    this.path = path;
    this.tpc = params.threadsPerCore();
    this.capacity = params.sustainedBytesPerPs();
    this.model = new CoreModel(params);
    this.dramCycles = params.core().dramCycles();
    roles = new CoreRole[params.cores()];
    Arrays.fill(roles, CoreRole.UNASSIGNED);
    threads = new HardwareThread[params.cores() * tpc];
    newIpc = new double[threads.length];
    l2RefillBySource = new double[params.cores()];
    l2TouchedBySource = new double[params.cores()];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new HardwareThread(this, i);
    }
  }

  /** Makes the scratch of the whole-chip re-rate, which only profiled work needs. */
  private void wholeChipScratch() {
    if (ratings != null) {
      return;
    }
    int n = threads.length;
    ratings = new CoreModel.Rating[n];
    newShare = new double[n];
    bytesPerInstr = new double[n];
    users = new int[n];
    shareDemand = new double[n];
    shareOut = new double[n];
    shareOrder = new int[n];
    l1Share = new double[n];
    tlbShare = new double[n];
    eratShare = new double[n];
    l2Share = new double[n];
    coreIds = new int[tpc];
    profiledIds = new int[n];
    memCap = new double[n];
  }

  /** Creates a chip named {@code node}. */
  public Chip(Simulation sim, ChipParams params) {
    this(sim, params, "node");
  }

  Simulation sim() {
    return sim;
  }

  /** Returns the node's location (the prefix of thread paths). */
  public String path() {
    return path;
  }

  /** Returns the parameters. */
  public ChipParams params() {
    return params;
  }

  /** Assigns a role to a core. */
  public void assignRole(int core, CoreRole role) {
    roles[core] = role;
  }

  /** Returns a core's role. */
  public CoreRole role(int core) {
    return roles[core];
  }

  /** Returns the number of cores. */
  public int cores() {
    return params.cores();
  }

  /** Returns hardware thread {@code index} of {@code core}. */
  public HardwareThread thread(int core, int index) {
    if (core < 0 || core >= params.cores() || index < 0 || index >= tpc) {
      throw new IllegalArgumentException("no thread " + index + " on core " + core + " of " + path);
    }
    return threads[core * tpc + index];
  }

  /** Returns the thread with chip-wide id {@code id} ({@code core * threadsPerCore + index}). */
  public HardwareThread thread(int id) {
    if (id < 0 || id >= threads.length) {
      throw new IllegalArgumentException("no hardware thread " + id + " on " + path);
    }
    return threads[id];
  }

  /** Returns the number of hardware threads. */
  public int threadCount() {
    return threads.length;
  }

  /** Returns how many threads run work now. */
  public int running() {
    int n = 0;
    for (HardwareThread t : threads) {
      if (t.busy()) {
        n++;
      }
    }
    return n;
  }

  /**
   * The set of running pieces of {@code core} changed ({@code t} started or stopped): re-rates the
   * core, and the memory users if {@code t} moves memory or a memory user's issue rate changed.
   */
  void changed(HardwareThread t) {
    long now = sim.now();
    int core = t.core();
    // OS work that follows OS work at once charges its lines when the run of OS work ends: a
    // folded piece and the pieces it stands for charge at the same instant
    if (!t.runsOsWork()) {
      double touched = t.takeL2Touched();
      if (touched > 0) {
        chargeL2(core, touched);
      }
    }
    // a thread whose next piece follows at once may swap a memory-moving piece for one that is not
    boolean memory = t.profile() == null && t.movesMemory();
    if (memory) {
      addMemUser(t);
    } else {
      memory = removeMemUser(t);
    }
    boolean wasProfiled = removeProfiled(t);
    if (t.profile() != null) {
      addProfiled(t);
    }
    if (profiledCount == 0) {
      l2Held = 0;
    }
    if (profiledCount > 0 || wasProfiled) {
      rerateAll(now);
      return;
    }
    int base = core * tpc;
    allocateIssue(core, -1);
    for (int i = 0; i < tpc; i++) {
      HardwareThread x = threads[base + i];
      double s = newIpc[base + i];
      if (x.busy() && x.ipc() != s) {
        x.advance(now);
        x.setIpc(s);
        if (x.movesMemory()) {
          memory = true;
        }
      }
    }
    if (memory) {
      shareMemory(now);
    }
    for (int i = 0; i < tpc; i++) {
      threads[base + i].replanIfDirty();
    }
    if (memory) {
      for (int i = 0; i < memCount; i++) {
        memUsers[i].replanIfDirty();
      }
    }
  }

  /**
   * Divides {@code core}'s issue slots among its running threads into {@code newIpc}; profiled
   * threads are capped at their rate alone at DRAM latency {@code dram} (unused when negative).
   */
  private void allocateIssue(int core, double dram) {
    int base = core * tpc;
    int n = 0;
    for (int i = 0; i < tpc; i++) {
      HardwareThread x = threads[base + i];
      if (x.busy()) {
        // ratings exist once profiled work has run; before that dram is never >= 0
        CoreModel.Rating r = dram >= 0 ? ratings[base + i] : null;
        capScratch[n] =
            x.profile() != null && r != null && dram >= 0
                ? Math.min(
                    Math.min(params.threadIssue(), r.ipcAlone(params.threadIssue(), dram)),
                    memCap[base + i])
                : params.threadIssue();
        fpScratch[n] = x.fpFraction();
        n++;
      }
    }
    CoreModel.issue(capScratch, fpScratch, n, params.integerIssue(), params.fpIssue(), outScratch);
    int k = 0;
    for (int i = 0; i < tpc; i++) {
      if (threads[base + i].busy()) {
        newIpc[base + i] = outScratch[k++];
      } else {
        newIpc[base + i] = 0;
      }
    }
  }

  /**
   * Re-rates every running thread while profiled work runs: cache and TLB shares, ratings, the DRAM
   * latency that the load implies, issue slots per core and DRAM shares.
   */
  private void rerateAll(long now) {
    wholeChipScratch();
    rateProfiled();
    double lo = params.core().dramCycles();
    double dram = lo;
    double atLo = evaluate(lo, false);
    if (atLo > lo) {
      // a longer latency slows the threads and lowers the load, so the latency the load implies
      // falls as the latency rises: the fixed point lies below what the unloaded latency implies
      // (a light load, such as OS work's few lines, brackets it within a fraction of a cycle)
      double hi = Math.min(model.dramCycles(CoreModel.RHO_MAX), atLo);
      // to a hundredth of a cycle: far below what any figure is reported to
      while (hi - lo > 0.01) {
        double mid = 0.5 * (lo + hi);
        if (evaluate(mid, false) > mid) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      dram = hi;
    }
    evaluate(dram, true);
    dramCycles = dram;
    for (HardwareThread x : threads) {
      if (!x.busy()) {
        continue;
      }
      int id = x.id();
      if (x.profile() != null && !ratings[id].equals(x.rating())) {
        x.advance(now);
        x.setRating(ratings[id]);
      }
      if (x.ipc() != newIpc[id]) {
        x.advance(now);
        x.setIpc(newIpc[id]);
      }
      if (bytesPerInstr[id] > 0 && x.memShare() != newShare[id]) {
        x.advance(now);
        x.setMemShare(newShare[id]);
      }
    }
    for (HardwareThread x : threads) {
      x.replanIfDirty();
    }
  }

  /**
   * Rates every running profiled piece at its shares of the L1, TLB and ERAT of its core and L2.
   */
  private void rateProfiled() {
    CoreParams p = params.core();
    java.util.Arrays.fill(ratings, null);
    double[] l1 = l1Share;
    double[] tlb = tlbShare;
    double[] erat = eratShare;
    double[] l2 = l2Share;
    int[] idx = coreIds;
    for (int c = 0; c < params.cores(); c++) {
      int n = 0;
      for (int i = 0; i < tpc; i++) {
        HardwareThread x = threads[c * tpc + i];
        if (x.busy() && x.profile() != null) {
          idx[n++] = x.id();
        }
      }
      if (n == 0) {
        continue;
      }
      share(idx, n, p.l1Bytes(), l1, false);
      share(idx, n, p.tlbEntries(), tlb, true);
      share(idx, n, p.eratEntries(), erat, true);
    }
    // a piece that has just finished is still listed until its thread reports the change
    int[] all = profiledIds;
    int m = 0;
    for (HardwareThread x : threads) {
      if (x.busy() && x.profile() != null) {
        all[m++] = x.id();
      }
    }
    java.util.Arrays.fill(l2, 0);
    // the pressure changes now: a mark already due is passed at the pressure of its time
    long now = sim.now();
    for (HardwareThread x : threads) {
      x.passMarkIfDue(now);
    }
    share(all, m, p.l2Bytes(), l2, false);
    l2Held = 0;
    for (int i = 0; i < m; i++) {
      l2Held += l2[all[i]];
    }
    for (int i = 0; i < m; i++) {
      int id = all[i];
      HardwareThread x = threads[id];
      ratings[id] = model.rate(x.profile(), l1[id], l2[id], tlb[id], erat[id], x.translation());
    }
  }

  /**
   * Shares {@code capacity} (bytes, or entries when {@code pages}) max-min among threads {@code
   * ids} by footprint, each asking for at most the capacity.
   */
  private void share(int[] ids, int n, double capacity, double[] out, boolean pages) {
    for (int i = 0; i < n; i++) {
      HardwareThread x = threads[ids[i]];
      double f = x.profile().footprintBytes();
      if (pages) {
        CoreParams p = params.core();
        f /= x.translation() == Translation.PAGED ? p.pagedPage() : p.staticPage();
        f = StrictMath.ceil(f);
      }
      shareDemand[i] = Math.min(f, capacity);
    }
    CoreModel.maxMin(capacity, shareDemand, n, shareOut, shareOrder);
    for (int i = 0; i < n; i++) {
      out[ids[i]] = shareOut[i];
    }
  }

  /**
   * Issue rates of every core and DRAM shares of every memory user at DRAM latency {@code dram},
   * into {@code newIpc} and {@code newShare}; returns the DRAM latency the resulting load implies.
   * With {@code slots}, the slots DRAM-bound threads leave go to their siblings: that moves no load
   * (it only happens while DRAM is saturated, and it stays so), so the search for the latency
   * leaves it to the final evaluation.
   */
  private double evaluate(double dram, boolean slots) {
    Arrays.fill(memCap, Double.POSITIVE_INFINITY);
    for (int c = 0; c < params.cores(); c++) {
      allocateIssue(c, dram);
    }
    // a thread that DRAM holds below its issue share issues nothing while it waits (in-order A2):
    // its slots go to its siblings, whose traffic may change the shares; caps only fall, so the
    // rounds converge, and a thread is capped only by a real shortfall
    double used = shareDram();
    // below the capacity every user has all it asks for: nobody waits on bandwidth
    for (int round = 0;
        slots
            && round < MAX_SLOT_ROUNDS
            && used >= capacity * (1 - 1e-9)
            && capBandwidthLimited(dram);
        round++) {
      used = shareDram();
    }
    return model.dramCycles(used / capacity);
  }

  /** Rounds of moving a DRAM-bound thread's slots to its siblings: the shares settle in a few. */
  private static final int MAX_SLOT_ROUNDS = 16;

  /**
   * Caps every profiled thread whose DRAM share carries fewer instructions than it is given slots
   * for at the rate its share carries, and re-divides its core's slots; returns whether any cap
   * fell.
   */
  private boolean capBandwidthLimited(double dram) {
    double cycle = params.cyclePs();
    long cores = 0;
    // users are in thread-id order, and so are the caps and the cores divided again
    for (int i = 0; i < userCount; i++) {
      int id = users[i];
      HardwareThread x = threads[id];
      double b = bytesPerInstr[id];
      if (x.profile() == null || b == Double.POSITIVE_INFINITY) {
        continue;
      }
      double rate = newShare[id] * cycle / b;
      if (rate < newIpc[id] * (1 - 1e-9) && rate < memCap[id] * (1 - 1e-9)) {
        memCap[id] = rate;
        cores |= 1L << x.core();
      }
    }
    for (int c = 0; c < params.cores(); c++) {
      if ((cores & (1L << c)) != 0) {
        allocateIssue(c, dram);
      }
    }
    return cores != 0;
  }

  /**
   * DRAM shares of every memory user at the issue rates in {@code newIpc}, into {@code newShare};
   * returns the bandwidth used.
   */
  private double shareDram() {
    int n = 0;
    double cycle = params.cyclePs();
    for (HardwareThread x : threads) {
      int id = x.id();
      newShare[id] = 0;
      bytesPerInstr[id] = 0;
      if (!x.busy()) {
        continue;
      }
      double b;
      if (x.profile() != null) {
        b = ratings[id].bytesPerInstruction();
      } else {
        b = x.bytesPerInstruction();
      }
      bytesPerInstr[id] = b;
      if (b > 0) {
        users[n] = id;
        shareDemand[n] = newIpc[id] > 0 ? b * newIpc[id] / cycle : Double.POSITIVE_INFINITY;
        if (Double.isNaN(shareDemand[n])) {
          shareDemand[n] = Double.POSITIVE_INFINITY;
        }
        n++;
      }
    }
    CoreModel.maxMin(capacity, shareDemand, n, shareOut, shareOrder);
    userCount = n;
    double used = 0;
    for (int i = 0; i < n; i++) {
      newShare[users[i]] = shareOut[i];
      used += shareOut[i];
    }
    return used;
  }

  /**
   * The share of the L2 that the running profiled pieces hold: the chance that a line of OS work
   * was evicted since it last ran, so that it comes back from DRAM.
   */
  double l2Pressure() {
    return Math.min(1, l2Held / params.core().l2Bytes());
  }

  /**
   * OS work on {@code core} touched {@code bytes} of L2 lines: each one that the profiled pieces
   * evicted comes from DRAM and evicts a line of theirs, each losing in proportion to what it holds
   * of the L2; each pays its refill in what is left of its piece (O(profiled threads), no event).
   */
  private void chargeL2(int core, double bytes) {
    l2TouchedBySource[core] += bytes;
    if (l2Share == null || profiledCount == 0) {
      return;
    }
    double l2 = params.core().l2Bytes();
    for (int i = 0; i < profiledCount; i++) {
      HardwareThread x = profiled[i];
      if (x.busy() && x.rating() != null) {
        double c = x.chargeL2Refill(bytes * l2Share[x.id()] / l2, dramCycles);
        l2RefillBySource[core] += c;
        l2Refill += c;
      }
    }
  }

  /**
   * Returns the cycles the chip's profiled threads spent fetching back L2 lines that OS work (work
   * without a profile) on {@code core} displaced, so far.
   */
  public double l2RefillCycles(int core) {
    return l2RefillBySource[core];
  }

  /**
   * Returns the cycles profiled threads were charged so far for refilling L1 lines that OS work on
   * their own thread displaced (read at no cost: no thread is brought up to date).
   */
  public double l1RefillCycles() {
    return l1Refill;
  }

  /** Returns the cycles of {@link #l2RefillCycles(int)} of every core, so far. */
  public double l2RefillCycles() {
    return l2Refill;
  }

  void addL1Refill(double cycles) {
    l1Refill += cycles;
  }

  /** Returns the L2 bytes OS work (work without a profile) on {@code core} touched so far. */
  public double l2TouchedBytes(int core) {
    return l2TouchedBySource[core];
  }

  private void addProfiled(HardwareThread t) {
    if (profiledCount == profiled.length) {
      profiled = Arrays.copyOf(profiled, profiledCount * 2);
    }
    profiled[profiledCount++] = t;
  }

  private boolean removeProfiled(HardwareThread t) {
    for (int i = 0; i < profiledCount; i++) {
      if (profiled[i] == t) {
        System.arraycopy(profiled, i + 1, profiled, i, profiledCount - i - 1);
        profiled[--profiledCount] = null;
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the DRAM load-to-use latency in cycles at the current load (as of the last re-rate).
   */
  public double dramLatencyCycles() {
    return dramCycles;
  }

  /** Returns the sum of every thread's counters, as of now. */
  public HardwareThread.Counters counters() {
    HardwareThread.Counters c = HardwareThread.Counters.ZERO;
    for (HardwareThread x : threads) {
      c = c.plus(x.counters());
    }
    return c;
  }

  /** Returns the sum of the counters of {@code core}'s threads, as of now. */
  public HardwareThread.Counters counters(int core) {
    HardwareThread.Counters c = HardwareThread.Counters.ZERO;
    for (int i = 0; i < tpc; i++) {
      c = c.plus(threads[core * tpc + i].counters());
    }
    return c;
  }

  private void addMemUser(HardwareThread t) {
    for (int i = 0; i < memCount; i++) {
      if (memUsers[i] == t) {
        return;
      }
    }
    if (memCount == memUsers.length) {
      memUsers = Arrays.copyOf(memUsers, memCount * 2);
    }
    memUsers[memCount++] = t;
  }

  private boolean removeMemUser(HardwareThread t) {
    for (int i = 0; i < memCount; i++) {
      if (memUsers[i] == t) {
        System.arraycopy(memUsers, i + 1, memUsers, i, memCount - i - 1);
        memUsers[--memCount] = null;
        return true;
      }
    }
    return false;
  }

  /**
   * Max-min fair shares of the DRAM bandwidth among the memory users (progressive filling over
   * their demands at their issue rates; ties by thread id, so the result is independent of the
   * order users arrived in).
   */
  private void shareMemory(long now) {
    int n = memCount;
    if (n == 0) {
      return;
    }
    HardwareThread[] order = Arrays.copyOf(memUsers, n);
    if (demandScratch.length < n) {
      demandScratch = new double[Math.max(n, demandScratch.length * 2)];
    }
    double[] demand = demandScratch;
    for (int i = 0; i < n; i++) {
      demand[i] = order[i].memoryDemand();
    }
    // sort users by (demand, id): insertion sort, n is at most the thread count
    for (int i = 1; i < n; i++) {
      HardwareThread x = order[i];
      double d = demand[i];
      int j = i - 1;
      while (j >= 0 && (demand[j] > d || (demand[j] == d && order[j].id() > x.id()))) {
        order[j + 1] = order[j];
        demand[j + 1] = demand[j];
        j--;
      }
      order[j + 1] = x;
      demand[j + 1] = d;
    }
    double left = capacity;
    for (int i = 0; i < n; i++) {
      double fair = left / (n - i);
      double share = Math.min(demand[i], fair);
      left -= share;
      HardwareThread x = order[i];
      if (x.memShare() != share) {
        x.advance(now);
        x.setMemShare(share);
      }
    }
  }
}
