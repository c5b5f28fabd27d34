package org.fusedsim.cl.direct;

import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.ClProcess;
import org.fusedsim.cl.Profile;
import org.fusedsim.cl.Route;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.ServiceClass;
import org.fusedsim.cl.fusedos.SpcNode;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.core.Metrics;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.spc.MonitorCommand;
import org.fusedsim.spc.SpcMonitor;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Trap;

/**
 * The direct model of the Linux + lightweight-kernel design space (mOS-style): the node is split as
 * FusedOS splits it, but an SPC's system call is served by Linux kernel code on a GPC, with no
 * user-level proxy. The IPI handler marks the trapped SPCs and wakes each one's kernel worker
 * thread; the worker reads the call from the saved context, runs the kernel's service of it (the
 * body of the Linux call, or the VFS, without a system-call entry and exit of its own), stores
 * RESUME and sleeps again. Against FusedOS this leaves out CL's return to user space from the wait
 * ioctl, its user-space dispatch, the separate Linux system call a proxied call makes, and the
 * re-entry into the wait ioctl.
 *
 * <p>Calls are routed as CL's CNK-compatible profile routes them (the same calls reach Linux); a
 * call that profile does not support returns its errno.
 */
public final class DirectNode extends SpcNode {
  private final DirectParams params;
  private final ClParams cl;
  private final LinuxParams lp;
  private final RoutingTable table;
  private final Task[] workers;
  private final boolean[] pending;
  // per SPC: what the loader does once the monitor has answered its command
  private final Runnable[] answered;
  private Task loaderTask;
  // per SPC: the SPC its thread's next clone starts, what runs once its exit is through, whether
  // its thread has exited
  private final int[] cloneChild;
  private final Runnable[] exitDone;
  private final boolean[] exited;
  private int live;
  // the launch's entries: a null one is a thread a clone starts
  private Runnable[] startable = new Runnable[0];
  private final long[] served = new long[ServiceClass.values().length];
  private long handlerRuns;
  private long spurious;
  private long wakeUps;

  /** Builds the node. */
  public DirectNode(NodeContext ctx) {
    super(ctx);
    this.table = ctx.shared().routing();
    this.params = DirectParams.from(ctx.config().section(DirectParams.KIND));
    this.cl = ClParams.from(ctx.config().section(ClParams.KIND));
    this.lp = kernel().params();
    this.workers = new Task[spcCount()];
    this.answered = new Runnable[spcCount()];
    this.pending = new boolean[spcCount()];
    this.cloneChild = new int[spcCount()];
    java.util.Arrays.fill(cloneChild, -1);
    this.exitDone = new Runnable[spcCount()];
    this.exited = new boolean[spcCount()];
  }

  @Override
  public String personality() {
    return "direct";
  }

  @Override
  public int maxAppThreads() {
    return spcCount();
  }

  @Override
  protected int[] place(int n) {
    return cl.placement().place(0, n);
  }

  @Override
  protected int serverCpu(int spc) {
    Task w = workers[spc];
    return w == null ? gpcs()[0] : w.cpu();
  }

  @Override
  protected InterruptController.IpiHandler ipiHandler(int cpu) {
    LinuxKernel k = kernel();
    int[][] scanned = {new int[0]};
    return from ->
        k.ipiInterrupt(
            cpu,
            () -> {
              long at = sim().now();
              handlerRuns++;
              scanned[0] = mask().drain(at);
              if (scanned[0].length == 0) {
                spurious++;
              }
              for (int spc : scanned[0]) {
                if (monitor(spc).pending() != null) { // null: a command's answer
                  monitor(spc).pending().timeline().mark(Step.HANDLER, at);
                }
              }
              return lp.ipiScanPs() + scanned[0].length * lp.wakeupPs();
            },
            () -> {
              for (int spc : scanned[0]) {
                if (monitor(spc).pending() == null) {
                  // the answer to a command: the loader waiting for it goes on
                  Runnable r = answered[spc];
                  answered[spc] = null;
                  if (r != null) {
                    k.wake(loaderTask, cpu, r);
                  }
                  continue;
                }
                monitor(spc).pending().timeline().mark(Step.WOKEN, sim().now());
                wakeUps++;
                Task w = workers[spc];
                if (w.state() == Task.State.SLEEPING) {
                  k.wake(w, cpu, () -> serve(w, spc));
                } else {
                  pending[spc] = true;
                }
              }
              scanned[0] = new int[0];
            });
  }

  /** The kernel loads the image, the static TLBs, and starts the SPCs. */
  @Override
  protected void launch(int[] spcs, Runnable[] entries, Runnable started) {
    LinuxKernel k = kernel();
    Task loader = k.spawn("direct/loader", gpcs());
    loaderTask = loader;
    for (int i = 0; i < spcs.length; i++) {
      monitor(spcs[i]).load(entries[i], () -> {});
      workers[spcs[i]] = k.spawn("kdirect/spc" + spcs[i], gpcs());
      if (entries[i] != null) {
        live++;
      }
    }
    startable = entries.clone();
    k.wake(
        loader,
        -1,
        () ->
            k.run(
                loader,
                cl.loadBandwidth().transferTime(cl.imageBytes().bytes()),
                () -> command(loader, spcs, 0, MonitorCommand.LOAD_TLB, started)));
  }

  private void command(Task loader, int[] spcs, int i, MonitorCommand cmd, Runnable started) {
    if (i == spcs.length) {
      if (cmd == MonitorCommand.LOAD_TLB) {
        command(loader, spcs, 0, MonitorCommand.START, started);
      } else {
        started.run();
        kernel().block(loader);
      }
      return;
    }
    SpcMonitor m = monitor(spcs[i]);
    if ((cmd == MonitorCommand.START && startable[i] == null)
        || (cmd == MonitorCommand.LOAD_TLB && !firstOnCore(spcs, i))) {
      command(loader, spcs, i + 1, cmd, started);
      return;
    }
    // the static TLB is per core: every core maps all of the job's memory
    long bytes = 0;
    for (int spc : spcs) {
      bytes += layout().get(spcName(spc)).size();
    }
    long arg = cmd == MonitorCommand.LOAD_TLB ? ClProcess.tlbEntries(bytes) : 0;
    kernel()
        .run(
            loader,
            params.dispatchPs(),
            () -> {
              m.post(cmd, arg, loader.cpu());
              if (cmd.answered()) {
                // the kernel waits for the monitor's answering IPI
                answered[spcs[i]] = () -> command(loader, spcs, i + 1, cmd, started);
                kernel().block(loader);
              } else {
                command(loader, spcs, i + 1, cmd, started);
              }
            });
  }

  private boolean firstOnCore(int[] spcs, int i) {
    int core = monitor(spcs[i]).thread().core();
    for (int j = 0; j < i; j++) {
      if (monitor(spcs[j]).thread().core() == core) {
        return false;
      }
    }
    return true;
  }

  private static String spcName(int spc) {
    return String.format(java.util.Locale.ROOT, "spc%02d", spc);
  }

  /** The worker of SPC {@code spc} serves its trap in the kernel. */
  private void serve(Task w, int spc) {
    SpcMonitor m = monitor(spc);
    Trap trap = m.pending();
    LinuxKernel k = kernel();
    if (exited[spc] || trap == null) {
      // glibc's exit loop trapped again, or the job has ended: the thread stays where it is
      k.block(w);
      return;
    }
    trap.timeline().mark(Step.CL_RUNNING, sim().now());
    long base = params.contextReadPs() + params.dispatchPs();
    if (!trap.isSyscall()) {
      k.run(w, base, () -> resume(w, m, -Route.EINVAL));
      return;
    }
    Syscall call = trap.call();
    Route r = table.fusedos(call, Profile.FUSEDOS_CNKCOMPAT, this::onIoMount);
    served[r.cls().ordinal()]++;
    if (call.name().equals("clone") && cloneChild[spc] >= 0) {
      int child = cloneChild[spc];
      cloneChild[spc] = -1;
      k.run(
          w,
          base + params.internalPs(),
          () -> {
            live++;
            monitor(child).post(MonitorCommand.START, 0, w.cpu());
            resume(w, m, child + 1L);
          });
      return;
    }
    if (call.name().startsWith("exit") && exitDone[spc] != null) {
      Runnable done = exitDone[spc];
      exitDone[spc] = null;
      k.run(
          w,
          base + params.internalPs(),
          () -> {
            exited[spc] = true;
            if (--live > 0) {
              done.run();
              resume(w, m, 0);
              return;
            }
            // the last thread: the kernel stops every SPC
            for (int s = 0; s < spcCount(); s++) {
              monitor(s).post(MonitorCommand.EXIT, 0, w.cpu());
            }
            done.run();
            k.block(w);
          });
      return;
    }
    if (call.block().kind() == org.fusedsim.spc.Block.Kind.READY
        && (r.cls() == ServiceClass.VFS || r.cls() == ServiceClass.ION)) {
      k.blockingCall(w, call.block(), base, 0, null, raw -> resume(w, m, raw));
      return;
    }
    switch (r.cls()) {
      case CL, DROP, SPC -> k.run(w, base + params.internalPs(), () -> resume(w, m, 0));
      case LNX -> {
        if (call.block().kind() != org.fusedsim.spc.Block.Kind.NONE) {
          // the worker sleeps in the kernel on the futex or timer while the SPC stays trapped
          k.blockingCall(w, call.block(), base, 0, null, raw -> resume(w, m, raw));
          return;
        }
        k.run(w, base + lp.getpidPs(), () -> resume(w, m, 0));
      }
      case VFS, ION ->
          k.run(
              w,
              base,
              () ->
                  vfs()
                      .perform(
                          k,
                          w,
                          op(call.name()),
                          ClProcess.pathOf(call, r.cls(), this::onIoMount),
                          call.bytes(),
                          res -> resume(w, m, res)));
      case UNS -> k.run(w, base, () -> resume(w, m, -r.errno()));
    }
  }

  private void resume(Task w, SpcMonitor m, long raw) {
    m.pending().timeline().mark(Step.RESUME_STORE, sim().now());
    m.setReturnValue(raw);
    m.post(MonitorCommand.RESUME, 0, w.cpu());
    if (pending[m.spc()]) {
      pending[m.spc()] = false;
      serve(w, m.spc());
      return;
    }
    kernel().block(w);
  }

  @Override
  protected void cloning(int parentSpc, int childSpc, Runnable entry) {
    cloneChild[parentSpc] = childSpc;
    monitor(childSpc).load(entry, () -> {});
  }

  @Override
  protected void exiting(int spc, Runnable done) {
    exitDone[spc] = done;
  }

  private static FsOp op(String call) {
    return switch (call) {
      case "read", "pread64", "readv" -> FsOp.READ;
      case "write", "pwrite64", "writev" -> FsOp.WRITE;
      case "open", "creat", "openat" -> FsOp.OPEN;
      case "close" -> FsOp.CLOSE;
      case "stat", "fstat", "lstat", "newfstatat" -> FsOp.STAT;
      default -> FsOp.META;
    };
  }

  @Override
  public long served(ServiceClass c) {
    return served[c.ordinal()];
  }

  @Override
  public void report(Metrics m) {
    super.report(m);
    m.put("direct.ipis", hardware().interrupts().ipisSent() - kernel().reschedIpis(), "IPIs");
    m.put("direct.worker_wakeups", wakeUps, "wakeups");
    m.put("direct.ipi_handler_runs", handlerRuns, "runs");
    m.put("direct.spurious_ipis", spurious, "IPIs");
    for (ServiceClass c : ServiceClass.values()) {
      if (served[c.ordinal()] > 0) {
        m.put(
            "direct.served." + c.name().toLowerCase(java.util.Locale.ROOT),
            served[c.ordinal()],
            "calls");
      }
    }
  }
}
