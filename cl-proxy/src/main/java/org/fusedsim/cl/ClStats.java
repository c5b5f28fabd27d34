package org.fusedsim.cl;

import java.util.EnumMap;
import java.util.Map;

/** What CL served, counted by class; shared by the CL processes of a node. */
public final class ClStats {
  private final Map<ServiceClass, Long> byClass = new EnumMap<>(ServiceClass.class);
  private long aborted;
  private long exceptions;
  private Runnable onJobEnd = () -> {};

  /** Sets what happens when CL ends the job (the node stops its simulation). */
  public void onJobEnd(Runnable r) {
    onJobEnd = r;
  }

  void jobEnded() {
    onJobEnd.run();
  }

  void count(ServiceClass c) {
    byClass.merge(c, 1L, Long::sum);
  }

  void aborted() {
    aborted++;
  }

  void exception() {
    exceptions++;
  }

  /** Returns calls served per class. */
  public long served(ServiceClass c) {
    return byClass.getOrDefault(c, 0L);
  }

  /** Returns jobs ended by an unsupported call (released profile). */
  public long abortedJobs() {
    return aborted;
  }

  /** Returns non-syscall exceptions reported by the monitor. */
  public long exceptions() {
    return exceptions;
  }
}
