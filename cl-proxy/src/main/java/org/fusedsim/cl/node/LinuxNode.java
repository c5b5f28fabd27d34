package org.fusedsim.cl.node;

import java.util.function.Consumer;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.MemFs;
import org.fusedsim.fusedosfs.NoiseSources;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.fusedosfs.Vfs;
import org.fusedsim.spc.CnkRoute;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * Linux on all 68 threads (ZeptoOS-style baseline): application thread {@code i} is a Linux task
 * bound to CPU {@code i}; every call is served locally by Linux; the tick and the noise sources
 * reach every CPU, and a daemon that wakes on a CPU competes with the application thread there.
 */
public final class LinuxNode implements NodeOs {
  private static final int THREADS = 68;

  private final Simulation sim;
  private final NodeConfig cfg;
  private final LinuxParams lp;
  private final LinuxKernel kernel;
  private final Vfs vfs;
  private final NoiseSources noise;
  private final RoutingTable table = RoutingTable.load();
  private final Boot boot = new Boot();
  private final int[] cpus = new int[THREADS];
  private Task[] app = new Task[0];

  /** Builds the node. */
  public LinuxNode(Simulation sim, NodeConfig cfg) {
    this.sim = sim;
    this.cfg = cfg;
    this.lp = cfg.linux();
    for (int i = 0; i < THREADS; i++) {
      cpus[i] = i;
    }
    InterruptController ic = new InterruptController(sim, cfg.interrupt(), "node", THREADS);
    kernel = new LinuxKernel(sim, lp, ic, cpus);
    vfs = new Vfs(lp, new MemFs(lp));
    noise = new NoiseSources(kernel);
  }

  @Override
  public String personality() {
    return "linux";
  }

  @Override
  public Simulation sim() {
    return sim;
  }

  @Override
  public int maxAppThreads() {
    return THREADS;
  }

  @Override
  public void boot(Runnable[] entries) {
    app = new Task[entries.length];
    sim.schedule(
        cfg.boot().firmwarePs(),
        () -> {
          boot.done("firmware", sim.now());
          sim.schedule(
              cfg.boot().linuxPs(),
              () -> {
                boot.done("linux", sim.now());
                noise.start(cfg.noise(), cfg.streams(), "node/linux", cpus, Long.MAX_VALUE);
                for (int i = 0; i < entries.length; i++) {
                  app[i] = kernel.spawn("app" + i, new int[] {cpus[i]});
                  kernel.wake(app[i], -1, entries[i]);
                }
              });
        });
  }

  @Override
  public void compute(int thread, long ps, Runnable done) {
    kernel.run(app[thread], ps, done);
  }

  /**
   * Mounts {@code backend} at {@code prefix} in the VFS (e.g. the 9P mount from the IO node, {@link
   * NinePMount}); file calls on paths below it go there. Call before boot.
   */
  public void mount(String prefix, org.fusedsim.fusedosfs.FsBackend backend) {
    vfs.mount(prefix, backend);
  }

  /** Mounts a node-local memory file system at {@code prefix}. Call before boot. */
  public void mountLocal(String prefix) {
    vfs.mount(prefix, new MemFs(lp));
  }

  @Override
  public void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done) {
    Task t = app[thread];
    tl.mark(Step.TRAP, sim.now());
    Runnable ret =
        () -> {
          tl.mark(Step.RETURNED, sim.now());
          done.accept(new SyscallResult(call.bytes(), 0));
        };
    // Every call is local; a file call (by CNK's classification) goes through the VFS.
    boolean file = table.cnk(call) == CnkRoute.SHIP || isFile(call);
    if (!file) {
      kernel.run(t, lp.syscallEntryPs() + lp.getpidPs() + lp.syscallExitPs(), ret);
      return;
    }
    kernel.run(
        t,
        lp.syscallEntryPs(),
        () ->
            vfs.perform(
                kernel,
                t,
                op(call.name()),
                call.path().isEmpty() ? "/dev/stdio" + call.fd() : call.path(),
                call.bytes(),
                res -> kernel.run(t, lp.syscallExitPs(), ret)));
  }

  private static boolean isFile(Syscall c) {
    return !c.path().isEmpty() || c.fd() >= 0;
  }

  private static FsOp op(String name) {
    return switch (name) {
      case "read", "pread64", "readv" -> FsOp.READ;
      case "write", "pwrite64", "writev" -> FsOp.WRITE;
      case "open", "creat" -> FsOp.OPEN;
      case "close" -> FsOp.CLOSE;
      case "stat", "fstat", "lstat" -> FsOp.STAT;
      default -> FsOp.META;
    };
  }

  @Override
  public void park(int thread) {
    kernel.block(app[thread]);
  }

  @Override
  public void unpark(int thread, int waker, Runnable cont) {
    // a thread waking itself is a timer expiry (sleep, timed wait): no other CPU does the wakeup
    kernel.wake(app[thread], waker == thread ? -1 : app[waker].cpu(), cont);
  }

  @Override
  public void finish(int thread) {
    kernel.block(app[thread]);
  }

  @Override
  public void report(Metrics m) {
    boot.report(m);
    m.put("node.linux_threads", THREADS, "threads");
    reportKernel(m, kernel, noise);
  }

  static void reportKernel(Metrics m, LinuxKernel kernel, NoiseSources noise) {
    m.put("linux.context_switches", kernel.contextSwitches(), "switches");
    m.put("linux.wakeups", kernel.wakeups(), "wakeups");
    m.put("linux.ticks", kernel.ticks(), "ticks");
    m.put("linux.irqs", kernel.irqs(), "interrupts");
    m.put("linux.resched_ipis", kernel.reschedIpis(), "IPIs");
    m.put("linux.migrations", kernel.migrations(), "tasks");
    FusedosNode.reportNoise(m, noise);
  }
}
