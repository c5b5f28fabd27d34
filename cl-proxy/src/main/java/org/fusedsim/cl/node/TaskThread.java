package org.fusedsim.cl.node;

import java.util.function.IntSupplier;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.net.NetThread;

/**
 * A Linux task as a thread network software runs in: its CPU time is bursts of the task, and it
 * waits by blocking in the kernel; a wake goes through the scheduler (a reschedule IPI from the
 * waking CPU when the task's CPU must switch).
 */
public final class TaskThread implements NetThread {
  private final LinuxKernel kernel;
  private final Task task;
  private final IntSupplier wakerCpu;
  private boolean sleeping;
  private Runnable early;

  /**
   * Wraps {@code task}; {@code wakerCpu} tells which CPU executes a wake (-1 for none: a timer or
   * completion outside the kernel).
   *
   * @param asleep whether the task is asleep now (a new task that waits for its first wake)
   */
  public TaskThread(LinuxKernel kernel, Task task, IntSupplier wakerCpu, boolean asleep) {
    this.kernel = kernel;
    this.task = task;
    this.wakerCpu = wakerCpu;
    this.sleeping = asleep;
  }

  /** Returns the task. */
  public Task task() {
    return task;
  }

  @Override
  public void compute(long ps, Runnable then) {
    kernel.run(task, ps, then);
  }

  @Override
  public void sleep() {
    if (early != null) {
      Runnable r = early;
      early = null;
      r.run();
      return;
    }
    sleeping = true;
    kernel.block(task);
  }

  @Override
  public void wake(Runnable then) {
    if (!sleeping) {
      if (early != null) {
        throw new IllegalStateException("task " + task + " woken twice before it slept");
      }
      early = then;
      return;
    }
    sleeping = false;
    kernel.wake(task, wakerCpu.getAsInt(), then);
  }
}
