package org.fusedsim.scenarios.trace;

import java.util.List;
import org.fusedsim.cl.RoutingTable;

/**
 * The servicing class of each system call under each OS profile, as cl-proxy's routing table
 * ({@link RoutingTable}, {@code routing.tsv}) gives it: the same table the node models serve the
 * calls by. {@code FILE} means VFS or ION, decided per call from the path and a mount table by the
 * replay engine; {@code UNS:<errno>} and {@code UNS:ABORT} are unsupported calls.
 */
public final class SyscallClasses {
  /** The profiles, in the column order of the table. */
  public static final List<String> PROFILES = RoutingTable.COLUMNS;

  /**
   * The profiles a replay accepts: the table's columns, and {@code direct}, which routes an SPC's
   * calls as CL's CNK-compatible profile does (the same calls reach Linux, served there by kernel
   * code instead of CL) and so reads that column.
   */
  public static final List<String> REPLAY_PROFILES =
      List.of("fusedos-released", "fusedos-cnkcompat", "cnk", "linux", "direct");

  /** Returns the table column a replay profile reads. */
  public static String column(String profile) {
    return profile.equals("direct") ? "fusedos-cnkcompat" : profile;
  }

  /** Class reported for a call name the table does not list. */
  public static final String UNLISTED = "UNLISTED";

  private final RoutingTable table;

  private SyscallClasses(RoutingTable table) {
    this.table = table;
  }

  /** Loads the table shipped with cl-proxy. */
  public static SyscallClasses load() {
    return new SyscallClasses(RoutingTable.load());
  }

  /** Returns the routing table the classes come from. */
  public RoutingTable routing() {
    return table;
  }

  /** Returns the class of a call under a profile (one of {@link #REPLAY_PROFILES}), or UNLISTED. */
  public String classOf(String profile, String call) {
    String col = column(profile);
    if (!PROFILES.contains(col)) {
      throw new IllegalArgumentException("unknown profile " + profile);
    }
    String c = table.cell(col, call);
    return c == null ? UNLISTED : c;
  }

  /**
   * What a replay does with a call the table does not list when {@code --allow-unknown-calls} lets
   * it through: the same as before the flag existed.
   */
  public static final String UNKNOWN_TREATMENT =
      "class UNS, under the --unsupported policy: by default fusedos-released ends the job there"
          + " and the other profiles issue it to the node, which returns ENOSYS after its trap"
          + " (FusedOS, CNK, Linux)";

  /** The message for a call name the table does not list. */
  public static String unknownCall(String name) {
    return "unknown system call '"
        + name
        + "' (not in the call table; --allow-unknown-calls replays it as "
        + UNKNOWN_TREATMENT
        + ")";
  }

  /** Returns true if the table lists the call. */
  public boolean lists(String call) {
    return table.knows(call);
  }
}
