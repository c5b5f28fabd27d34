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
 * process (bgq-facts.md, step 4), as cl/src/cl.cc and kthread.c of the prototype run them.
 *
 * <p>Launch: the main thread loads the image ({@code image_size / load_bandwidth}), loads the
 * static TLB of every core the process uses through the core's first SPC (LOAD_TLB; the process's
 * memory in 1 GiB, 16 MiB and 1 MiB entries, statictlb.cc), starts the pthreads and posts START to
 * the SPCs of the threads that run from the start. A pthread whose SPC runs blocks in the fusedosfs
 * wait ioctl; the others are idle and wait on CL's condition variable (a Linux futex).
 *
 * <p>Service loop of a pthread: woken by the IPI handler, it returns to user space, reads the
 * trapped call from the saved context, dispatches it by its {@link Route}, writes the return value
 * and RESUME into the monitor's command slot, and goes back into the wait ioctl.
 *
 * <p>Threads: clone takes CL's thread mutex, copies the parent's context into an idle SPC's, marks
 * its pthread in use and broadcasts the condition variable; every idle pthread wakes, the one
 * marked posts START to its SPC, the others wait again. exit marks the pthread idle; its SPC
 * resumes and traps again in glibc's exit loop, and the pthread, no longer in use, goes back to the
 * condition variable. The last thread's exit ends the process: every pthread marked EXIT, a
 * broadcast, an IPI_QUIT to every SPC, SIGUSR1 to every other pthread (interrupting the wait
 * ioctls), and EXIT to every SPC.
 */
public final class ClProcess {
  // the static TLB's page sizes, largest first (statictlb.cc: TLBsizes, in MiB)
  private static final long[] TLB_PAGES = {1L << 30, 16L << 20, 1L << 20};

  /** What a CL pthread is doing for its SPC (KThread cl_thread_state). */
  private enum State {
    IDLE,
    USE_SPC,
    EXIT
  }

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
  private final State[] state;
  // CL's condition variable, a Linux futex word apart from the application's
  private final long condWord;
  private long condSeq;
  // per thread: the SPC a pending clone starts, and what runs once an exit is through
  private final int[] cloneChild;
  private final Runnable[] exitDone;
  private int live;
  // the end of the process: pthreads that have left their loops, and what runs once all have
  private int left;
  private long lastExitTrap = Long.MIN_VALUE;
  private Runnable allLeft;
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
      int index,
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
    this.state = new State[spcs.length];
    this.condWord = -1L - index;
    this.cloneChild = new int[spcs.length];
    this.exitDone = new Runnable[spcs.length];
    java.util.Arrays.fill(cloneChild, -1);
  }

  /**
   * Launches the application: {@code entries[i]} runs on SPC {@code spcs[i]} when it starts, a null
   * entry being a thread a clone starts later; {@code started} runs once every START is posted.
   */
  public void launch(Runnable[] entries, Runnable started) {
    Task main = kernel.spawn(name + "/main", cpusOf.apply(-1));
    for (int i = 0; i < spcs.length; i++) {
      fs.monitor(spcs[i]).load(entries[i], this::spcExited);
      state[i] = entries[i] == null ? State.IDLE : State.USE_SPC;
      if (entries[i] != null) {
        live++;
      }
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

  /**
   * The static TLB entries of one core: every core of the process maps all of its memory, in the
   * largest pages that fit.
   */
  long tlbEntriesPerCore() {
    long bytes = 0;
    for (int spc : spcs) {
      bytes += fs.mmap(spc).size();
    }
    return tlbEntries(bytes);
  }

  /** Returns the static TLB entries that map {@code bytes}: 1 GiB, 16 MiB, then 1 MiB pages. */
  public static long tlbEntries(long bytes) {
    long entries = 0;
    for (long page : TLB_PAGES) {
      entries += bytes / page;
      bytes %= page;
    }
    return entries + (bytes > 0 ? 1 : 0);
  }

  private void loadTlbs(Task main, int i, Runnable started) {
    if (i == spcs.length) {
      startThreads(main, 0, started);
      return;
    }
    // one LOAD_TLB per core, through the process's first SPC on it (cl.cc: i += 4)
    int core = fs.monitor(spcs[i]).thread().core();
    for (int j = 0; j < i; j++) {
      if (fs.monitor(spcs[j]).thread().core() == core) {
        loadTlbs(main, i + 1, started);
        return;
      }
    }
    fs.command(
        main,
        spcs[i],
        MonitorCommand.LOAD_TLB,
        tlbEntriesPerCore(),
        () -> loadTlbs(main, i + 1, started));
  }

  private void startThreads(Task main, int i, Runnable started) {
    if (i == spcs.length) {
      postStarts(main, 0, started);
      return;
    }
    int spc = spcs[i];
    Task t = kernel.spawn(name + "/spc" + spc, cpusOf.apply(spc));
    threads[i] = t;
    if (state[i] == State.USE_SPC) {
      kernel.wake(t, -1, () -> fs.waitCommand(t, spc, exitPs -> serve(t, spc, exitPs)));
    } else {
      kernel.wake(t, -1, () -> idleWait(t, i));
    }
    kernel.run(
        main, lp.syscallEntryPs() + lp.syscallExitPs(), () -> startThreads(main, i + 1, started));
  }

  private void postStarts(Task main, int i, Runnable started) {
    int last = spcs.length - 1;
    while (last >= 0 && state[last] != State.USE_SPC) {
      last--;
    }
    if (i > last) {
      if (last < 0) {
        started.run();
      }
      kernel.block(main);
      return;
    }
    if (state[i] != State.USE_SPC) {
      postStarts(main, i + 1, started);
      return;
    }
    // the job is launched when the last START is stored: its SPC may start before main is back
    Runnable posted = i == last ? started : () -> {};
    fs.command(
        main, spcs[i], MonitorCommand.START, 0, posted, () -> postStarts(main, i + 1, started));
  }

  /**
   * An idle pthread: CL's mutex, the state check and pthread_cond_wait, a futex wait on the
   * condition variable's sequence; a broadcast (or a sequence that moved before the wait) wakes it,
   * and it looks at its state again under the mutex.
   */
  private void idleWait(Task t, int i) {
    kernel.blockingCall(
        t,
        new Block(Block.Kind.FUTEX_WAIT, condWord, 0, -1, condSeq),
        params.threadStatePs(),
        0,
        null,
        raw ->
            kernel.run(
                t,
                params.threadStatePs(),
                () -> {
                  stats.idleWakeup(state[i] == State.IDLE);
                  switch (state[i]) {
                    case IDLE -> idleWait(t, i);
                    case USE_SPC -> startSpc(t, i);
                    case EXIT -> leave(t);
                  }
                }));
  }

  /** The pthread of a cloned thread posts START to its SPC and waits for the SPC's first trap. */
  private void startSpc(Task t, int i) {
    kernel.run(
        t,
        lp.syscallEntryPs(),
        () -> {
          fs.monitor(spcs[i]).post(MonitorCommand.START, 0, t.cpu());
          fs.waitEntered(t, spcs[i], exitPs -> serve(t, spcs[i], exitPs));
        });
  }

  /** pthread_cond_broadcast: the sequence moves and every idle pthread's futex wait is woken. */
  private void broadcast(Task t, Runnable then) {
    condSeq++;
    kernel.futexes().store(condWord, condSeq);
    kernel.blockingCall(
        t,
        new Block(Block.Kind.FUTEX_WAKE, condWord, Integer.MAX_VALUE, -1, condSeq),
        0,
        0,
        null,
        raw -> then.run());
  }

  /**
   * A pthread leaves its loop (job end): CL's file table closed, the thread exits; the process is
   * gone once every pthread has (the main thread's joins).
   */
  private void leave(Task t) {
    stats.threadLeft();
    kernel.run(
        t,
        lp.exitPs(),
        () -> {
          kernel.block(t);
          if (++left == spcs.length && allLeft != null) {
            Runnable r = allLeft;
            allLeft = null;
            r.run();
          }
        });
  }

  /**
   * Application thread {@code child}'s SPC is to be started by the next clone call of SPC {@code
   * parent}'s thread; {@code entry} runs on it once started.
   */
  public void cloning(int parent, int child, Runnable entry) {
    cloneChild[indexOf(parent)] = child;
    fs.monitor(child).load(entry, this::spcExited);
  }

  /** SPC {@code spc}'s thread is about to exit; {@code done} runs once CL is through with it. */
  public void exiting(int spc, Runnable done) {
    exitDone[indexOf(spc)] = done;
  }

  private int indexOf(int spc) {
    for (int i = 0; i < spcs.length; i++) {
      if (spcs[i] == spc) {
        return i;
      }
    }
    throw new IllegalArgumentException("SPC " + spc + " is not one of " + name + "'s");
  }

  /**
   * Serves the trap of SPC {@code spc}. The thread is back on its CPU and still spends {@code
   * exitPs} leaving the wait ioctl; that comes first in the service's burst, and the timeline's
   * {@link Step#CL_RUNNING} is when it is done. The service ends with the RESUME store; the pthread
   * then enters the next wait ioctl.
   */
  private void serve(Task t, int spc, long exitPs) {
    SpcMonitor m = fs.monitor(spc);
    int i = indexOf(spc);
    if (state[i] != State.USE_SPC) {
      // the thread exited (or the job is ending): the pthread leaves the service loop, and its
      // SPC stays trapped
      kernel.run(
          t,
          exitPs,
          () -> {
            if (state[i] == State.EXIT) {
              leave(t);
            } else {
              idleWait(t, i);
            }
          });
      return;
    }
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
    if (call.name().equals("clone") && cloneChild[i] >= 0) {
      cloneThread(t, m, i, base, exitPs, running);
      return;
    }
    if (call.name().startsWith("exit") && exitDone[i] != null) {
      threadExit(t, m, i, base, exitPs, running);
      return;
    }
    if (call.block().kind() == Block.Kind.READY
        && (r.cls() == ServiceClass.VFS || r.cls() == ServiceClass.ION)) {
      // a read of a pipe or socket that waits: the pthread sleeps on its wait queue in Linux
      kernel.blockingCall(t, call.block(), base, exitPs, running, raw -> resume(t, m, raw));
      return;
    }
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

  /** clone: the child's pthread marked in use under the mutex, then the broadcast that wakes it. */
  private void cloneThread(
      Task t, SpcMonitor m, int i, long base, long exitPs, LongConsumer running) {
    int c = indexOf(cloneChild[i]);
    cloneChild[i] = -1;
    kernel.run(
        t,
        base + params.contextCopyPs() + params.threadStatePs(),
        exitPs,
        running,
        () -> {
          state[c] = State.USE_SPC;
          live++;
          stats.cloned();
          // the child's thread id
          broadcast(t, () -> resume(t, m, spcs[c] + 1L));
        });
  }

  /**
   * exit: the pthread turns idle under the mutex. Unless it was the last, the call returns and the
   * SPC traps again in glibc's exit loop; the last ends the process.
   */
  private void threadExit(
      Task t, SpcMonitor m, int i, long base, long exitPs, LongConsumer running) {
    Runnable done = exitDone[i];
    exitDone[i] = null;
    lastExitTrap = Math.max(lastExitTrap, m.pending().timeline().at(Step.TRAP));
    kernel.run(
        t,
        base + params.threadStatePs(),
        exitPs,
        running,
        () -> {
          state[i] = State.IDLE;
          if (--live > 0) {
            done.run();
            resume(t, m, 0);
            return;
          }
          exitGroup(
              t,
              () -> {
                allLeft =
                    () -> {
                      stats.jobExit(kernel.sim().now() - lastExitTrap);
                      done.run();
                    };
                leave(t);
              });
        });
  }

  /**
   * The end of the process (indicate_exit_to_threads and stop_SPC_group): every pthread marked EXIT
   * under the mutex and the broadcast, an IPI_QUIT to every SPC, SIGUSR1 to every other pthread,
   * then EXIT to every SPC. A pthread blocked in a Linux call of its own when the signal comes
   * leaves when that call returns (the model does not interrupt Linux's futex and timer waits).
   */
  private void exitGroup(Task t, Runnable done) {
    kernel.run(
        t,
        params.threadStatePs(),
        () -> {
          java.util.Arrays.fill(state, State.EXIT);
          broadcast(t, () -> quitIpis(t, 0, () -> signals(t, 0, () -> stopSpcs(t, 0, done))));
        });
  }

  private void quitIpis(Task t, int j, Runnable then) {
    if (j == spcs.length) {
      then.run();
      return;
    }
    stats.quitIpi();
    fs.ipiQuit(t, spcs[j], () -> quitIpis(t, j + 1, then));
  }

  private void signals(Task t, int j, Runnable then) {
    if (j == spcs.length) {
      then.run();
      return;
    }
    if (threads[j] == t || threads[j] == null) {
      signals(t, j + 1, then);
      return;
    }
    stats.signal();
    kernel.run(
        t,
        lp.syscallEntryPs() + lp.signalPs(),
        () -> {
          // a pthread in the wait ioctl leaves it; one idle was woken by the broadcast, and one
          // in a Linux call of its own leaves when that call returns
          Task target = threads[j];
          fs.interruptWait(
              spcs[j], t.cpu(), exitPs -> kernel.run(target, exitPs, () -> leave(target)));
          kernel.run(t, lp.syscallExitPs(), () -> signals(t, j + 1, then));
        });
  }

  private void stopSpcs(Task t, int j, Runnable then) {
    if (j == spcs.length) {
      then.run();
      return;
    }
    fs.command(t, spcs[j], MonitorCommand.EXIT, 0, () -> stopSpcs(t, j + 1, then));
  }

  private void resume(Task t, SpcMonitor m, long raw) {
    int i = indexOf(m.spc());
    if (state[i] == State.EXIT) {
      // the process is ending: the call does not return (cl.cc: "aborted in syscall")
      leave(t);
      return;
    }
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

  /** Returns whether SPC {@code spc} runs one of this process's threads. */
  public boolean owns(int spc) {
    for (int x : spcs) {
      if (x == spc) {
        return true;
      }
    }
    return false;
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
