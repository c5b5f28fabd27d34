package org.fusedsim.bgq.chip;

/**
 * Who runs a piece of work on a hardware thread and hears about it: when it finishes, and whenever
 * the chip re-rates it (a sibling started or stopped, the memory shares changed), so that an owner
 * that announced a time computed from the projected end can announce it again.
 */
public interface Execution {
  /** The piece is done; the thread is idle again. */
  void finished();

  /** The piece's projected end moved (the thread is still running it). */
  default void rerated() {}
}
