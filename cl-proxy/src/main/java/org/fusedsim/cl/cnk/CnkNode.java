package org.fusedsim.cl.cnk;

import java.util.function.Consumer;
import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.chip.CoreRole;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.ServiceClass;
import org.fusedsim.cl.node.Boot;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.CoreAgent;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.PollingThread;
import org.fusedsim.cl.node.SysiodExchange;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.roq.RoqBackend;
import org.fusedsim.spc.CnkKernel;
import org.fusedsim.spc.CnkParams;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * CNK on the node (the baseline): 16 application cores x 4 threads, the 17th core for system
 * agents. Application thread {@code i} is bound breadth-first (a new thread goes to a new core
 * before a second thread of a core, code: ProcessSetup.cc): core {@code i mod 16}, thread {@code i
 * / 16}. Calls are served as {@link RoutingTable#cnk} says: locally, or shipped to the IO node
 * under the node-wide lock. The system agent on core 16 takes the Messaging Unit's interrupts.
 */
public final class CnkNode implements NodeOs {
  /** Application threads: 16 cores x 4. */
  public static final int THREADS = 64;

  private static final int APP_CORES = 16;

  private final Simulation sim;
  private final NodeHardware hw;
  private final BootParams bootParams;
  private final ClParams cl;
  private final CnkKernel cnk;
  private final RoutingTable table;
  private final long[] served = new long[ServiceClass.values().length];
  private final Boot boot = new Boot();
  private final HardwareThread[] app = new HardwareThread[THREADS];
  // made for the threads that pass messages, at their first use
  private final PollingThread[] netThreads = new PollingThread[THREADS];
  private final CoreAgent agent;
  private final NetNode net;

  /** Builds the node. */
  public CnkNode(NodeContext ctx) {
    this.hw = ctx.hardware();
    this.table = ctx.shared().routing();
    this.sim = hw.sim();
    this.bootParams = BootParams.from(ctx.config().section(BootParams.KIND));
    this.cl = ClParams.from(ctx.config().section(ClParams.KIND));
    CnkParams p = CnkParams.from(ctx.config().section(CnkParams.KIND));
    this.cnk =
        new CnkKernel(
            sim, p, p.shipOverTorus() ? new SysiodExchange(ctx.sysiod()) : null, hw.interrupts());
    Chip chip = hw.chip();
    for (int c = 0; c < chip.cores(); c++) {
      chip.assignRole(c, c < APP_CORES ? CoreRole.CNK_APP : CoreRole.CNK_SYSTEM);
    }
    for (int i = 0; i < THREADS; i++) {
      HardwareThread t = chip.thread(i % APP_CORES, i / APP_CORES);
      app[i] = t;
    }
    this.agent = new CoreAgent(chip.thread(APP_CORES, 0), "CNK system agent");
    this.net =
        new NetNode() {
          @Override
          public int endpoint() {
            return hw.endpoint();
          }

          @Override
          public void softirq(long ps, Runnable then) {
            agent.serve(ps, then);
          }

          @Override
          public NetThread newThread(String name) {
            throw new UnsupportedOperationException("CNK runs no daemon threads: " + name);
          }
        };
  }

  @Override
  public String personality() {
    return "cnk";
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
  public int maxAppThreads() {
    return THREADS;
  }

  @Override
  public void boot(Runnable[] entries) {
    sim.schedule(
        bootParams.firmwarePs(),
        () -> {
          boot.done("firmware", sim.now());
          sim.schedule(
              bootParams.cnkPs(),
              () -> {
                boot.done("cnk", sim.now());
                long load = cl.loadBandwidth().transferTime(cl.imageBytes().bytes());
                sim.schedule(
                    load,
                    () -> {
                      boot.done("job_load", sim.now());
                      for (Runnable e : entries) {
                        if (e != null) {
                          e.run();
                        }
                      }
                    });
              });
        });
  }

  @Override
  public void compute(int thread, Work w, Runnable done) {
    cnk.compute(app[thread], w, done);
  }

  @Override
  public void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done) {
    tl.mark(Step.TRAP, sim.now());
    served[table.cnkClass(call).ordinal()]++;
    if (call.block().kind() == org.fusedsim.spc.Block.Kind.FUTEX_WAKE) {
      cnk.futexes().store(call.block().word(), call.block().value());
    }
    cnk.syscall(
        app[thread],
        call,
        table.cnk(call),
        r -> {
          tl.mark(Step.RETURNED, sim.now());
          done.accept(r);
        });
  }

  @Override
  public void park(int thread) {
    app[thread].spin(0, "barrier spin of application thread " + thread);
  }

  @Override
  public void unpark(int thread, int waker, Runnable cont) {
    if (app[thread].spinning()) {
      app[thread].suspend();
    }
    sim.schedule(0, cont);
  }

  @Override
  public void clone(
      int parent, int child, Runnable entry, Timeline tl, Consumer<SyscallResult> done) {
    tl.mark(Step.TRAP, sim.now());
    served[table.cnkClass(Syscall.of("clone")).ordinal()]++;
    cnk.cloneThread(
        app[parent],
        app[child],
        entry,
        r -> {
          tl.mark(Step.RETURNED, sim.now());
          done.accept(r);
        });
  }

  @Override
  public void exit(int thread, Runnable done) {
    served[table.cnkClass(Syscall.of("exit")).ordinal()]++;
    cnk.exitThread(app[thread], done);
  }

  @Override
  public NetThread netThread(int thread) {
    PollingThread p = netThreads[thread];
    if (p == null) {
      HardwareThread t = app[thread];
      p =
          new PollingThread(
              t, (w, d) -> t.run(w, "PAMI", d), true, "CNK thread " + thread + " PAMI");
      netThreads[thread] = p;
    }
    return p;
  }

  @Override
  public NetNode net() {
    return net;
  }

  @Override
  public RoqBackend roq() {
    return null;
  }

  @Override
  public long served(ServiceClass c) {
    return served[c.ordinal()];
  }

  @Override
  public void report(Metrics m) {
    boot.report(m);
    m.put("node.cnk_app_threads", THREADS, "threads");
    m.put("cnk.local_calls", cnk.local(), "calls");
    m.put("cnk.shipped_calls", cnk.shipped(), "calls");
    if (cnk.lockWait().count() > 0) {
      m.putLatency("cnk.ship_lock_wait", cnk.lockWait());
    }
    if (cnk.stdioLockWait().count() > 0) {
      m.putLatency("cnk.stdio_lock_wait", cnk.stdioLockWait());
    }
    m.put("cnk.ticks", cnk.ticks(), "ticks");
    if (cnk.futexes().waits() + cnk.futexes().wakes() > 0) {
      m.put("cnk.futex_waits", cnk.futexes().waits(), "calls");
      m.put("cnk.futex_wakes", cnk.futexes().wakes(), "calls");
    }
  }
}
