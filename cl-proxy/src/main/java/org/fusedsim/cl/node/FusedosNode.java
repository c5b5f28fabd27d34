package org.fusedsim.cl.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.Reservations;
import org.fusedsim.bgq.memory.Mailbox;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.Region;
import org.fusedsim.cl.ClProcess;
import org.fusedsim.cl.ClStats;
import org.fusedsim.cl.LaunchRules;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.ServiceClass;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.fusedosfs.FusedosFs;
import org.fusedsim.fusedosfs.LinuxKernel;
import org.fusedsim.fusedosfs.MemFs;
import org.fusedsim.fusedosfs.NoiseSources;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.fusedosfs.Vfs;
import org.fusedsim.spc.IpiMask;
import org.fusedsim.spc.SpcMonitor;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * A FusedOS node as released (bgq-facts.md, "FusedOS partitioning"): Linux on the 4 threads of core
 * 0 (the GPCs), the SPC monitor on the 60 threads of cores 1-15, the RoQ microcode on core 16 (idle
 * here: no network traffic in these workloads). Application thread {@code i} runs on the SPC CL's
 * placement policy gives it. Noise sources run on the GPCs only.
 *
 * <p>Boot: firmware, Linux, spcml (copies the 12 MiB monitor image and boots every SPC monitor), CL
 * launch (image load, static TLBs, START).
 */
public final class FusedosNode implements NodeOs {
  /** GPCs: Linux's {@code nr_gpcs} default, the threads of core 0 (code, fusedos.c). */
  public static final int GPC_THREADS = 4;

  /** SPC threads: cores 1-15 (code). */
  public static final int SPC_THREADS = 60;

  /** The core the RoQ microcode runs on (code, boot_bgq.sh). */
  public static final int ROQ_CORE = 16;

  private final Simulation sim;
  private final NodeConfig cfg;
  private final InterruptController ic;
  private final LinuxKernel kernel;
  private final FusedosFs fs;
  private final Vfs vfs;
  private final NoiseSources noise;
  private final List<SpcMonitor> monitors = new ArrayList<>();
  private final ClStats clStats = new ClStats();
  private final RoutingTable table = RoutingTable.load();
  private final Boot boot = new Boot();
  private final int[] gpcs = {0, 1, 2, 3};
  private int[] appSpc = new int[0];
  private boolean jobEnded;
  private final Map<String, Boolean> mounted = new java.util.TreeMap<>();

  /** Builds the node; nothing runs until {@link #boot}. */
  public FusedosNode(Simulation sim, NodeConfig cfg) {
    this.sim = sim;
    this.cfg = cfg;
    int threads = 68;
    ic = new InterruptController(sim, cfg.interrupt(), "node", threads);
    Reservations rsv = new Reservations(sim, cfg.interrupt(), cfg.memory().lineBytes());
    kernel = new LinuxKernel(sim, cfg.linux(), ic, gpcs);
    MemoryLayout layout = MemoryLayout.fusedOs(cfg.memory(), SPC_THREADS);
    IpiMask mask = new IpiMask();
    fs = new FusedosFs(kernel, layout, mask, gpcs[0]);
    vfs = new Vfs(cfg.linux(), new MemFs(cfg.linux()));
    noise = new NoiseSources(kernel);
    clStats.onJobEnd(
        () -> {
          jobEnded = true;
          sim.stop();
        });
    Region context = layout.get("monitor_context");
    long perSpc = context.size() / SPC_THREADS;
    for (int i = 0; i < SPC_THREADS; i++) {
      Mailbox slot = new Mailbox(sim, rsv, context.base() + i * perSpc, cfg.memory());
      SpcMonitor m =
          new SpcMonitor(
              sim, cfg.monitor(), i, GPC_THREADS + i, slot, ic, mask, gpcs[0], fs.ipiHandler());
      monitors.add(m);
      fs.register(m);
    }
  }

  /**
   * Mounts {@code backend} at {@code prefix} in Linux's VFS (e.g. the 9P mount from the IO node,
   * {@link NinePMount}); CL-delegated file calls on paths below it go there. Call before boot.
   */
  public void mount(String prefix, org.fusedsim.fusedosfs.FsBackend backend) {
    vfs.mount(prefix, backend);
    mounted.put(prefix, true);
  }

  /**
   * Mounts a node-local file system (Linux's memory file system) at {@code prefix}, e.g. below a 9P
   * mount of {@code /}. Call before boot.
   */
  public void mountLocal(String prefix) {
    vfs.mount(prefix, new MemFs(cfg.linux()));
    mounted.put(prefix, false);
  }

  /**
   * Returns whether {@code path} lies on an IO-node mount (the longest matching prefix, as the VFS
   * resolves it): CL routes such file calls as ION.
   */
  private boolean onMount(String path) {
    return mounted.getOrDefault(vfs.mountPoint(path), false);
  }

  @Override
  public String personality() {
    return "fusedos";
  }

  @Override
  public Simulation sim() {
    return sim;
  }

  @Override
  public int maxAppThreads() {
    return SPC_THREADS - cfg.cl().firstSpc();
  }

  @Override
  public void boot(Runnable[] entries) {
    int n = entries.length;
    int procs = cfg.cl().processes();
    if (n % procs != 0) {
      throw new org.fusedsim.cl.LaunchException(
          "processes", n + " threads do not split evenly into " + procs + " processes");
    }
    int perProc = n / procs;
    LaunchRules.check(cfg.cl().firstSpc(), procs, perProc, SPC_THREADS);
    appSpc = new int[n];
    sim.schedule(
        cfg.boot().firmwarePs(),
        () -> {
          boot.done("firmware", sim.now());
          sim.schedule(cfg.boot().linuxPs(), () -> linuxUp(entries, procs, perProc));
        });
  }

  private void linuxUp(Runnable[] entries, int procs, int perProc) {
    boot.done("linux", sim.now());
    noise.start(cfg.noise(), cfg.streams(), "node/linux", gpcs, Long.MAX_VALUE);
    Task spcml = kernel.spawn("spcml", gpcs);
    kernel.wake(
        spcml,
        -1,
        () ->
            fs.loadMonitor(
                spcml,
                cfg.memory().monitorImageBytes(),
                () -> {
                  boot.done("spcml", sim.now());
                  launch(entries, procs, perProc);
                  kernel.block(spcml);
                }));
  }

  private void launch(Runnable[] entries, int procs, int perProc) {
    int[] remaining = {procs};
    int first = cfg.cl().firstSpc();
    for (int p = 0; p < procs; p++) {
      int[] spcs = cfg.cl().placement().place(first + p * perProc, perProc);
      Runnable[] mine = new Runnable[perProc];
      for (int i = 0; i < perProc; i++) {
        appSpc[p * perProc + i] = spcs[i];
        mine[i] = entries[p * perProc + i];
      }
      ClProcess cl =
          new ClProcess(
              kernel, fs, vfs, cfg.cl(), table, this::onMount, spcs, gpcs, "cl" + p, clStats);
      cl.launch(
          mine,
          () -> {
            if (--remaining[0] == 0) {
              boot.done("cl_launch", sim.now());
            }
          });
    }
  }

  @Override
  public void compute(int thread, long ps, Runnable done) {
    // The SPC monitor has no timer and Linux never runs on an SPC: nothing interrupts the work.
    sim.schedule(ps, done);
  }

  @Override
  public void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done) {
    monitors.get(appSpc[thread]).syscall(call, tl, done);
  }

  @Override
  public void computeThenSyscall(
      int thread,
      long ps,
      Syscall call,
      Timeline tl,
      LongConsumer atCall,
      Consumer<SyscallResult> done) {
    monitors.get(appSpc[thread]).syscall(ps, call, tl, atCall, done);
  }

  @Override
  public void park(int thread) {}

  @Override
  public void unpark(int thread, int waker, Runnable cont) {
    sim.schedule(0, cont);
  }

  @Override
  public void finish(int thread) {}

  @Override
  public boolean jobEnded() {
    return jobEnded;
  }

  /** Returns the monitor of SPC {@code spc}. */
  public SpcMonitor monitor(int spc) {
    return monitors.get(spc);
  }

  /** The application on thread {@code thread} takes a non-syscall exception (e.g. a bad load). */
  public void exception(int thread, String name) {
    monitors.get(appSpc[thread]).exception(name);
  }

  /** Returns the SPC application thread {@code thread} runs on. */
  public int spcOf(int thread) {
    return appSpc[thread];
  }

  @Override
  public void report(Metrics m) {
    boot.report(m);
    m.put("node.gpc_threads", GPC_THREADS, "threads");
    m.put("node.spc_threads", SPC_THREADS, "threads");
    m.put("node.roq_core", ROQ_CORE, "core");
    m.put(
        "node.spc_memory_per_thread_mib", cfg.memory().spcChunkBytes() / (double) (1 << 20), "MiB");
    long offloaded = 0;
    long local = 0;
    for (SpcMonitor mon : monitors) {
      offloaded += mon.offloaded();
      local += mon.localCalls();
    }
    m.put("syscalls.offloaded", offloaded, "calls");
    m.put("syscalls.monitor_local", local, "calls");
    m.put("fusedos.ipis", ic.ipisSent() - kernel.reschedIpis(), "IPIs");
    m.put("fusedos.cl_wakeups", fs.wakeUps(), "wakeups");
    m.put("fusedos.ipi_handler_runs", fs.handlerRuns(), "runs");
    m.put("fusedos.spurious_ipis", fs.spuriousIpis(), "IPIs");
    for (ServiceClass c : ServiceClass.values()) {
      if (clStats.served(c) > 0) {
        m.put(
            "cl.served." + c.name().toLowerCase(java.util.Locale.ROOT), clStats.served(c), "calls");
      }
    }
    m.put("cl.aborted_jobs", clStats.abortedJobs(), "jobs");
    m.put("cl.exceptions", clStats.exceptions(), "exceptions");
    LinuxNode.reportKernel(m, kernel, noise);
  }

  static void reportNoise(Metrics m, NoiseSources noise) {
    for (Map.Entry<String, Long> e : noise.activations().entrySet()) {
      m.put("noise." + e.getKey() + ".activations", e.getValue(), "activations");
    }
  }
}
