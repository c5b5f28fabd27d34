package org.fusedsim.cl;

import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.FusedosFs;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.fusedosfs.Vfs;
import org.fusedsim.spc.Block;
import org.fusedsim.spc.MonitorCommand;
import org.fusedsim.spc.SpcMonitor;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;
import org.fusedsim.spc.Trap;

/**
 * One CL process: the Linux-side proxy of one CNK process, with one pthread per SPC thread of that
 * process (bgq-facts.md, step 4).
 *
 * <p>Launch: the main thread loads the image ({@code image_size / load_bandwidth}), loads each
 * SPC's static TLB (one 1 MiB entry per MiB of the SPC's chunk, LOAD_TLB), starts the pthreads,
 * each of which blocks in the fusedosfs wait ioctl, and finally posts START to every SPC.
 *
 * <p>Service loop of a pthread: woken by the IPI handler, it returns to user space, reads the
 * trapped call from the saved context, dispatches it by its {@link Route}, writes the return value
 * and RESUME into the monitor's command slot, and goes back into the wait ioctl.
 */
public final class ClProcess {
  private static final long TLB_PAGE = 1L << 20;

  private final LinuxKernel kernel;
  private final LinuxParams lp;
  private final FusedosFs fs;
  private final Vfs vfs;
  private final ClParams params;
  private final RoutingTable table;
  private final Predicate<String> onIon;
  private final int[] spcs;
  private final java.util.function.IntFunction<int[]> cpusOf;
  private final Task[] threads;
  private final String name;
  private final ClStats stats;
  private boolean ended;
  private boolean reported;

  /**
   * Creates the process.
   *
   * @param onIon whether a path lies on the 9P mount
   * @param spcs the SPC of each application thread
   * @param cpusOf the Linux CPUs the pthread of an SPC may run on (the main thread: SPC -1)
   */
  public ClProcess(
      LinuxKernel kernel,
      FusedosFs fs,
      Vfs vfs,
      ClParams params,
      RoutingTable table,
      Predicate<String> onIon,
      int[] spcs,
      java.util.function.IntFunction<int[]> cpusOf,
      String name,
      ClStats stats) {
    this.kernel = kernel;
    this.lp = kernel.params();
    this.fs = fs;
    this.vfs = vfs;
    this.params = params;
    this.table = table;
    this.onIon = onIon;
    this.spcs = spcs.clone();
    this.cpusOf = cpusOf;
    this.threads = new Task[spcs.length];
    this.name = name;
    this.stats = stats;
  }

  /**
   * Launches the application: {@code entries[i]} runs on SPC {@code spcs[i]} when it starts; {@code
   * started} runs once every START is posted.
   */
  public void launch(Runnable[] entries, Runnable started) {
    Task main = kernel.spawn(name + "/main", cpusOf.apply(-1));
    for (int i = 0; i < spcs.length; i++) {
      fs.monitor(spcs[i]).load(entries[i], this::spcExited);
    }
    kernel.wake(
        main,
        -1,
        () ->
            kernel.run(
                main,
                params.loadBandwidth().transferTime(params.imageBytes().bytes()),
                () -> loadTlbs(main, 0, started)));
  }

  private void loadTlbs(Task main, int i, Runnable started) {
    if (i == spcs.length) {
      startThreads(main, 0, started);
      return;
    }
    long entries = fs.mmap(spcs[i]).size() / TLB_PAGE;
    fs.command(
        main, spcs[i], MonitorCommand.LOAD_TLB, entries, () -> loadTlbs(main, i + 1, started));
  }

  private void startThreads(Task main, int i, Runnable started) {
    if (i == spcs.length) {
      postStarts(main, 0, started);
      return;
    }
    int spc = spcs[i];
    Task t = kernel.spawn(name + "/spc" + spc, cpusOf.apply(spc));
    threads[i] = t;
    kernel.wake(t, -1, () -> fs.waitCommand(t, spc, exitPs -> serve(t, spc, exitPs)));
    kernel.run(
        main, lp.syscallEntryPs() + lp.syscallExitPs(), () -> startThreads(main, i + 1, started));
  }

  private void postStarts(Task main, int i, Runnable started) {
    if (i == spcs.length) {
      kernel.block(main);
      return;
    }
    // the job is launched when the last START is stored: its SPC may start before main is back
    Runnable posted = i == spcs.length - 1 ? started : () -> {};
    fs.command(
        main, spcs[i], MonitorCommand.START, 0, posted, () -> postStarts(main, i + 1, started));
  }

  /**
   * Serves the trap of SPC {@code spc}. The thread is back on its CPU and still spends {@code
   * exitPs} leaving the wait ioctl; that comes first in the service's burst, and the timeline's
   * {@link Step#CL_RUNNING} is when it is done. The service ends with the RESUME store; the pthread
   * then enters the next wait ioctl.
   */
  private void serve(Task t, int spc, long exitPs) {
    SpcMonitor m = fs.monitor(spc);
    Trap trap = m.pending();
    Timeline tl = trap.timeline();
    LongConsumer running = at -> tl.mark(Step.CL_RUNNING, at);
    long base = exitPs + params.contextReadPs() + params.dispatchPs();
    if (!trap.isSyscall()) {
      stats.exception();
      kernel.run(t, base, exitPs, running, () -> endJob(t));
      return;
    }
    Syscall call = trap.call();
    Route r = table.fusedos(call, params.profile(), onIon);
    stats.count(r.cls());
    switch (r.cls()) {
      case CL, DROP, SPC -> serveAndWait(t, m, base + params.clInternalPs(), exitPs, running, 0);
      case LNX -> {
        if (call.block().kind() != Block.Kind.NONE) {
          // a blocking Linux call of this pthread: it sleeps in Linux while the SPC stays trapped
          // in waitrsv; the wake (another pthread's futex wake, a timer) reschedules it, and it
          // resumes the SPC when it runs again
          kernel.blockingCall(t, call.block(), base, exitPs, running, raw -> resume(t, m, raw));
          return;
        }
        serveAndWait(
            t,
            m,
            base + lp.syscallEntryPs() + lp.getpidPs() + lp.syscallExitPs(),
            exitPs,
            running,
            0);
      }
      case VFS, ION -> {
        FsOp op = op(call.name());
        String path = pathOf(call, r.cls(), onIon);
        if (vfs.completesAtOnce(path)) {
          long work =
              lp.syscallEntryPs() + vfs.cpuTime(op, path, call.bytes()) + lp.syscallExitPs();
          serveAndWait(
              t, m, base + work, exitPs, running, () -> vfs.completeAtOnce(op, path, call.bytes()));
          return;
        }
        kernel.run(
            t,
            base + lp.syscallEntryPs(),
            exitPs,
            running,
            () ->
                vfs.perform(
                    kernel,
                    t,
                    op,
                    path,
                    call.bytes(),
                    res -> kernel.run(t, lp.syscallExitPs(), () -> resume(t, m, res))));
      }
      case UNS -> {
        if (r.abortsJob()) {
          stats.aborted();
          kernel.run(t, base, exitPs, running, () -> endJob(t));
        } else {
          serveAndWait(t, m, base, exitPs, running, -r.errno());
        }
      }
    }
  }

  private void serveAndWait(
      Task t, SpcMonitor m, long servicePs, long exitPs, LongConsumer running, long raw) {
    serveAndWait(t, m, servicePs, exitPs, running, () -> raw);
  }

  /**
   * One burst of {@code servicePs} (leaving the last wait ioctl included), then the RESUME store.
   */
  private void serveAndWait(
      Task t,
      SpcMonitor m,
      long servicePs,
      long exitPs,
      LongConsumer running,
      java.util.function.LongSupplier result) {
    kernel.run(t, servicePs, exitPs, running, () -> resume(t, m, result.getAsLong()));
  }

  private void resume(Task t, SpcMonitor m, long raw) {
    Trap trap = m.pending();
    trap.timeline().mark(Step.RESUME_STORE, kernel.sim().now());
    m.setReturnValue(raw);
    m.post(MonitorCommand.RESUME, 0, t.cpu());
    fs.waitCommand(t, m.spc(), exitPs -> serve(t, m.spc(), exitPs));
  }

  /** CL ends the job: EXIT to every SPC of the process (as on an unknown call or exception). */
  private void endJob(Task t) {
    ended = true;
    for (int spc : spcs) {
      fs.monitor(spc).post(MonitorCommand.EXIT, 0, t.cpu());
    }
    kernel.block(t);
  }

  /** The job is over for the node once the first SPC has taken CL's EXIT. */
  private void spcExited() {
    if (ended && !reported) {
      reported = true;
      stats.jobEnded();
    }
  }

  /** Returns the pthread serving SPC {@code spc}, or null if it is not one of this process's. */
  public Task threadOf(int spc) {
    for (int i = 0; i < spcs.length; i++) {
      if (spcs[i] == spc) {
        return threads[i];
      }
    }
    return null;
  }

  /** Returns whether CL ended the job. */
  public boolean ended() {
    return ended;
  }

  static FsOp op(String call) {
    return switch (call) {
      case "read", "pread64", "readv" -> FsOp.READ;
      case "write", "pwrite64", "writev" -> FsOp.WRITE;
      case "open", "creat", "openat" -> FsOp.OPEN;
      case "close" -> FsOp.CLOSE;
      case "stat", "fstat", "lstat", "newfstatat" -> FsOp.STAT;
      default -> FsOp.META;
    };
  }

  /**
   * The path a file call of class {@code cls} works on: a descriptor-table call (VFS) stays in the
   * node's Linux even on a descriptor of the 9P mount.
   */
  public static String pathOf(Syscall c, ServiceClass cls, Predicate<String> onIon) {
    String path = pathOf(c);
    if (cls == ServiceClass.VFS && onIon.test(path)) {
      return "/proc/self/fd/" + c.fd();
    }
    return path;
  }

  static String pathOf(Syscall c) {
    if (!c.path().isEmpty()) {
      return c.path();
    }
    if (c.fd() >= 0 && c.fd() <= 2) {
      return "/dev/stdio" + c.fd();
    }
    return "/proc/self/fd/" + c.fd();
  }
}
