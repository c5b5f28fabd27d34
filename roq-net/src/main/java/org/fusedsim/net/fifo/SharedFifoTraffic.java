package org.fusedsim.net.fifo;

import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;

/**
 * What two stacks do to each other's packets when they inject into the same MU injection FIFO (a
 * layout booted with conflicts allowed, {@link FifoOwnershipTable#claimShared}).
 *
 * <p>Mechanism: each stack keeps its own copy of the FIFO's tail pointer, so a descriptor one stack
 * writes can be overwritten, or sent, by the other. <b>Model assumption (estimate; the hardware
 * outcome of such a collision is not documented):</b> a descriptor that owner A injects into a
 * shared FIFO of a node while the other owner B has at least one descriptor outstanding in that
 * same FIFO of that node is misdelivered: all its packets (512 B of payload each) end up on B's
 * reception path and are counted. A descriptor is outstanding from {@link #inject} until {@link
 * #complete}. Descriptors on FIFOs with one owner are never misdelivered, and neither is the first
 * of two stacks when the other has nothing outstanding.
 *
 * <p>Only the count is modelled: callers still deliver the packet on its normal schedule, so the
 * consequences (a PAMI receive that never completes, a RoQ retransmission) are not simulated.
 */
public final class SharedFifoTraffic {
  /** Largest payload of one torus packet (bgq-facts.md, "Torus network"). */
  public static final long PACKET_PAYLOAD = 512;

  private final FifoOwnershipTable table;
  private final Map<Long, Map<String, long[]>> outstanding = new TreeMap<>();
  private long misdelivered;
  private long sharedInjections;

  /** Tracks the shared injection FIFOs of {@code table} (one table stands for every node). */
  public SharedFifoTraffic(FifoOwnershipTable table) {
    this.table = table;
  }

  private static long key(int node, int fifo) {
    return ((long) node << 32) | (fifo & 0xffffffffL);
  }

  /** Returns whether injection FIFO {@code fifo} has two owners. */
  public boolean isShared(int fifo) {
    return table.sharedWith(FifoKind.INJECTION, fifo) != null;
  }

  /**
   * Records that {@code owner} injects one descriptor into injection FIFO {@code fifo} of {@code
   * node}, carrying {@code bytes} of payload.
   *
   * @return whether the descriptor is misdelivered under the rule of this class
   */
  public boolean inject(int node, int fifo, String owner, long bytes) {
    if (!isShared(fifo)) {
      return false;
    }
    sharedInjections++;
    Map<String, long[]> byOwner =
        outstanding.computeIfAbsent(key(node, fifo), k -> new TreeMap<>());
    boolean collides = false;
    for (Map.Entry<String, long[]> e : byOwner.entrySet()) {
      if (!e.getKey().equals(owner) && e.getValue()[0] > 0) {
        collides = true;
      }
    }
    byOwner.computeIfAbsent(owner, o -> new long[1])[0]++;
    if (collides) {
      misdelivered += packets(bytes);
    }
    return collides;
  }

  /** Records that a descriptor {@code owner} injected into {@code fifo} of {@code node} is done. */
  public void complete(int node, int fifo, String owner) {
    if (!isShared(fifo)) {
      return;
    }
    Map<String, long[]> byOwner = outstanding.get(key(node, fifo));
    long[] n = byOwner == null ? null : byOwner.get(owner);
    if (n == null || n[0] == 0) {
      throw new IllegalStateException(
          "node " + node + ": '" + owner + "' completes a descriptor it never injected in " + fifo);
    }
    n[0]--;
  }

  /** Returns the torus packets of a {@code bytes}-byte message: 512 B payload each, at least 1. */
  public static long packets(long bytes) {
    return Math.max(1, (bytes + PACKET_PAYLOAD - 1) / PACKET_PAYLOAD);
  }

  /** Returns the packets misdelivered so far (every packet of a misdelivered descriptor). */
  public long misdelivered() {
    return misdelivered;
  }

  /** Returns the descriptors injected into shared FIFOs so far. */
  public long sharedInjections() {
    return sharedInjections;
  }

  /** Returns how many injection FIFOs two owners share on each node. */
  public int sharedFifos() {
    return table.shared(FifoKind.INJECTION).length;
  }
}
