package org.fusedsim.net.fifo;

import java.util.Arrays;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.mu.MuGeometry;

/**
 * The Messaging Unit FIFOs that the system, RoQ and PAMI claim on one node, in boot order
 * (bgq-facts.md, "Messaging Unit and FIFO split"):
 *
 * <ol>
 *   <li>the system (CNK firmware) holds subgroups 66-67;
 *   <li>RoQ, started with Linux before any job: 36 injection FIFOs in subgroups 59-63 and 2
 *       reception FIFOs in subgroup 59, plus 2 injection and 2 reception FIFOs in subgroup 58 for
 *       IO-node traffic ({@link FifoLayout#FUSEDOS});
 *   <li>PAMI at job start: its global resources at fixed numbers in subgroups 64-65 (10 remote-get
 *       injection FIFOs and 1 collective-combining FIFO); per context up to 10 injection FIFOs (one
 *       per torus direction) and 1 reception FIFO, the lowest free ones of subgroups 0-63; then all
 *       remaining free reception FIFOs.
 * </ol>
 *
 * <p>When a node runs more contexts than 10 injection FIFOs each would fit, every context gets the
 * same smaller share and torus directions share FIFOs (direction {@code d} uses FIFO {@code d mod
 * n}). Claims go through {@link FifoOwnershipTable}, so a collision throws {@link
 * org.fusedsim.bgq.mu.FifoConflictException} naming both owners and the FIFO ids.
 *
 * @param roqInjection RoQ's injection FIFOs for compute-node traffic
 * @param roqReception RoQ's reception FIFOs for compute-node traffic
 * @param roqIoInjection RoQ's injection FIFOs for IO-node traffic
 * @param roqIoReception RoQ's reception FIFOs for IO-node traffic
 * @param pamiGlobalInjection PAMI's remote-get FIFOs then its collective-combining FIFO
 * @param pamiContextInjection per context, its injection FIFOs (index = torus direction mod length)
 * @param pamiContextReception per context, its reception FIFO
 * @param pamiReceptionTotal every reception FIFO PAMI holds after init
 */
public record FifoAllocation(
    int[] roqInjection,
    int[] roqReception,
    int[] roqIoInjection,
    int[] roqIoReception,
    int[] pamiGlobalInjection,
    int[][] pamiContextInjection,
    int[] pamiContextReception,
    int pamiReceptionTotal) {

  /** The owner name of RoQ's claims. */
  public static final String ROQ = "roq";

  /** The owner name of PAMI's claims. */
  public static final String PAMI = "pami";

  /** The owner name of the system's claims. */
  public static final String SYSTEM = "system";

  /** RoQ's injection FIFOs for compute-node traffic (code, roq_init.c). */
  public static final int ROQ_INJECTION = 36;

  /** RoQ's reception FIFOs for compute-node traffic. */
  public static final int ROQ_RECEPTION = 2;

  /** RoQ's injection and reception FIFOs each for IO-node traffic. */
  public static final int ROQ_IO = 2;

  /** PAMI's remote-get injection FIFOs (code, PAMI ResourceManager.h). */
  public static final int PAMI_REMOTE_GET = 10;

  /** Injection FIFOs PAMI wants per context: one per torus direction. */
  public static final int PAMI_PER_CONTEXT = 10;

  /** Subgroups PAMI draws context FIFOs from: 0 to this minus one (64-67 are reserved). */
  public static final int CONTEXT_SUBGROUPS = 64;

  /**
   * Runs the boot sequence on one node's table.
   *
   * @param contexts PAMI contexts on the node (ranks per node x contexts per rank)
   * @throws org.fusedsim.bgq.mu.FifoConflictException if two owners claim one FIFO
   * @throws IllegalArgumentException if the contexts do not fit in the free FIFOs
   */
  public static FifoAllocation boot(FifoOwnershipTable t, FifoLayout layout, int contexts) {
    return boot(t, layout, contexts, false);
  }

  /**
   * Runs the boot sequence; with {@code allowConflicts}, PAMI's fixed global claims that collide
   * with RoQ are recorded as shared ({@link FifoOwnershipTable#claimShared}) instead of rejected,
   * and the Messaging Units count what the collision does to packets.
   *
   * @param allowConflicts whether a RoQ/PAMI collision boots (shared FIFOs) rather than throws
   */
  public static FifoAllocation boot(
      FifoOwnershipTable t, FifoLayout layout, int contexts, boolean allowConflicts) {
    if (contexts < 1) {
      throw new IllegalArgumentException("PAMI needs at least one context, got " + contexts);
    }
    t.claimSubgroup(FifoKind.INJECTION, 66, SYSTEM);
    t.claimSubgroup(FifoKind.INJECTION, 67, SYSTEM);
    t.claimSubgroup(FifoKind.RECEPTION, 66, SYSTEM);
    t.claimSubgroup(FifoKind.RECEPTION, 67, SYSTEM);

    // fusedos: compute traffic from subgroup 59, IO traffic in 58. original: the same counts
    // shifted so that RoQ's injection FIFOs end inside PAMI's fixed subgroups 64-65.
    int roqFirst = layout == FifoLayout.FUSEDOS ? 59 : 61;
    int roqRecSg = layout == FifoLayout.FUSEDOS ? 59 : 64;
    int ioSg = layout == FifoLayout.FUSEDOS ? 58 : 60;
    int[] roqInj = run(MuGeometry.fifoId(FifoKind.INJECTION, roqFirst, 0), ROQ_INJECTION);
    int[] roqRec = run(MuGeometry.fifoId(FifoKind.RECEPTION, roqRecSg, 0), ROQ_RECEPTION);
    int[] ioInj = run(MuGeometry.fifoId(FifoKind.INJECTION, ioSg, 0), ROQ_IO);
    int[] ioRec = run(MuGeometry.fifoId(FifoKind.RECEPTION, ioSg, 0), ROQ_IO);
    t.claim(FifoKind.INJECTION, roqInj, ROQ);
    t.claim(FifoKind.RECEPTION, roqRec, ROQ);
    t.claim(FifoKind.INJECTION, ioInj, ROQ);
    t.claim(FifoKind.RECEPTION, ioRec, ROQ);

    int[] global = run(MuGeometry.fifoId(FifoKind.INJECTION, 64, 0), PAMI_REMOTE_GET + 1);
    if (allowConflicts) {
      t.claimShared(FifoKind.INJECTION, global, PAMI);
    } else {
      t.claim(FifoKind.INJECTION, global, PAMI);
    }

    int limit = CONTEXT_SUBGROUPS * FifoKind.INJECTION.perSubgroup();
    int[] freeInj = Arrays.stream(t.free(FifoKind.INJECTION)).filter(i -> i < limit).toArray();
    int perContext = Math.min(PAMI_PER_CONTEXT, freeInj.length / contexts);
    if (perContext < 1) {
      throw new IllegalArgumentException(
          contexts + " PAMI contexts need one injection FIFO each; " + freeInj.length + " free");
    }
    int recLimit = CONTEXT_SUBGROUPS * FifoKind.RECEPTION.perSubgroup();
    int[] freeRec = Arrays.stream(t.free(FifoKind.RECEPTION)).filter(i -> i < recLimit).toArray();
    if (freeRec.length < contexts) {
      throw new IllegalArgumentException(
          contexts + " PAMI contexts need one reception FIFO each; " + freeRec.length + " free");
    }
    int[][] ctxInj = new int[contexts][];
    int[] ctxRec = new int[contexts];
    for (int c = 0; c < contexts; c++) {
      ctxInj[c] = Arrays.copyOfRange(freeInj, c * perContext, (c + 1) * perContext);
      t.claim(FifoKind.INJECTION, ctxInj[c], PAMI);
      ctxRec[c] = freeRec[c];
      t.claim(FifoKind.RECEPTION, ctxRec[c], PAMI);
    }
    int[] rest = t.free(FifoKind.RECEPTION);
    t.claim(FifoKind.RECEPTION, rest, PAMI);
    return new FifoAllocation(
        roqInj, roqRec, ioInj, ioRec, global, ctxInj, ctxRec, contexts + rest.length);
  }

  private static int[] run(int first, int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = first + i;
    }
    return ids;
  }

  /**
   * Returns whether {@code o} holds the same FIFO ids as this (records compare arrays by identity):
   * nodes booted alike may then share one allocation.
   */
  public boolean sameIds(FifoAllocation o) {
    return Arrays.equals(roqInjection, o.roqInjection)
        && Arrays.equals(roqReception, o.roqReception)
        && Arrays.equals(roqIoInjection, o.roqIoInjection)
        && Arrays.equals(roqIoReception, o.roqIoReception)
        && Arrays.equals(pamiGlobalInjection, o.pamiGlobalInjection)
        && Arrays.deepEquals(pamiContextInjection, o.pamiContextInjection)
        && Arrays.equals(pamiContextReception, o.pamiContextReception)
        && pamiReceptionTotal == o.pamiReceptionTotal;
  }

  /** Returns the injection FIFO context {@code context} uses for torus port {@code port}. */
  public int injectionFifo(int context, int port) {
    int[] f = pamiContextInjection[context];
    return f[port % f.length];
  }

  /** Returns how many injection FIFOs each PAMI context got. */
  public int injectionPerContext() {
    return pamiContextInjection[0].length;
  }
}
