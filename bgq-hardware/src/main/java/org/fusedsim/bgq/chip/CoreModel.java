package org.fusedsim.bgq.chip;

/**
 * The analytic A2 core and memory hierarchy: what a {@link WorkProfile} costs a thread, and how a
 * core's issue slots and a shared capacity are divided. Pure functions of their arguments; {@link
 * Chip} calls them whenever the set of running pieces changes.
 *
 * <h2>Model (a mechanistic in-order model, after Karkhanis and Smith's interval analysis)</h2>
 *
 * <ul>
 *   <li>A thread alone issues one instruction per cycle except when it waits. It waits for a result
 *       still in flight: an instruction whose producer has latency {@code L} and sits {@code D}
 *       instructions earlier stalls {@code max(0, L - D)} cycles; with {@code D} geometric of the
 *       profile's mean that is {@code sum_{k=1..L-1} P(D <= k)} per consumer ({@link
 *       #dependencyStall}). It waits {@code mispredict} cycles per mispredicted branch.
 *   <li>Loads wait for misses: an L1 miss that hits the L2 costs {@code l2 - load_use}, a stream
 *       miss the L1P prefetcher covers costs {@code l1p - load_use}, both divided by the profile's
 *       memory parallelism ({@code mlp}); a DRAM miss costs the loaded DRAM latency over {@code
 *       mlp}, a streamed DRAM line the loaded latency over the prefetch depth (Little's law: the
 *       L1P keeps that many lines in flight). Stores retire into the store queue and never wait.
 *   <li>Hit rates come from the profile's miss-ratio curve at the capacity the thread holds: the L1
 *       and the TLB are divided among a core's profiled threads, the L2 among the chip's, max-min
 *       by footprint ({@link #maxMin}). Each DRAM line is an L2 line; a store miss moves two (the
 *       fill and the write-back).
 *   <li>Translation: the ERAT reloads from the TLB on a miss; under {@link Translation#PAGED} a TLB
 *       miss walks the page table. Static mappings never miss the TLB.
 * </ul>
 *
 * The result is a {@link Rating}: stall cycles per instruction at zero DRAM latency plus a part
 * linear in the DRAM latency, so that the chip can solve for the latency that the load produces
 * without recomputing the curves. The stalls of one thread are independent of its siblings except
 * through the shared capacities; the siblings take the slots it leaves ({@link #issue}).
 *
 * <p>A thread whose DRAM share carries fewer instructions than its issue share issues only what the
 * share carries (in-order: while it waits for memory it issues nothing); {@link Chip} gives its
 * unused slots to its siblings and re-shares DRAM until the caps settle.
 *
 * <p>Left out: instruction-cache and I-ERAT misses, L2 slice and bank conflicts, DRAM page
 * locality, the A2's load-miss queue limit beyond {@code mlp}, and the cost work (work without a
 * profile) that is bandwidth-limited: a cost keeps its slots, as its cycles were calibrated whole.
 */
final class CoreModel {
  private final ChipParams chip;
  private final CoreParams p;
  private final double lineServiceCycles;

  CoreModel(ChipParams chip) {
    this.chip = chip;
    this.p = chip.core();
    double bytesPerCycle = chip.sustainedBytesPerPs() * chip.cyclePs();
    this.lineServiceCycles = p.l2Line() / bytesPerCycle;
  }

  /**
   * What a profiled piece costs one thread per instruction, at given shares of the caches.
   *
   * @param fixedStall stall cycles per instruction besides DRAM latency
   * @param perDramCycle stall cycles per instruction per cycle of DRAM latency
   * @param bytesPerInstruction DRAM bytes per instruction
   * @param l1Misses L1 misses per instruction
   * @param l2Misses L2 misses per instruction
   * @param eratMisses ERAT misses per instruction
   * @param tlbMisses TLB misses per instruction
   * @param tlbCycles stall cycles per instruction of ERAT and TLB misses
   */
  record Rating(
      double fixedStall,
      double perDramCycle,
      double bytesPerInstruction,
      double l1Misses,
      double l2Misses,
      double eratMisses,
      double tlbMisses,
      double tlbCycles) {
    /** The thread's issue rate alone (instructions per cycle) at a DRAM latency. */
    double ipcAlone(double threadIssue, double dramCycles) {
      return 1 / (1 / threadIssue + fixedStall + perDramCycle * dramCycles);
    }
  }

  /**
   * Rates {@code w} on a thread holding {@code l1} and {@code l2} bytes of the caches, {@code tlb}
   * TLB and {@code erat} ERAT entries, translating by {@code tr}.
   */
  Rating rate(WorkProfile w, double l1, double l2, double tlb, double erat, Translation tr) {
    double d = w.dependencyDistance();
    double fixed =
        w.load() * dependencyStall(p.loadUseCycles(), d)
            + w.fp() * dependencyStall(p.fpCycles(), d)
            + w.integer() * dependencyStall(p.intCycles(), d)
            + w.branch() * w.mispredictRate() * p.mispredictCycles();
    double s1 = w.streamMissRatio(l1, p.l1Line());
    double n1 = w.missRatio(l1, p.l1Line()) - s1;
    double s2 = w.streamMissRatio(l2, p.l2Line());
    double n2 = Math.min(n1, w.missRatio(l2, p.l2Line()) - s2);
    double mlp = w.mlp();
    double use = p.loadUseCycles();
    fixed +=
        w.load()
            * ((n1 - n2) * Math.max(0, p.l2Cycles() - use) / mlp
                + s1 * Math.max(0, p.l1pCycles() - use) / mlp
                - n2 * use / mlp);
    double perDram = w.load() * (n2 / mlp + s2 / p.prefetchDepth());
    double bytes = p.l2Line() * (n2 + s2) * (w.load() + 2 * w.store());
    double access = w.load() + w.store();
    double page = tr == Translation.PAGED ? p.pagedPage() : p.staticPage();
    double em = Math.min(1, w.missRatio(erat * page, page));
    double tm = tr == Translation.PAGED ? Math.min(em, w.missRatio(tlb * page, page)) : 0;
    double tlbCycles = access * ((em - tm) * p.eratMissCycles() + tm * p.tableWalkCycles());
    fixed += tlbCycles;
    return new Rating(
        fixed,
        perDram,
        bytes,
        access * (n1 + s1),
        access * (n2 + s2),
        access * em,
        access * tm,
        tlbCycles);
  }

  /**
   * The DRAM latency in cycles at utilization {@code rho}: the zero-load latency plus the queueing
   * of an M/M/1 server whose service is one L2 line at the sustained bandwidth (utilization capped
   * at {@link #RHO_MAX}).
   */
  double dramCycles(double rho) {
    double r = Math.max(0, Math.min(RHO_MAX, rho));
    return p.dramCycles() + lineServiceCycles * r / (1 - r);
  }

  /** The highest utilization the queueing term is evaluated at. */
  static final double RHO_MAX = 0.95;

  /**
   * Expected stall of a consumer whose producer has {@code latency} cycles and sits a geometric
   * number of instructions earlier with mean {@code meanDistance}: {@code E[max(0, L - D)] =
   * sum_{k=1..L-1} P(D <= k)} with {@code P(D <= k) = 1 - (1 - 1/mean)^k}.
   */
  static double dependencyStall(int latency, double meanDistance) {
    double q = 1 - 1 / meanDistance;
    double qk = 1;
    double sum = 0;
    for (int k = 1; k < latency; k++) {
      qk *= q;
      sum += 1 - qk;
    }
    return sum;
  }

  /**
   * Max-min fair shares of {@code capacity} among {@code n} demands (progressive filling: a demand
   * below the fair share gets all it asks for, the rest split what is left). Ties are resolved by
   * index, so the result does not depend on the order demands arrived in.
   */
  static void maxMin(double capacity, double[] demand, int n, double[] out, int[] order) {
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 1; i < n; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && demand[order[j]] > demand[x]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    double left = capacity;
    for (int i = 0; i < n; i++) {
      int x = order[i];
      double share = Math.min(demand[x], left / (n - i));
      out[x] = share;
      left -= share;
    }
  }

  /**
   * Divides a core's issue slots among its running threads: thread {@code i} issues at most {@code
   * cap[i]} instructions per cycle (its rate alone), a share {@code fp[i]} of them to the AXU and
   * the rest to the XU; the core issues at most {@code xu} XU and {@code axu} AXU instructions per
   * cycle. Max-min fair by progressive filling: all rates rise together; a thread stops at its cap,
   * or when a unit it uses is full. So a stalled thread's slots go to its siblings, and two
   * FP-heavy threads share the one AXU while an integer sibling runs beside them.
   */
  static void issue(double[] cap, double[] fp, int n, double xu, double axu, double[] out) {
    int open = 0;
    // frozen threads as bits: a core has at most a few threads
    long frozenBits = 0;
    for (int i = 0; i < n; i++) {
      out[i] = 0;
      if (cap[i] > 0) {
        open++;
      } else {
        frozenBits |= 1L << i;
      }
    }
    while (open > 0) {
      double sumX = 0;
      double sumF = 0;
      double usedX = 0;
      double usedF = 0;
      double delta = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        usedX += out[i] * (1 - fp[i]);
        usedF += out[i] * fp[i];
        if ((frozenBits & (1L << i)) == 0) {
          sumX += 1 - fp[i];
          sumF += fp[i];
          delta = Math.min(delta, cap[i] - out[i]);
        }
      }
      if (sumX > 0) {
        delta = Math.min(delta, (xu - usedX) / sumX);
      }
      if (sumF > 0) {
        delta = Math.min(delta, (axu - usedF) / sumF);
      }
      delta = Math.max(0, delta);
      usedX = 0;
      usedF = 0;
      for (int i = 0; i < n; i++) {
        if ((frozenBits & (1L << i)) == 0) {
          out[i] += delta;
        }
        usedX += out[i] * (1 - fp[i]);
        usedF += out[i] * fp[i];
      }
      boolean xuFull = usedX >= xu * (1 - 1e-9);
      boolean axuFull = usedF >= axu * (1 - 1e-9);
      for (int i = 0; i < n; i++) {
        if ((frozenBits & (1L << i)) == 0
            && (out[i] >= cap[i] * (1 - 1e-12)
                || (xuFull && fp[i] < 1)
                || (axuFull && fp[i] > 0))) {
          frozenBits |= 1L << i;
          open--;
        }
      }
    }
  }

  ChipParams chip() {
    return chip;
  }
}
