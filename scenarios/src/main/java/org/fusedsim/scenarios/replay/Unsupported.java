package org.fusedsim.scenarios.replay;

import java.util.Locale;

/** What the replay does with a call the profile does not support. */
public enum Unsupported {
  /**
   * End the job at the first such call (what the released CL does on a call it has no case for).
   */
  ABORT,
  /** Return the error the profile returns ({@code ENOSYS}, ...), at the profile's cost. */
  ERRNO,
  /** Leave the call out: no cost, the thread goes on. */
  SKIP;

  /** Parses {@code abort}, {@code errno} or {@code skip}. */
  public static Unsupported parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** The default of a profile: abort for the released CL, the profile's errno elsewhere. */
  public static Unsupported defaultFor(String profile) {
    return profile.equals("fusedos-released") ? ABORT : ERRNO;
  }
}
