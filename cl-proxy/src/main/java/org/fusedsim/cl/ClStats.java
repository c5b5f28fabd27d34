package org.fusedsim.cl;

import java.util.EnumMap;
import java.util.Map;
import org.fusedsim.core.LatencyHistogram;

/** What CL served, counted by class; shared by the CL processes of a node. */
public final class ClStats {
  private final Map<ServiceClass, Long> byClass = new EnumMap<>(ServiceClass.class);
  private long aborted;
  private long exceptions;
  private long clones;
  private long idleWakeups;
  private long idleRewaits;
  private long quitIpis;
  private long signals;
  private long threadsLeft;
  private final LatencyHistogram jobExit = new LatencyHistogram("cl.job_exit");
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

  void cloned() {
    clones++;
  }

  void idleWakeup(boolean rewait) {
    idleWakeups++;
    if (rewait) {
      idleRewaits++;
    }
  }

  void quitIpi() {
    quitIpis++;
  }

  void signal() {
    signals++;
  }

  void threadLeft() {
    threadsLeft++;
  }

  void jobExit(long ps) {
    jobExit.record(ps);
  }

  /** Returns the threads CL started for clone calls. */
  public long clones() {
    return clones;
  }

  /**
   * Returns how often an idle CL pthread woke from the condition variable, and how many of those
   * found nothing for it and waited again (the broadcast wakes every idle pthread).
   */
  public long idleWakeups() {
    return idleWakeups;
  }

  /** Returns the idle pthreads' wakeups that found nothing for them. */
  public long idleRewaits() {
    return idleRewaits;
  }

  /** Returns the GPC-to-SPC IPIs (IPI_QUIT) sent at the end of the job. */
  public long quitIpis() {
    return quitIpis;
  }

  /** Returns the SIGUSR1s sent to CL pthreads at the end of the job. */
  public long signals() {
    return signals;
  }

  /** Returns the CL pthreads that left their loop at the end of the job. */
  public long threadsLeft() {
    return threadsLeft;
  }

  /**
   * Returns, per process, the time from the latest of its threads' exit traps until every CL
   * pthread has left (the exits CL still had queued, then the end of the job).
   */
  public LatencyHistogram jobExit() {
    return jobExit;
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
