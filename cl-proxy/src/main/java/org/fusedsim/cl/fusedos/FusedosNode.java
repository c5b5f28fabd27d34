package org.fusedsim.cl.fusedos;

import java.util.Locale;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.ClProcess;
import org.fusedsim.cl.ClStats;
import org.fusedsim.cl.LaunchException;
import org.fusedsim.cl.LaunchRules;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.ServiceClass;
import org.fusedsim.cl.node.ConfigException;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.core.Metrics;
import org.fusedsim.fusedosfs.FusedosFs;
import org.fusedsim.fusedosfs.Task;
import org.fusedsim.spc.SpcMonitor;

/**
 * A FusedOS node as released: the {@link SpcNode} split, the fusedosfs driver with its IPI handler,
 * and CL, one Linux process per CNK process with one pthread per SPC that serves the calls through
 * the routing table ({@link ClProcess}).
 */
public final class FusedosNode extends SpcNode {
  private final ClParams cl;
  private final FusedosFs fs;
  private final ClStats clStats = new ClStats();
  private final RoutingTable table;
  private final ClProcess[] processes;
  private boolean jobEnded;

  /** Builds the node; nothing runs until {@link #boot}. */
  public FusedosNode(NodeContext ctx) {
    super(ctx);
    this.table = ctx.shared().routing();
    this.cl = ClParams.from(ctx.config().section(ClParams.KIND));
    this.fs = new FusedosFs(kernel(), layout(), mask(), gpcs()[0]);
    for (int i = 0; i < spcCount(); i++) {
      fs.register(monitor(i));
    }
    this.processes = new ClProcess[cl.processes()];
    clStats.onJobEnd(
        () -> {
          jobEnded = true;
          sim().stop();
        });
  }

  @Override
  public String personality() {
    return "fusedos";
  }

  @Override
  public int maxAppThreads() {
    return spcCount() - cl.firstSpc();
  }

  @Override
  protected InterruptController.IpiHandler ipiHandler(int cpu) {
    return fs.ipiHandler(cpu);
  }

  @Override
  protected int serverCpu(int spc) {
    for (ClProcess p : processes) {
      Task t = p == null ? null : p.threadOf(spc);
      if (t != null) {
        return t.cpu();
      }
    }
    return gpcs()[0];
  }

  @Override
  protected int[] place(int n) {
    int procs = cl.processes();
    if (n % procs != 0) {
      throw new LaunchException(
          "processes", n + " threads do not split evenly into " + procs + " processes");
    }
    int perProc = n / procs;
    LaunchRules.check(cl.firstSpc(), procs, perProc, spcCount());
    int[] spcs = new int[n];
    int cores = (spcCount() - cl.firstSpc()) / 4;
    // CL starts each process on a core of its own (first_spc a multiple of 4); processes smaller
    // than a core that outnumber the cores take the next hardware threads of the cores from the
    // first, breadth-first as CNK places threads, so a node can run 16 single-threaded ranks
    boolean spread = procs > 1 && perProc < 4 && 4 % perProc == 0;
    for (int p = 0; p < procs; p++) {
      int first =
          spread
              ? cl.firstSpc() + (p % cores) * 4 + (p / cores) * perProc
              : cl.firstSpc() + p * perProc;
      int[] mine = cl.placement().place(first, perProc);
      System.arraycopy(mine, 0, spcs, p * perProc, perProc);
    }
    return spcs;
  }

  private int[] cpusOf(int spc) {
    int[] g = gpcs();
    if (spc < 0 || knobs().clCpus() == FusedosParams.ClCpus.ANY) {
      return g;
    }
    return new int[] {g[spc % g.length]};
  }

  @Override
  protected void launch(int[] spcs, Runnable[] entries, Runnable started) {
    int procs = processes.length;
    int perProc = spcs.length / procs;
    int[] remaining = {procs};
    for (int p = 0; p < procs; p++) {
      int[] mine = new int[perProc];
      Runnable[] run = new Runnable[perProc];
      for (int i = 0; i < perProc; i++) {
        mine[i] = spcs[p * perProc + i];
        run[i] = entries[p * perProc + i];
      }
      processes[p] =
          new ClProcess(
              kernel(),
              fs,
              vfs(),
              cl,
              table,
              this::onIoMount,
              mine,
              this::cpusOf,
              "cl" + p,
              p,
              clStats);
      processes[p].launch(
          run,
          () -> {
            if (--remaining[0] == 0) {
              started.run();
            }
          });
    }
  }

  @Override
  protected void cloning(int parentSpc, int childSpc, Runnable entry) {
    processOf(parentSpc).cloning(parentSpc, childSpc, entry);
  }

  @Override
  protected void exiting(int spc, Runnable done) {
    processOf(spc).exiting(spc, done);
  }

  private ClProcess processOf(int spc) {
    for (ClProcess p : processes) {
      if (p != null && p.owns(spc)) {
        return p;
      }
    }
    throw new IllegalStateException("SPC " + spc + " belongs to no CL process");
  }

  @Override
  public boolean jobEnded() {
    return jobEnded;
  }

  /** Returns the CL pthread serving SPC {@code spc}, or null before the launch (tests). */
  public Task clThread(int spc) {
    for (ClProcess p : processes) {
      Task t = p == null ? null : p.threadOf(spc);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** Returns the monitor of SPC {@code spc} (tests). */
  public SpcMonitor spcMonitor(int spc) {
    return monitor(spc);
  }

  @Override
  public long served(ServiceClass c) {
    return clStats.served(c);
  }

  @Override
  public void report(Metrics m) {
    super.report(m);
    long answers = 0;
    for (int i = 0; i < spcCount(); i++) {
      answers += monitor(i).acks();
    }
    // the IPIs of calls and exceptions; the monitors' answers to commands and CL's IPI_QUITs at
    // the end of the job are counted apart
    m.put(
        "fusedos.ipis",
        hardware().interrupts().ipisSent() - kernel().reschedIpis() - answers - clStats.quitIpis(),
        "IPIs");
    m.put("fusedos.command_answers", answers, "IPIs");
    m.put("fusedos.cl_wakeups", fs.wakeUps(), "wakeups");
    m.put("fusedos.ipi_handler_runs", fs.handlerRuns(), "runs");
    m.put("fusedos.spurious_ipis", fs.spuriousIpis(), "IPIs");
    for (ServiceClass c : ServiceClass.values()) {
      if (clStats.served(c) > 0) {
        m.put("cl.served." + c.name().toLowerCase(Locale.ROOT), clStats.served(c), "calls");
      }
    }
    m.put("cl.aborted_jobs", clStats.abortedJobs(), "jobs");
    if (clStats.clones() > 0) {
      m.put("cl.clones", clStats.clones(), "threads");
    }
    if (clStats.idleWakeups() > 0) {
      m.put("cl.idle_wakeups", clStats.idleWakeups(), "wakeups");
      m.put("cl.idle_rewaits", clStats.idleRewaits(), "wakeups");
    }
    if (clStats.jobExit().count() > 0) {
      m.putLatency("cl.job_exit", clStats.jobExit());
      m.put("cl.quit_ipis", clStats.quitIpis(), "IPIs");
      m.put("cl.exit_signals", clStats.signals(), "signals");
      m.put("cl.threads_left", clStats.threadsLeft(), "threads");
    }
    m.put("cl.exceptions", clStats.exceptions(), "exceptions");
  }

  /** Checks CL's launch rules for {@code threads} application threads on {@code spcs} SPCs. */
  static void checkLaunch(ClParams cl, int threads, int spcs) {
    if (threads <= 0) {
      return;
    }
    if (threads % cl.processes() != 0) {
      throw new ConfigException(
          ClParams.KIND,
          "processes",
          "fusedos: "
              + threads
              + " threads do not split evenly into "
              + cl.processes()
              + " processes");
    }
    try {
      LaunchRules.check(cl.firstSpc(), cl.processes(), threads / cl.processes(), spcs);
    } catch (LaunchException e) {
      throw new ConfigException(
          e.key().equals("threads") ? "" : ClParams.KIND, e.key(), "fusedos: " + e.getMessage());
    }
  }
}
