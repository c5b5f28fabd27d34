package org.fusedsim.scenarios.io;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.machine.Machines;

/** What the IO scenario kinds share: sections, set-up, personality to path, list parsing. */
final class IoKinds {
  private IoKinds() {}

  /** The personalities, the default first. */
  static final ImmutableList<String> PERSONALITIES = Machines.personalities("fusedos");

  /** Where the IO node's file system is mounted on every compute node. */
  static final String MOUNT = "/gpfs";

  /** The mount table of the IO kinds. */
  static final ImmutableMap<String, Boolean> MOUNTS = ImmutableMap.of(MOUNT, true);

  static ImmutableList<ComponentSpec> sections(ComponentSpec own) {
    return Machines.with(own);
  }

  /** Returns how a personality's file calls reach the IO node. */
  static String path(String personality) {
    return "cnk".equals(personality)
        ? "sysiod function shipping over the Messaging Unit, torus and IO link"
        : "the Linux v9fs client over TCP on RoQ to diod";
  }

  /** Parses a comma list of positive integers at {@code section.key}. */
  static List<Integer> integers(String section, String key, String text, int max) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      int v;
      try {
        v = Integer.parseInt(part.trim());
      } catch (NumberFormatException e) {
        throw new CheckException(section, key, "not an integer: '" + part.trim() + "'");
      }
      if (v < 1 || v > max) {
        throw new CheckException(section, key, v + " is outside 1-" + max);
      }
      out.add(v);
    }
    return out;
  }

  /** Parses a comma list of sizes with units at {@code section.key}. */
  static List<Long> sizes(String section, String key, String text, long min, long max) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      long v;
      try {
        v = DataSize.parse(part.trim()).bytes();
      } catch (IllegalArgumentException e) {
        throw new CheckException(section, key, "not a size with unit: '" + part.trim() + "'");
      }
      if (v < min || v > max) {
        throw new CheckException(
            section, key, part.trim() + " is outside " + min + " B - " + max + " B");
      }
      out.add(v);
    }
    return out;
  }
}
