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
  // one table per node of a whole partition: a FIFO holds the number of its owner's name in
  // `owners` (1 up, 0 when free), and the tables of second owners exist only once a FIFO is shared
  private final List<String> owners = new ArrayList<>(4);
  private final Names injection = new Names(MuGeometry.INJECTION_FIFOS);
  private final Names reception = new Names(MuGeometry.RECEPTION_FIFOS);
  private Names injectionSecond;
  private Names receptionSecond;

  /** Creates an empty table for node {@code node} (the rank, used in messages). */
  public FifoOwnershipTable(int node) {
    this.node = node;
  }

  private Names table(FifoKind kind) {
    return kind == FifoKind.INJECTION ? injection : reception;
  }

  /** The second owners of {@code kind}'s FIFOs; made when {@code create}, else null until then. */
  private Names second(FifoKind kind, boolean create) {
    if (kind == FifoKind.INJECTION) {
      if (injectionSecond == null && create) {
        injectionSecond = new Names(MuGeometry.INJECTION_FIFOS);
      }
      return injectionSecond;
    }
    if (receptionSecond == null && create) {
      receptionSecond = new Names(MuGeometry.RECEPTION_FIFOS);
    }
    return receptionSecond;
  }

  private String second(FifoKind kind, int fifoId) {
    Names s = second(kind, false);
    return s == null ? null : s.get(fifoId);
  }

  /** The index of {@code owner} in {@code owners}, added if new (a claim names one owner). */
  private int number(String owner) {
    int last = owners.size() - 1;
    if (last >= 0 && owners.get(last).equals(owner)) {
      return last;
    }
    int n = owners.indexOf(owner);
    if (n < 0) {
      owners.add(owner);
      n = owners.size() - 1;
    }
    return n;
  }

  /**
   * The owner of each FIFO of one kind, as numbers of names in {@code owners}: a byte each while
   * the numbers fit (a node has a handful of owners), a short each from the first that does not.
   */
  private final class Names {
    private byte[] ids;
    private short[] wide;

    Names(int fifos) {
      ids = new byte[fifos];
    }

    int length() {
      return wide != null ? wide.length : ids.length;
    }

    String get(int fifoId) {
      int n = wide != null ? wide[fifoId] : ids[fifoId];
      return n == 0 ? null : owners.get(n - 1);
    }

    void set(int fifoId, String owner) {
      int n = owner == null ? 0 : number(owner) + 1;
      if (wide == null && n > Byte.MAX_VALUE) {
        wide = new short[ids.length];
        for (int i = 0; i < ids.length; i++) {
          wide[i] = ids[i];
        }
        ids = null;
      }
      if (wide != null) {
        wide[fifoId] = (short) n;
      } else {
        ids[fifoId] = (byte) n;
      }
    }
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
    Names t = table(kind);
    List<Integer> conflicts = new ArrayList<>();
    for (int id : fifoIds) {
      if (id < 0 || id >= t.length()) {
        throw new IllegalArgumentException(
            kind.label() + " FIFO id " + id + " out of range 0-" + (t.length() - 1));
      }
      if (t.get(id) != null && !t.get(id).equals(owner)) {
        conflicts.add(id);
      }
    }
    if (!conflicts.isEmpty()) {
      int first = conflicts.get(0);
      StringJoiner ids = new StringJoiner(", ");
      if (conflicts.size() > 1) {
        for (int id : conflicts) {
          ids.add(id + " owned by '" + t.get(id) + "'");
        }
      }
      throw new FifoConflictException(node, kind, first, t.get(first), owner, ids.toString());
    }
    for (int id : fifoIds) {
      t.set(id, owner);
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
    Names t = table(kind);
    List<Integer> conflicts = new ArrayList<>();
    for (int id : fifoIds) {
      if (id < 0 || id >= t.length()) {
        throw new IllegalArgumentException(
            kind.label() + " FIFO id " + id + " out of range 0-" + (t.length() - 1));
      }
      if (t.get(id) != null && !t.get(id).equals(owner)) {
        String s = second(kind, id);
        if (s != null && !s.equals(owner)) {
          throw new IllegalStateException(
              "node "
                  + node
                  + ": "
                  + MuGeometry.describe(kind, id)
                  + " already shared by '"
                  + t.get(id)
                  + "' and '"
                  + s
                  + "'");
        }
        conflicts.add(id);
      }
    }
    for (int id : fifoIds) {
      if (t.get(id) == null) {
        t.set(id, owner);
      } else if (!t.get(id).equals(owner)) {
        second(kind, true).set(id, owner);
      }
    }
    return conflicts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Returns the second owner of a shared FIFO, or {@code null} if it has at most one owner. */
  public String sharedWith(FifoKind kind, int fifoId) {
    return second(kind, fifoId);
  }

  /** Returns the ids of the FIFOs of one kind that two owners hold, ascending. */
  public int[] shared(FifoKind kind) {
    Names s = second(kind, false);
    if (s == null) {
      return new int[0];
    }
    return java.util.stream.IntStream.range(0, s.length()).filter(i -> s.get(i) != null).toArray();
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
    Names t = table(kind);
    String s = second(kind, fifoId);
    if (owner.equals(s)) {
      second(kind, true).set(fifoId, null);
      return;
    }
    if (!owner.equals(t.get(fifoId))) {
      throw new IllegalStateException(
          "node "
              + node
              + ": "
              + MuGeometry.describe(kind, fifoId)
              + " is owned by '"
              + t.get(fifoId)
              + "', not '"
              + owner
              + "'");
    }
    t.set(fifoId, s);
    if (s != null) {
      second(kind, true).set(fifoId, null);
    }
  }

  /** Returns the owner of a FIFO, or {@code null} if free. */
  public String owner(FifoKind kind, int fifoId) {
    return table(kind).get(fifoId);
  }

  /** Returns the ids of the free FIFOs of one kind, ascending. */
  public int[] free(FifoKind kind) {
    Names t = table(kind);
    return java.util.stream.IntStream.range(0, t.length()).filter(i -> t.get(i) == null).toArray();
  }
}
