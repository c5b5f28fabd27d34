package org.fusedsim.cl.node;

import org.fusedsim.fusedosfs.NoiseParams;

/** The check of the noise section a personality with a Linux kernel makes before a run. */
public final class NoiseCheck {
  private NoiseCheck() {}

  /**
   * Checks that {@code noise.enabled} names sources that exist.
   *
   * @throws ConfigException at {@code noise.enabled} otherwise
   */
  public static void check(Sections config) {
    try {
      NoiseParams.enabled(config.section(NoiseParams.KIND).text("enabled"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(NoiseParams.KIND, "enabled", e.getMessage());
    }
  }
}
