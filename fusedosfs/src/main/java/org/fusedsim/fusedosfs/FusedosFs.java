package org.fusedsim.fusedosfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.Region;
import org.fusedsim.spc.IpiMask;
import org.fusedsim.spc.MonitorCommand;
import org.fusedsim.spc.SpcMonitor;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Trap;

/**
 * The fusedosfs driver: one pseudo-file per SPC thread ({@code /fusedosfs/spcNN}), ioctls to load
 * and boot the monitor (as spcml does), start and stop a thread and wait for its next command, mmap
 * of the thread's 192 MiB of SPC memory, and the IPI handler on CPU 0.
 *
 * <p>The IPI handler: every SPC IPI goes to CPU 0 in the prototype (other targets are what-ifs).
 * After interrupt entry the handler takes the whole per-SPC bit mask at once; for each marked SPC
 * it calls {@code wake_up} on that SPC's wait queue (the CL pthread blocked in the wait ioctl). A
 * handler may find bits whose IPIs are still in flight, and those IPIs later find an empty mask.
 *
 * <p>Each ioctl is a system call of the calling task: entry, the driver's work, exit.
 */
public final class FusedosFs {
  private final LinuxKernel kernel;
  private final LinuxParams params;
  private final MemoryLayout layout;
  private final IpiMask mask;
  private final int cpu0;
  // indexed by SPC: every call of every offloaded syscall looks these up
  private SpcMonitor[] monitors = new SpcMonitor[0];
  private Waiter[] waiters = new Waiter[0];
  private boolean[] pending = new boolean[0];
  private long handlerRuns;
  private long spuriousIpis;
  private long wakeUps;
  private long answerWakeUps;

  private record Waiter(Task task, TrapService onTrap) {}

  /**
   * What a thread blocked in the wait ioctl does with its SPC's trap. It is called on the thread's
   * CPU when the wait ioctl returns, with the time the thread still spends leaving the kernel
   * ({@code syscall_exit}); the service's first burst includes it.
   */
  @FunctionalInterface
  public interface TrapService {
    /** Serves the trap; {@code exitPs} of kernel exit come first. */
    void serve(long exitPs);
  }

  /**
   * Creates the driver.
   *
   * @param layout the FusedOS memory layout (SPC chunks {@code spcNN})
   * @param cpu0 the Linux CPU every SPC IPI targets
   */
  public FusedosFs(LinuxKernel kernel, MemoryLayout layout, IpiMask mask, int cpu0) {
    this.kernel = kernel;
    this.params = kernel.params();
    this.layout = layout;
    this.mask = mask;
    this.cpu0 = cpu0;
  }

  /** Registers an SPC thread's monitor; creates its pseudo-file. */
  public void register(SpcMonitor m) {
    int spc = m.spc();
    if (spc < 0) {
      throw new IllegalArgumentException("SPC " + spc);
    }
    if (spc >= monitors.length) {
      int n = Math.max(spc + 1, monitors.length * 2);
      monitors = Arrays.copyOf(monitors, n);
      waiters = Arrays.copyOf(waiters, n);
      pending = Arrays.copyOf(pending, n);
    }
    monitors[spc] = m;
  }

  /** Returns the pseudo-file names, one per registered SPC thread. */
  public List<String> files() {
    List<String> out = new ArrayList<>();
    for (int spc = 0; spc < monitors.length; spc++) {
      if (monitors[spc] != null) {
        out.add(String.format(Locale.ROOT, "/fusedosfs/spc%02d", spc));
      }
    }
    return out;
  }

  /** Returns the handler the monitors raise their IPIs to Linux CPU 0 with. */
  public InterruptController.IpiHandler ipiHandler() {
    return ipiHandler(cpu0);
  }

  /**
   * Returns the handler of SPC IPIs sent to Linux CPU {@code cpu} (every SPC IPI goes to CPU 0 in
   * the prototype; other targets are what-ifs). Handlers on different CPUs share the one mask.
   */
  public InterruptController.IpiHandler ipiHandler(int cpu) {
    IpiHandlerRun run = new IpiHandlerRun(cpu);
    return from -> kernel.ipiInterrupt(cpu, run::scan, run::wakeScanned);
  }

  private static final int[] NONE = new int[0];

  /** The SPC IPI handler of one CPU. */
  private final class IpiHandlerRun {
    private final int cpu;
    private int[] scanned = NONE;

    IpiHandlerRun(int cpu) {
      this.cpu = cpu;
    }

    /** Interrupt entry is over: the handler takes the whole mask and marks each SPC it finds. */
    long scan() {
      long at = kernel.sim().now();
      handlerRuns++;
      scanned = mask.drain(at);
      if (scanned.length == 0) {
        spuriousIpis++;
      }
      for (int spc : scanned) {
        Trap t = monitors[spc].pending();
        if (t != null) { // null: a command's answer
          t.timeline().mark(Step.HANDLER, at);
        }
      }
      return params.ipiScanPs() + scanned.length * params.wakeupPs();
    }

    void wakeScanned() {
      long now = kernel.sim().now();
      for (int spc : scanned) {
        Trap t = monitors[spc].pending();
        if (t != null) {
          t.timeline().mark(Step.WOKEN, now);
          wakeUps++;
        } else {
          answerWakeUps++;
        }
        Waiter w = waiters[spc];
        waiters[spc] = null;
        if (w == null) {
          pending[spc] = true; // the CL thread has not gone back to sleep yet
        } else {
          kernel.wake(w.task(), cpu, () -> returnToUser(w));
        }
      }
      scanned = NONE;
    }
  }

  private void returnToUser(Waiter w) {
    w.onTrap().serve(params.syscallExitPs());
  }

  /**
   * ioctl WAIT: {@code caller} sleeps until SPC {@code spc} traps; {@code onTrap} runs in user
   * space with the trap readable from the monitor.
   */
  public void waitCommand(Task caller, int spc, Runnable onTrap) {
    waitCommand(caller, spc, exitPs -> kernel.run(caller, exitPs, onTrap));
  }

  /**
   * ioctl WAIT: {@code caller} sleeps until SPC {@code spc} traps; {@code onTrap} is given the trap
   * as the ioctl returns, with the trap readable from the monitor.
   */
  public void waitCommand(Task caller, int spc, TrapService onTrap) {
    requireSpc(spc);
    kernel.run(caller, params.syscallEntryPs(), () -> waitEntered(caller, spc, onTrap));
  }

  /**
   * ioctl WAIT after {@code caller} has entered the kernel ({@code syscall_entry} spent, e.g. at
   * the end of a burst that included it): it sleeps until SPC {@code spc} traps, or serves a trap
   * that came meanwhile at once.
   */
  public void waitEntered(Task caller, int spc, TrapService onTrap) {
    Waiter w = new Waiter(caller, onTrap);
    if (pending[spc]) {
      pending[spc] = false;
      returnToUser(w);
    } else {
      waiters[spc] = w;
      kernel.block(caller);
    }
  }

  /**
   * ioctl LOAD/BOOT (spcml): copies the monitor image into its area and boots every registered SPC
   * thread's monitor, which then waits for START; {@code done} runs in user space.
   */
  public void loadMonitor(Task caller, long imageBytes, Runnable done) {
    long copy = params.copyBandwidth().transferTime(imageBytes);
    kernel.run(
        caller,
        params.syscallEntryPs() + copy + params.syscallExitPs(),
        () -> {
          for (SpcMonitor m : monitors) {
            if (m != null) {
              m.boot();
            }
          }
          done.run();
        });
  }

  /**
   * ioctl COMMAND: posts {@code cmd} (START, EXIT, LOAD_TLB, ...) to SPC {@code spc}. A command the
   * monitor answers ({@link MonitorCommand#answered}) keeps the caller asleep on the SPC's wait
   * queue until the answer's IPI has been handled, as the prototype's ioctl waits for {@code
   * ipi_wakeup} (fusedosfs/inode.c); {@code done} runs in user space.
   */
  public void command(Task caller, int spc, MonitorCommand cmd, long arg, Runnable done) {
    command(caller, spc, cmd, arg, () -> {}, done);
  }

  /** As {@link #command}; {@code posted} runs when the command is stored into the slot. */
  public void command(
      Task caller, int spc, MonitorCommand cmd, long arg, Runnable posted, Runnable done) {
    SpcMonitor m = requireSpc(spc);
    kernel.run(
        caller,
        params.syscallEntryPs(),
        () -> {
          m.post(cmd, arg, caller.cpu());
          posted.run();
          if (cmd.answered()) {
            waitEntered(caller, spc, exitPs -> kernel.run(caller, exitPs, done));
          } else {
            kernel.run(caller, params.syscallExitPs(), done);
          }
        });
  }

  /**
   * ioctl IPI_QUIT: {@code caller} interrupts SPC {@code spc} to end the job (CL's
   * indicate_exit_to_threads); {@code done} runs in user space.
   */
  public void ipiQuit(Task caller, int spc, Runnable done) {
    SpcMonitor m = requireSpc(spc);
    kernel.run(
        caller,
        params.syscallEntryPs(),
        () -> {
          m.quit(kernel.hardware().interrupts(), caller.cpu());
          kernel.run(caller, params.syscallExitPs(), done);
        });
  }

  /**
   * A signal reaches the task sleeping in the wait ioctl of SPC {@code spc}, sent from CPU {@code
   * fromCpu}: the ioctl is interrupted (CL installs its SIGUSR1 handler without SA_RESTART) and the
   * task runs {@code onSignal} back in user space. Returns false if no task waits on that SPC.
   */
  public boolean interruptWait(int spc, int fromCpu, TrapService onSignal) {
    requireSpc(spc);
    Waiter w = waiters[spc];
    if (w == null) {
      return false;
    }
    waiters[spc] = null;
    kernel.wake(w.task(), fromCpu, () -> onSignal.serve(params.syscallExitPs()));
    return true;
  }

  /** mmap: the SPC thread's memory chunk, mapped into the caller's address space. */
  public Region mmap(int spc) {
    requireSpc(spc);
    return layout.get(String.format(Locale.ROOT, "spc%02d", spc));
  }

  private SpcMonitor requireSpc(int spc) {
    SpcMonitor m = spc >= 0 && spc < monitors.length ? monitors[spc] : null;
    if (m == null) {
      throw new IllegalArgumentException("no /fusedosfs/spc" + spc);
    }
    return m;
  }

  /** Returns the monitor of SPC {@code spc}. */
  public SpcMonitor monitor(int spc) {
    return requireSpc(spc);
  }

  /** Returns how often the IPI handler ran on CPU 0. */
  public long handlerRuns() {
    return handlerRuns;
  }

  /** Returns IPIs whose handler found an empty mask. */
  public long spuriousIpis() {
    return spuriousIpis;
  }

  /** Returns wake_up calls on SPC wait queues (one per trap delivered to CL). */
  public long wakeUps() {
    return wakeUps;
  }

  /** Returns the wakeups of a thread waiting for a command's answer. */
  public long answerWakeUps() {
    return answerWakeUps;
  }
}
