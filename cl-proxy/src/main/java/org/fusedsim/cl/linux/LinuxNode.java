package org.fusedsim.cl.linux;

import java.util.Map;
import java.util.function.Consumer;
import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.chip.CoreRole;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.cl.Route;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.ServiceClass;
import org.fusedsim.cl.node.Boot;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.LinuxNetNode;
import org.fusedsim.cl.node.LinuxReport;
import org.fusedsim.cl.node.NinePMount;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.TaskThread;
import org.fusedsim.cl.node.TickPhase;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.MemFs;
import org.fusedsim.fusedosfs.NoiseParams;
import org.fusedsim.fusedosfs.NoiseSources;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.fusedosfs.Vfs;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.roq.RoqBackend;
import org.fusedsim.spc.Block;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * Linux on the whole node (ZeptoOS-style baseline): Linux on the 64 threads of cores 0-15 and the
 * RoQ microcode on core 16, as the FusedOS firmware boots Linux without SPCs. Application thread
 * {@code i} is a Linux task bound breadth-first to a CPU (core {@code i mod 16}, thread {@code i /
 * 16}); every call is served locally by Linux; the tick and the noise sources reach every CPU, and
 * a daemon that wakes on a CPU competes with the application thread there and with its SMT
 * siblings. Under PAMI an application thread waits for packets by blocking.
 */
public final class LinuxNode implements NodeOs {
  /** Linux CPUs: cores 0-15. */
  public static final int THREADS = 64;

  private static final int ROQ_CORE = 16;

  private final Simulation sim;
  private final NodeHardware hw;
  private final NodeContext ctx;
  private final LinuxParams lp;
  private final BootParams bootParams;
  private final NoiseParams noiseParams;
  private final LinuxKernel kernel;
  private final Vfs vfs;
  private final NoiseSources noise;
  private final RoqBackend roq;
  private final RoutingTable table;
  private final long[] served = new long[ServiceClass.values().length];
  private final Boot boot = new Boot();
  private final int[] cpus = new int[THREADS];
  private final LinuxNetNode net;
  private Task[] app = new Task[0];
  private final org.fusedsim.cl.node.NoiseLog noiseLog;
  private TaskThread[] netThreads = new TaskThread[0];

  /** Builds the node. */
  public LinuxNode(NodeContext ctx) {
    this.ctx = ctx;
    this.table = ctx.shared().routing();
    this.hw = ctx.hardware();
    this.sim = hw.sim();
    this.lp = LinuxParams.from(ctx.config().section(LinuxParams.KIND));
    this.bootParams = BootParams.from(ctx.config().section(BootParams.KIND));
    this.noiseParams = NoiseParams.from(ctx.config().section(NoiseParams.KIND));
    Chip chip = hw.chip();
    for (int c = 0; c < chip.cores(); c++) {
      chip.assignRole(c, c == ROQ_CORE ? CoreRole.ROQ : CoreRole.LINUX);
    }
    for (int i = 0; i < THREADS; i++) {
      cpus[i] = i;
    }
    kernel = new LinuxKernel(hw, lp, cpus, TickPhase.of(ctx, noiseParams, lp), noiseParams.tick());
    net = new LinuxNetNode(kernel, hw.endpoint(), 0, cpus);
    vfs = new Vfs(lp, new MemFs(lp));
    for (Map.Entry<String, Boolean> m : ctx.mounts().entrySet()) {
      vfs.mount(
          m.getKey(),
          m.getValue() ? new NinePMount(ctx.ninep(), () -> net.irqCpu()) : new MemFs(lp));
    }
    noise = new NoiseSources(kernel);
    int perCore = hw.chip().params().threadsPerCore();
    noiseLog = new org.fusedsim.cl.node.NoiseLog(hw.chip().threadCount() / perCore, perCore);
    kernel.observe(noiseLog::busy);
    roq = new RoqBackend(chip.thread(ROQ_CORE, 0));
  }

  /** Returns the CPU application thread {@code i} is bound to: breadth-first over the cores. */
  public static int cpuOf(int i) {
    return (i % 16) * 4 + i / 16;
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
  public NodeHardware hardware() {
    return hw;
  }

  /** Returns the kernel. */
  public LinuxKernel kernel() {
    return kernel;
  }

  @Override
  public int maxAppThreads() {
    return THREADS;
  }

  @Override
  public void boot(Runnable[] entries) {
    app = new Task[entries.length];
    netThreads = new TaskThread[entries.length];
    sim.schedule(
        bootParams.firmwarePs(),
        () -> {
          boot.done("firmware", sim.now());
          sim.schedule(
              bootParams.linuxPs(),
              () -> {
                boot.done("linux", sim.now());
                noise.start(
                    noiseParams, ctx.streams(), hw.location() + "/linux", cpus, Long.MAX_VALUE);
                if (noiseParams.injectPeriodPs() > 0) {
                  int[] used = new int[entries.length];
                  for (int i = 0; i < used.length; i++) {
                    used[i] = cpuOf(i);
                  }
                  noise.inject(
                      noiseParams.injectPeriodPs(),
                      noiseParams.injectDurationPs(),
                      noiseParams.coscheduled()
                          ? 0
                          : (long)
                              (ctx.streams().stream(hw.location() + "/linux/inject", "phase")
                                      .nextDouble()
                                  * noiseParams.injectPeriodPs()),
                      used);
                }
                for (int i = 0; i < entries.length; i++) {
                  if (entries[i] != null) {
                    start(i, -1, entries[i]);
                  }
                }
              });
        });
  }

  /** Application thread {@code i} becomes a task on its CPU, woken from {@code wakerCpu}. */
  private void start(int i, int wakerCpu, Runnable entry) {
    app[i] = kernel.spawn("app" + i, new int[] {cpuOf(i)});
    netThreads[i] = new TaskThread(kernel, app[i], () -> net.irqCpu(), false);
    kernel.wake(app[i], wakerCpu, entry);
  }

  @Override
  public void compute(int thread, Work w, Runnable done) {
    kernel.run(app[thread], w, done);
  }

  @Override
  public void clone(
      int parent, int child, Runnable entry, Timeline tl, Consumer<SyscallResult> done) {
    Task t = app[parent];
    tl.mark(Step.TRAP, sim.now());
    served[table.linux(Syscall.of("clone"), this::onIoMount).cls().ordinal()]++;
    // copy_process, then wake_up_new_task on the child's CPU before the call returns
    kernel.run(
        t,
        lp.syscallEntryPs() + lp.clonePs(),
        () -> {
          start(child, t.cpu(), entry);
          kernel.run(
              t,
              lp.wakeupPs() + lp.syscallExitPs(),
              () -> {
                tl.mark(Step.RETURNED, sim.now());
                done.accept(SyscallResult.fromRaw(child + 1L));
              });
        });
  }

  @Override
  public void exit(int thread, Runnable done) {
    Task t = app[thread];
    served[table.linux(Syscall.of("exit"), this::onIoMount).cls().ordinal()]++;
    // do_exit; the last thread's exit_group finds no other thread left to kill
    kernel.run(
        t,
        lp.syscallEntryPs() + lp.exitPs(),
        () -> {
          kernel.block(t);
          done.run();
        });
  }

  @Override
  public void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done) {
    Task t = app[thread];
    tl.mark(Step.TRAP, sim.now());
    Route r = table.linux(call, this::onIoMount);
    served[r.cls().ordinal()]++;
    long value = r.cls() == ServiceClass.UNS ? -r.errno() : call.bytes();
    Runnable ret =
        () -> {
          tl.mark(Step.RETURNED, sim.now());
          done.accept(SyscallResult.fromRaw(value));
        };
    if (call.block().kind() == Block.Kind.FUTEX_WAKE) {
      kernel.futexes().store(call.block().word(), call.block().value());
    }
    boolean waits =
        call.block().kind() == Block.Kind.READY
            && (r.cls() == ServiceClass.VFS || r.cls() == ServiceClass.ION);
    if ((r.cls() == ServiceClass.LNX && call.block().kind() != Block.Kind.NONE) || waits) {
      // the application's own task blocks in the kernel (futex, nanosleep)
      kernel.blockingCall(
          t,
          call.block(),
          0,
          0,
          null,
          raw -> {
            tl.mark(Step.RETURNED, sim.now());
            done.accept(SyscallResult.fromRaw(raw));
          });
      return;
    }
    // Every call is local; a file call goes through the VFS (a descriptor-table call on the node)
    if (r.cls() != ServiceClass.VFS && r.cls() != ServiceClass.ION) {
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
                pathOf(call, r.cls()),
                call.bytes(),
                res -> kernel.run(t, lp.syscallExitPs(), ret)));
  }

  /** The path a file call works on: a descriptor-table call stays on the node. */
  private String pathOf(Syscall call, ServiceClass cls) {
    String path = call.path().isEmpty() ? "/dev/stdio" + call.fd() : call.path();
    if (cls == ServiceClass.VFS && onIoMount(path)) {
      return "/proc/self/fd/" + call.fd();
    }
    return path;
  }

  private boolean onIoMount(String path) {
    return ctx.mounts().getOrDefault(vfs.mountPoint(path), false);
  }

  @Override
  public long served(ServiceClass c) {
    return served[c.ordinal()];
  }

  private static FsOp op(String name) {
    return switch (name) {
      case "read", "pread64", "readv" -> FsOp.READ;
      case "write", "pwrite64", "writev" -> FsOp.WRITE;
      case "open", "creat", "openat" -> FsOp.OPEN;
      case "close" -> FsOp.CLOSE;
      case "stat", "fstat", "lstat", "newfstatat" -> FsOp.STAT;
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
  public NetThread netThread(int thread) {
    return netThreads[thread];
  }

  @Override
  public NetNode net() {
    return net;
  }

  @Override
  public RoqBackend roq() {
    return roq;
  }

  @Override
  public void noiseDuring(
      int thread, long from, long to, java.util.function.ObjLongConsumer<String> sink) {
    noiseLog.during(cpuOf(thread), from, to, sink);
  }

  @Override
  public void report(Metrics m) {
    boot.report(m);
    m.put("node.linux_threads", THREADS, "threads");
    LinuxReport.kernel(m, kernel, noise);
  }
}
