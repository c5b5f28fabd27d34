package org.fusedsim.fusedosfs;

/**
 * A Linux task (a thread). It runs bursts of CPU time ({@link LinuxKernel#run}), blocks ({@link
 * LinuxKernel#block}) and is woken with a continuation ({@link LinuxKernel#wake}). Every
 * continuation and burst completion must end in {@code run} or {@code block}.
 */
public final class Task {
  /** Scheduling state. */
  public enum State {
    /** Blocked; not on any run queue. */
    SLEEPING,
    /** On a run queue, waiting for its CPU. */
    RUNNABLE,
    /** Owns its CPU (switching in, running, or paused by an interrupt). */
    RUNNING
  }

  private final String name;
  private final int[] allowed;
  final long seq;
  int cpu;
  long vruntime;
  // virtual runtime when it was last switched in (CFS's prev_sum_exec_runtime, equal weights)
  long vruntimeAtSwitch;
  State state = State.SLEEPING;
  Runnable onCpu;
  boolean acted;

  Task(String name, int[] allowed, long seq) {
    this.name = name;
    this.allowed = allowed.clone();
    this.seq = seq;
    this.cpu = allowed[0];
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Returns the CPU the task last ran on (or is queued on). */
  public int cpu() {
    return cpu;
  }

  /** Returns the state. */
  public State state() {
    return state;
  }

  /** Returns the virtual runtime in picoseconds. */
  public long vruntime() {
    return vruntime;
  }

  boolean allows(int c) {
    for (int a : allowed) {
      if (a == c) {
        return true;
      }
    }
    return false;
  }

  int[] allowed() {
    return allowed;
  }

  @Override
  public String toString() {
    return name;
  }
}
