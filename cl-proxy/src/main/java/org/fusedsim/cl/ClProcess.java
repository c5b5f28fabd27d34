package org.fusedsim.cl;

import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.FusedosFs;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.fusedosfs.Vfs;
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
  private final int[] gpcs;
  private final String name;
  private final ClStats stats;
  private boolean ended;
  private boolean reported;

  /**
   * Creates the process.
   *
   * @param onIon whether a path lies on the 9P mount
   * @param spcs the SPC of each application thread
   * @param gpcs the Linux CPUs CL's threads may run on
   */
  public ClProcess(
      LinuxKernel kernel,
      FusedosFs fs,
      Vfs vfs,
      ClParams params,
      RoutingTable table,
      Predicate<String> onIon,
      int[] spcs,
      int[] gpcs,
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
    this.gpcs = gpcs.clone();
    this.name = name;
    this.stats = stats;
  }

  /**
   * Launches the application: {@code entries[i]} runs on SPC {@code spcs[i]} when it starts; {@code
   * started} runs once every START is posted.
   */
  public void launch(Runnable[] entries, Runnable started) {
    Task main = kernel.spawn(name + "/main", gpcs);
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
    Task t = kernel.spawn(name + "/spc" + spc, gpcs);
    kernel.wake(t, -1, () -> fs.waitCommand(t, spc, exitPs -> serve(t, spc, exitPs)));
    kernel.run(
        main, lp.syscallEntryPs() + lp.syscallExitPs(), () -> startThreads(main, i + 1, started));
  }

  private void postStarts(Task main, int i, Runnable started) {
    if (i == spcs.length) {
      started.run();
      kernel.block(main);
      return;
    }
    fs.command(main, spcs[i], MonitorCommand.START, 0, () -> postStarts(main, i + 1, started));
  }

  /**
   * Serves the trap of SPC {@code spc}. The thread is back on its CPU and still spends {@code
   * exitPs} leaving the wait ioctl; that comes first in the service's burst, and the timeline's
   * {@link Step#CL_RUNNING} is when it is done. Where the service needs nothing from outside the
   * node (all but calls on a remote file system), the burst goes on into the next wait ioctl and
   * the RESUME store inside it is taken ahead of time ({@link LinuxKernel.AheadMark}).
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
      case LNX ->
          serveAndWait(
              t,
              m,
              base + lp.syscallEntryPs() + lp.getpidPs() + lp.syscallExitPs(),
              exitPs,
              running,
              0);
      case VFS, ION -> {
        FsOp op = op(call.name());
        String path = pathOf(call);
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
   * One burst: {@code servicePs} of service (leaving the last wait ioctl included), the RESUME
   * store with the value {@code result} gives, and entering the next wait ioctl.
   */
  private void serveAndWait(
      Task t,
      SpcMonitor m,
      long servicePs,
      long exitPs,
      LongConsumer running,
      java.util.function.LongSupplier result) {
    int spc = m.spc();
    kernel.run(
        t,
        servicePs + lp.syscallEntryPs(),
        exitPs,
        running,
        servicePs,
        new ResumeAhead(t, m, result),
        () -> fs.waitEntered(t, spc, exitPs2 -> serve(t, spc, exitPs2)));
  }

  /** The RESUME store at the end of a service, taken ahead of time and undone if interrupted. */
  private static final class ResumeAhead implements LinuxKernel.AheadMark {
    private final Task t;
    private final SpcMonitor m;
    private final java.util.function.LongSupplier result;
    private boolean known;
    private long raw;

    ResumeAhead(Task t, SpcMonitor m, java.util.function.LongSupplier result) {
      this.t = t;
      this.m = m;
      this.result = result;
    }

    @Override
    public void ahead(long at) {
      if (!known) {
        raw = result.getAsLong(); // the file system's work is done once, however often redone
        known = true;
      }
      m.pending().timeline().mark(Step.RESUME_STORE, at);
      m.setReturnValue(raw);
      m.postAhead(t.cpu(), at);
    }

    @Override
    public void undo() {
      m.undoAhead();
    }
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
