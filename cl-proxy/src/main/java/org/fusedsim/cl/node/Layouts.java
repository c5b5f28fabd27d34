package org.fusedsim.cl.node;

import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;

/** Checks a personality's memory layout where its values are set (the {@code memory} section). */
public final class Layouts {
  private Layouts() {}

  /**
   * Builds {@code layout} from {@code p}, or names the {@code memory} key whose value breaks it.
   *
   * @throws ConfigException at the key of the first region the layout rejects
   */
  public static MemoryLayout check(
      String personality, java.util.function.Supplier<MemoryLayout> layout) {
    try {
      return layout.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          MemoryParams.KIND, keyOf(e.getMessage()), personality + ": " + e.getMessage());
    }
  }

  private static String keyOf(String message) {
    String m = message == null ? "" : message;
    if (m.startsWith("spc") || m.contains("region spc")) {
      return "spc_chunk";
    }
    for (String k :
        new String[] {
          "monitor_image", "monitor_context", "monitor_config", "linux", "roq", "cnk"
        }) {
      if (m.contains(k)) {
        return switch (k) {
          case "linux", "roq" -> "linux_domain";
          case "cnk" -> "cnk_kernel";
          default -> k;
        };
      }
    }
    return "node_memory";
  }
}
