package org.fusedsim.cl.fusedos;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.chip.CoreRole;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.bgq.memory.Region;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.cl.node.Boot;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.LinuxNetNode;
import org.fusedsim.cl.node.LinuxReport;
import org.fusedsim.cl.node.NinePMount;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.PollingThread;
import org.fusedsim.cl.node.TickPhase;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.MemFs;
import org.fusedsim.fusedosfs.NoiseParams;
import org.fusedsim.fusedosfs.NoiseSources;
import org.fusedsim.fusedosfs.Vfs;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.roq.RoqBackend;
import org.fusedsim.spc.Block;
import org.fusedsim.spc.IpiMask;
import org.fusedsim.spc.MonitorParams;
import org.fusedsim.spc.SpcMonitor;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * A node split as FusedOS splits it (bgq-facts.md, "FusedOS partitioning"): Linux on the threads of
 * the first {@code fusedos.gpc_cores} cores (the GPCs; core 0 in the prototype), the SPC monitor on
 * every thread of the other application cores up to core 15 (the SPCs), the RoQ microcode on core
 * 16. Application thread {@code i} runs under the monitor of the SPC its launcher placed it on; its
 * system calls trap there and go to Linux by an IPI ({@code fusedos.ipi_target}). Noise sources run
 * on the GPCs only. Who serves the calls on the Linux side is the subclass's: CL's user-space proxy
 * (FusedOS) or kernel code (the direct model).
 *
 * <p>Boot: firmware, Linux, spcml (copies the 12 MiB monitor image and boots every SPC monitor),
 * then the subclass launches the job.
 */
public abstract class SpcNode implements NodeOs {
  /** The core the RoQ microcode runs on (code, boot_bgq.sh). */
  public static final int ROQ_CORE = 16;

  private final Simulation sim;
  private final NodeHardware hw;
  private final NodeContext ctx;
  private final FusedosParams knobs;
  private final LinuxKernel kernel;
  private final MemoryLayout layout;
  private final IpiMask mask = new IpiMask();
  private final SpcMonitor[] monitors;
  private final int[] gpcs;
  private final RoqBackend roq;
  private final NoiseSources noise;
  private final Vfs vfs;
  private final Boot boot = new Boot();
  private final BootParams bootParams;
  private final NoiseParams noiseParams;
  private final InterruptController.IpiHandler[] handlers;
  private final PollingThread[] netThreads; // made for the SPCs that pass messages, at first use
  private final LinuxNetNode net;
  private int[] appSpc = new int[0];

  /** Builds the split; nothing runs until {@link #boot}. */
  protected SpcNode(NodeContext ctx) {
    this.ctx = ctx;
    this.hw = ctx.hardware();
    this.sim = hw.sim();
    this.knobs = FusedosParams.from(ctx.config().section(FusedosParams.KIND));
    LinuxParams lp = LinuxParams.from(ctx.config().section(LinuxParams.KIND));
    MonitorParams mp = MonitorParams.from(ctx.config().section(MonitorParams.KIND));
    this.bootParams = BootParams.from(ctx.config().section(BootParams.KIND));
    this.noiseParams = NoiseParams.from(ctx.config().section(NoiseParams.KIND));
    Chip chip = hw.chip();
    int g = knobs.gpcThreads();
    int s = knobs.spcThreads();
    gpcs = new int[g];
    for (int i = 0; i < g; i++) {
      gpcs[i] = i;
    }
    for (int c = 0; c < chip.cores(); c++) {
      chip.assignRole(
          c, c < knobs.gpcCores() ? CoreRole.GPC : c == ROQ_CORE ? CoreRole.ROQ : CoreRole.SPC);
    }
    kernel = new LinuxKernel(hw, lp, gpcs, TickPhase.of(ctx, noiseParams, lp), noiseParams.tick());
    net = new LinuxNetNode(kernel, hw.endpoint(), gpcs[0], gpcs);
    MemoryParams mem = hw.memory();
    layout = ctx.shared().fusedOsLayout(mem, s);
    vfs = new Vfs(lp, new MemFs(lp));
    for (Map.Entry<String, Boolean> m : ctx.mounts().entrySet()) {
      vfs.mount(
          m.getKey(),
          m.getValue() ? new NinePMount(ctx.ninep(), () -> net.irqCpu()) : new MemFs(lp));
    }
    noise = new NoiseSources(kernel);
    handlers = new InterruptController.IpiHandler[g];
    monitors = new SpcMonitor[s];
    netThreads = new PollingThread[s];
    Region context = layout.get("monitor_context");
    long perSpc = context.size() / s;
    SpcMonitor.IpiRoute route = this::raiseIpi;
    for (int i = 0; i < s; i++) {
      Mailbox slot = new Mailbox(sim, hw.reservations(), context.base() + i * perSpc, mem);
      SpcMonitor m = new SpcMonitor(sim, mp, i, chip.thread(g + i), slot, mask, route);
      monitors[i] = m;
    }
    roq = new RoqBackend(chip.thread(ROQ_CORE, 0));
  }

  /** The IPI of SPC {@code spc} leaves its hardware thread for the GPC the knobs choose. */
  private void raiseIpi(int spc, int fromThread) {
    int cpu =
        switch (knobs.ipiTarget()) {
          case CPU0 -> gpcs[0];
          case SPREAD -> gpcs[spc % gpcs.length];
          case CL_CPU -> serverCpu(spc);
        };
    InterruptController.IpiHandler h = handlers[cpu];
    if (h == null) {
      h = ipiHandler(cpu);
      handlers[cpu] = h;
    }
    hw.interrupts().sendIpi(fromThread, cpu, h);
  }

  /** Returns the Linux handler of SPC IPIs taken on {@code cpu}. */
  protected abstract InterruptController.IpiHandler ipiHandler(int cpu);

  /** Returns the CPU the Linux side of SPC {@code spc} last ran on (for {@code cl-cpu} IPIs). */
  protected abstract int serverCpu(int spc);

  /**
   * Launches the job once the monitors are up: {@code entries[i]} runs on SPC {@code spcs[i]} when
   * started; {@code started} runs once every START is posted.
   */
  protected abstract void launch(int[] spcs, Runnable[] entries, Runnable started);

  /** Checks the launch of {@code n} application threads; returns the SPC of each. */
  protected abstract int[] place(int n);

  /** Returns the Linux kernel on the GPCs. */
  public LinuxKernel kernel() {
    return kernel;
  }

  /** Returns the VFS of the GPC Linux. */
  public Vfs vfs() {
    return vfs;
  }

  /** Returns the shared IPI mask. */
  protected IpiMask mask() {
    return mask;
  }

  /** Returns the memory layout. */
  public MemoryLayout layout() {
    return layout;
  }

  /** Returns the GPC CPUs. */
  public int[] gpcs() {
    return gpcs.clone();
  }

  /** Returns the design knobs. */
  public FusedosParams knobs() {
    return knobs;
  }

  /** Returns the node context. */
  protected NodeContext context() {
    return ctx;
  }

  /** Returns whether {@code path} lies on an IO-node mount (the longest matching prefix). */
  protected boolean onIoMount(String path) {
    return ctx.mounts().getOrDefault(vfs.mountPoint(path), false);
  }

  /** Returns the monitor of SPC {@code spc}. */
  public SpcMonitor monitor(int spc) {
    return monitors[spc];
  }

  /** Returns the number of SPCs. */
  public int spcCount() {
    return monitors.length;
  }

  @Override
  public Simulation sim() {
    return sim;
  }

  @Override
  public NodeHardware hardware() {
    return hw;
  }

  @Override
  public void boot(Runnable[] entries) {
    appSpc = place(entries.length);
    sim.schedule(
        bootParams.firmwarePs(),
        () -> {
          boot.done("firmware", sim.now());
          sim.schedule(bootParams.linuxPs(), () -> linuxUp(entries));
        });
  }

  private void linuxUp(Runnable[] entries) {
    boot.done("linux", sim.now());
    noise.start(noiseParams, ctx.streams(), hw.location() + "/linux", gpcs, Long.MAX_VALUE);
    org.fusedsim.fusedosfs.Task spcml = kernel.spawn("spcml", gpcs);
    kernel.wake(
        spcml,
        -1,
        () ->
            kernel.run(
                spcml,
                kernel.params().syscallEntryPs()
                    + kernel.params().copyBandwidth().transferTime(hw.memory().monitorImageBytes())
                    + kernel.params().syscallExitPs(),
                () -> {
                  for (SpcMonitor m : monitors) {
                    m.boot();
                  }
                  boot.done("spcml", sim.now());
                  launch(appSpc, entries, () -> boot.done("job_launch", sim.now()));
                  kernel.block(spcml);
                }));
  }

  @Override
  public void compute(int thread, Work w, Runnable done) {
    monitors[appSpc[thread]].compute(w, done);
  }

  @Override
  public void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done) {
    // a futex wake's caller stored the word's new value just before it trapped
    if (call.block().kind() == Block.Kind.FUTEX_WAKE) {
      kernel.futexes().store(call.block().word(), call.block().value());
    }
    monitors[appSpc[thread]].syscall(call, tl, done);
  }

  @Override
  public void park(int thread) {
    // a barrier spins on the thread's own hardware thread: nothing else wants it
    monitors[appSpc[thread]].thread().spin(0, "barrier spin of application thread " + thread);
  }

  @Override
  public void unpark(int thread, int waker, Runnable cont) {
    SpcMonitor m = monitors[appSpc[thread]];
    if (m.thread().spinning()) {
      m.thread().suspend();
    }
    sim.schedule(0, cont);
  }

  @Override
  public void clone(
      int parent, int child, Runnable entry, Timeline tl, Consumer<SyscallResult> done) {
    cloning(appSpc[parent], appSpc[child], entry);
    monitors[appSpc[parent]].syscall(Syscall.of("clone"), tl, done);
  }

  @Override
  public void exit(int thread, Runnable done) {
    int spc = appSpc[thread];
    exiting(spc, done);
    // glibc's _exit loops on the call: an exit that returns traps again, and stays trapped
    monitors[spc].syscall(
        Syscall.of("exit"),
        new Timeline(),
        r -> monitors[spc].syscall(Syscall.of("exit"), new Timeline(), again -> {}));
  }

  /**
   * The next clone call of SPC {@code parentSpc}'s thread starts SPC {@code childSpc}, which runs
   * {@code entry}.
   */
  protected abstract void cloning(int parentSpc, int childSpc, Runnable entry);

  /** SPC {@code spc}'s thread is about to exit; {@code done} runs once Linux is through with it. */
  protected abstract void exiting(int spc, Runnable done);

  @Override
  public NetThread netThread(int thread) {
    int spc = appSpc[thread];
    PollingThread p = netThreads[spc];
    if (p == null) {
      SpcMonitor m = monitors[spc];
      p =
          new PollingThread(
              m.thread(), m::compute, true, String.format(Locale.ROOT, "SPC %d PAMI", spc));
      netThreads[spc] = p;
    }
    return p;
  }

  @Override
  public NetNode net() {
    return net;
  }

  @Override
  public RoqBackend roq() {
    return roq;
  }

  /** The application on thread {@code thread} takes a non-syscall exception (e.g. a bad load). */
  public void exception(int thread, String name) {
    monitors[appSpc[thread]].exception(name);
  }

  /** Returns the SPC application thread {@code thread} runs on. */
  public int spcOf(int thread) {
    return appSpc[thread];
  }

  @Override
  public void report(Metrics m) {
    boot.report(m);
    m.put("node.gpc_threads", gpcs.length, "threads");
    m.put("node.spc_threads", monitors.length, "threads");
    m.put("node.roq_core", ROQ_CORE, "core");
    m.put(
        "node.spc_memory_per_thread_mib", hw.memory().spcChunkBytes() / (double) (1 << 20), "MiB");
    long offloaded = 0;
    long local = 0;
    for (SpcMonitor mon : monitors) {
      offloaded += mon.offloaded();
      local += mon.localCalls();
    }
    m.put("syscalls.offloaded", offloaded, "calls");
    m.put("syscalls.monitor_local", local, "calls");
    LinuxReport.kernel(m, kernel, noise);
  }
}
