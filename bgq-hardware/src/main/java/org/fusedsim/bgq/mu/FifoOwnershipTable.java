package org.fusedsim.bgq.mu;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Who owns each injection and reception memory FIFO of one node's MU. Claims are all-or-nothing: a
 * claim of several FIFOs that conflicts on any of them claims none and names every conflict.
 */
public final class FifoOwnershipTable {
  private final int node;
  private final String[] injection = new String[MuGeometry.INJECTION_FIFOS];
  private final String[] reception = new String[MuGeometry.RECEPTION_FIFOS];
  private final String[] injectionSecond = new String[MuGeometry.INJECTION_FIFOS];
  private final String[] receptionSecond = new String[MuGeometry.RECEPTION_FIFOS];

  /** Creates an empty table for node {@code node} (the rank, used in messages). */
  public FifoOwnershipTable(int node) {
    this.node = node;
  }

  private String[] table(FifoKind kind) {
    return kind == FifoKind.INJECTION ? injection : reception;
  }

  private String[] second(FifoKind kind) {
    return kind == FifoKind.INJECTION ? injectionSecond : receptionSecond;
  }

  /** Claims one FIFO for {@code owner}. */
  public void claim(FifoKind kind, int fifoId, String owner) {
    claim(kind, new int[] {fifoId}, owner);
  }

  /**
   * Claims FIFOs for {@code owner}. Claiming a FIFO one already owns is allowed.
   *
   * @throws FifoConflictException if another owner holds any of them (nothing is claimed)
   * @throws IllegalArgumentException if an id is out of range
   */
  public void claim(FifoKind kind, int[] fifoIds, String owner) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("a FIFO owner needs a name");
    }
    String[] t = table(kind);
    List<Integer> conflicts = new ArrayList<>();
    for (int id : fifoIds) {
      if (id < 0 || id >= t.length) {
        throw new IllegalArgumentException(
            kind.label() + " FIFO id " + id + " out of range 0-" + (t.length - 1));
      }
      if (t[id] != null && !t[id].equals(owner)) {
        conflicts.add(id);
      }
    }
    if (!conflicts.isEmpty()) {
      int first = conflicts.get(0);
      StringJoiner ids = new StringJoiner(", ");
      if (conflicts.size() > 1) {
        for (int id : conflicts) {
          ids.add(id + " owned by '" + t[id] + "'");
        }
      }
      throw new FifoConflictException(node, kind, first, t[first], owner, ids.toString());
    }
    for (int id : fifoIds) {
      t[id] = owner;
    }
  }

  /**
   * Claims FIFOs for {@code owner} like {@link #claim(FifoKind, int[], String)}, except that a FIFO
   * another owner already holds is not refused: it is recorded as shared by both (the first owner
   * stays {@link #owner}, {@code owner} becomes {@link #sharedWith}). This is the boot of a layout
   * that lets two stacks collide on purpose; {@link #claim} still throws.
   *
   * @return the ids that are now shared, ascending as given (empty if none)
   * @throws IllegalStateException if a FIFO already has two other owners
   * @throws IllegalArgumentException if an id is out of range
   */
  public int[] claimShared(FifoKind kind, int[] fifoIds, String owner) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("a FIFO owner needs a name");
    }
    String[] t = table(kind);
    String[] s = second(kind);
    List<Integer> conflicts = new ArrayList<>();
    for (int id : fifoIds) {
      if (id < 0 || id >= t.length) {
        throw new IllegalArgumentException(
            kind.label() + " FIFO id " + id + " out of range 0-" + (t.length - 1));
      }
      if (t[id] != null && !t[id].equals(owner)) {
        if (s[id] != null && !s[id].equals(owner)) {
          throw new IllegalStateException(
              "node "
                  + node
                  + ": "
                  + MuGeometry.describe(kind, id)
                  + " already shared by '"
                  + t[id]
                  + "' and '"
                  + s[id]
                  + "'");
        }
        conflicts.add(id);
      }
    }
    for (int id : fifoIds) {
      if (t[id] == null) {
        t[id] = owner;
      } else if (!t[id].equals(owner)) {
        s[id] = owner;
      }
    }
    return conflicts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Returns the second owner of a shared FIFO, or {@code null} if it has at most one owner. */
  public String sharedWith(FifoKind kind, int fifoId) {
    return second(kind)[fifoId];
  }

  /** Returns the ids of the FIFOs of one kind that two owners hold, ascending. */
  public int[] shared(FifoKind kind) {
    String[] s = second(kind);
    return java.util.stream.IntStream.range(0, s.length).filter(i -> s[i] != null).toArray();
  }

  /** Claims every FIFO of one kind in {@code subgroup}. */
  public void claimSubgroup(FifoKind kind, int subgroup, String owner) {
    int[] ids = new int[kind.perSubgroup()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = MuGeometry.fifoId(kind, subgroup, i);
    }
    claim(kind, ids, owner);
  }

  /** Releases a FIFO held by {@code owner}. */
  public void release(FifoKind kind, int fifoId, String owner) {
    String[] t = table(kind);
    if (owner.equals(second(kind)[fifoId])) {
      second(kind)[fifoId] = null;
      return;
    }
    if (!owner.equals(t[fifoId])) {
      throw new IllegalStateException(
          "node "
              + node
              + ": "
              + MuGeometry.describe(kind, fifoId)
              + " is owned by '"
              + t[fifoId]
              + "', not '"
              + owner
              + "'");
    }
    t[fifoId] = second(kind)[fifoId];
    second(kind)[fifoId] = null;
  }

  /** Returns the owner of a FIFO, or {@code null} if free. */
  public String owner(FifoKind kind, int fifoId) {
    return table(kind)[fifoId];
  }

  /** Returns the ids of the free FIFOs of one kind, ascending. */
  public int[] free(FifoKind kind) {
    String[] t = table(kind);
    return java.util.stream.IntStream.range(0, t.length).filter(i -> t[i] == null).toArray();
  }
}
