package org.fusedsim.cl;

/**
 * CL's launch rules (bgq-facts.md, "CL launch rules", from {@code cl/src/cl.cc}): the first SPC is
 * a multiple of 4; processes x threads fit in the SPCs from the first one on; one 192 MiB chunk per
 * SPC.
 */
public final class LaunchRules {
  private LaunchRules() {}

  /**
   * Checks a launch.
   *
   * @throws LaunchException naming the setting that breaks a rule
   */
  public static void check(int firstSpc, int processes, int threads, int spcCount) {
    if (firstSpc % 4 != 0) {
      throw new LaunchException(
          "first_spc",
          "first SPC must be a multiple of 4 (CL starts a process on a core): " + firstSpc);
    }
    if (firstSpc < 0 || firstSpc >= spcCount) {
      throw new LaunchException(
          "first_spc", "first SPC must be 0-" + (spcCount - 1) + ": " + firstSpc);
    }
    long need = (long) processes * threads;
    if (need > spcCount) {
      throw new LaunchException(
          "threads", "processes x threads = " + need + " exceeds the " + spcCount + " SPC threads");
    }
    if (firstSpc + need > spcCount) {
      throw new LaunchException(
          "threads",
          "processes x threads from SPC "
              + firstSpc
              + " need SPCs up to "
              + (firstSpc + need - 1)
              + "; the node has 0-"
              + (spcCount - 1));
    }
  }
}
