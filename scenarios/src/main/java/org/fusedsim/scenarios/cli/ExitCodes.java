package org.fusedsim.scenarios.cli;

/** The exit codes of the user-facing contract (DESIGN.md). */
public final class ExitCodes {
  /** Success; a simulated job that aborted is a result, not a failure. */
  public static final int OK = 0;

  /** A check declared in the scenario failed. */
  public static final int CHECK_FAILED = 1;

  /** Bad input: usage, scenario, trace. */
  public static final int BAD_INPUT = 2;

  /** Internal error. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
