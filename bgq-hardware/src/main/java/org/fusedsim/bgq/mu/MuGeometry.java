package org.fusedsim.bgq.mu;

/**
 * The fixed resources of one Messaging Unit (bgq-facts.md, "Messaging Unit and FIFO split"; code,
 * {@code MU_Macros.h}): 17 groups x 4 subgroups = 68 subgroups, each with 8 injection FIFOs, 4
 * reception FIFOs and 8 base-address-table entries.
 */
public final class MuGeometry {
  /** Groups per MU. */
  public static final int GROUPS = 17;

  /** Subgroups per group. */
  public static final int SUBGROUPS_PER_GROUP = 4;

  /** Subgroups per MU. */
  public static final int SUBGROUPS = GROUPS * SUBGROUPS_PER_GROUP;

  /** Injection FIFOs per subgroup. */
  public static final int INJECTION_PER_SUBGROUP = 8;

  /** Reception FIFOs per subgroup. */
  public static final int RECEPTION_PER_SUBGROUP = 4;

  /** Base-address-table entries per subgroup. */
  public static final int BAT_PER_SUBGROUP = 8;

  /** Injection memory FIFOs per node: 544. */
  public static final int INJECTION_FIFOS = SUBGROUPS * INJECTION_PER_SUBGROUP;

  /** Reception memory FIFOs per node: 272. */
  public static final int RECEPTION_FIFOS = SUBGROUPS * RECEPTION_PER_SUBGROUP;

  /** Bytes of one descriptor (code, {@code MU_Descriptor.h}). */
  public static final int DESCRIPTOR_BYTES = 64;

  private MuGeometry() {}

  /** Returns the global id of FIFO {@code index} of {@code subgroup}. */
  public static int fifoId(FifoKind kind, int subgroup, int index) {
    if (subgroup < 0 || subgroup >= SUBGROUPS || index < 0 || index >= kind.perSubgroup()) {
      throw new IllegalArgumentException(
          "no "
              + kind.label()
              + " FIFO "
              + index
              + " in subgroup "
              + subgroup
              + ": expected subgroup 0-"
              + (SUBGROUPS - 1)
              + ", index 0-"
              + (kind.perSubgroup() - 1));
    }
    return subgroup * kind.perSubgroup() + index;
  }

  /** Returns the subgroup a FIFO belongs to. */
  public static int subgroupOf(FifoKind kind, int fifoId) {
    return fifoId / kind.perSubgroup();
  }

  /** Returns a FIFO's description for messages, e.g. {@code injection FIFO 472 (subgroup 59)}. */
  public static String describe(FifoKind kind, int fifoId) {
    return kind.label() + " FIFO " + fifoId + " (subgroup " + subgroupOf(kind, fifoId) + ")";
  }
}
