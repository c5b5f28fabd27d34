package org.fusedsim.scenarios.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The servicing class of each system call under each OS profile, read from {@code syscalls.tsv}
 * (derived from the project's syscall reference, section 7.3; the derivation rules are in the
 * file's header). {@code FILE} means VFS or ION, decided per call from the path and a mount table
 * by the replay engine; {@code UNS:<errno>} and {@code UNS:ABORT} are unsupported calls.
 */
public final class SyscallClasses {
  /** The profiles, in the column order of the table. */
  public static final List<String> PROFILES =
      List.of("fusedos-released", "fusedos-cnkcompat", "cnk", "linux");

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

  private final Map<String, String[]> table;

  private SyscallClasses(Map<String, String[]> table) {
    this.table = table;
  }

  /** Loads the table shipped in the jar. */
  public static SyscallClasses load() {
    Map<String, String[]> t = new TreeMap<>();
    try (InputStream in = SyscallClasses.class.getResourceAsStream("syscalls.tsv")) {
      if (in == null) {
        throw new IllegalStateException("syscalls.tsv missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != PROFILES.size() + 1) {
          throw new IllegalStateException("syscalls.tsv: bad row '" + line + "'");
        }
        t.put(c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // a hashed copy: replay looks up every call; nothing iterates the table
    return new SyscallClasses(new java.util.LinkedHashMap<>(t));
  }

  /** Returns the class of a call under a profile (one of {@link #REPLAY_PROFILES}), or UNLISTED. */
  public String classOf(String profile, String call) {
    int p = PROFILES.indexOf(column(profile));
    if (p < 0) {
      throw new IllegalArgumentException("unknown profile " + profile);
    }
    String[] row = table.get(call);
    return row == null ? UNLISTED : row[p];
  }

  /**
   * What a replay does with a call the table does not list when {@code --allow-unknown-calls} lets
   * it through: the same as before the flag existed.
   */
  public static final String UNKNOWN_TREATMENT =
      "class UNS, under the --unsupported policy: by default fusedos-released ends the job there"
          + " and the other profiles issue it to the node, which returns ENOSYS after its trap"
          + " (FusedOS, CNK) or serves it as a plain system call (Linux)";

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
    return table.containsKey(call);
  }
}
