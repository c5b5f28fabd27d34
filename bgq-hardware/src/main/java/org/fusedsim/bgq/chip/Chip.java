package org.fusedsim.bgq.chip;

import java.util.Arrays;
import org.fusedsim.core.Simulation;

/**
 * One BG/Q chip: cores of SMT hardware threads executing {@link Work}. Everything that runs on a
 * node runs on one of these threads, one piece of work at a time.
 *
 * <h2>Rate model</h2>
 *
 * Issue: all threads running on one core issue at the same rate {@code s} instructions per cycle,
 * the largest that respects the three issue limits: {@code s <= thread_issue}, {@code s * sum(1 -
 * f) <= integer_issue} and {@code s * sum(f) <= fp_issue}, the sums over the core's running threads
 * with floating-point share {@code f}. Two integer threads on one core each run at half speed; an
 * integer and a floating-point thread both run at full speed; a thread on another core changes
 * nothing. A thread that is idle or asleep in {@code waitrsv} runs no work and issues nothing.
 *
 * <p>Memory: a piece with DRAM traffic demands {@code memoryBytes / computeTime} at its issue rate.
 * The node's DRAM bandwidth is shared max-min fairly among the running pieces that move memory
 * (work-conserving: a light user gets all it asks for, the heavy ones split the rest). A piece's
 * compute and memory parts overlap (a roofline): it takes the longer of the two at its rates.
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
    this.capacity = params.memoryBandwidth().bytesPerSecond() / 1e12;
    roles = new CoreRole[params.cores()];
    Arrays.fill(roles, CoreRole.UNASSIGNED);
    threads = new HardwareThread[params.cores() * tpc];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new HardwareThread(this, i / tpc, i % tpc, i);
    }
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
    // a thread whose next piece follows at once may swap a memory-moving piece for one that is not
    boolean memory = t.movesMemory();
    if (memory) {
      addMemUser(t);
    } else {
      memory = removeMemUser(t);
    }
    double s = coreRate(core);
    int base = core * tpc;
    for (int i = 0; i < tpc; i++) {
      HardwareThread x = threads[base + i];
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

  private double coreRate(int core) {
    double intSum = 0;
    double fpSum = 0;
    int base = core * tpc;
    for (int i = 0; i < tpc; i++) {
      HardwareThread x = threads[base + i];
      if (x.busy()) {
        intSum += 1 - x.fpFraction();
        fpSum += x.fpFraction();
      }
    }
    double s = params.threadIssue();
    if (intSum > 0) {
      s = Math.min(s, params.integerIssue() / intSum);
    }
    if (fpSum > 0) {
      s = Math.min(s, params.fpIssue() / fpSum);
    }
    return s;
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
