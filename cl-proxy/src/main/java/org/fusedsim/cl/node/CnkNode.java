package org.fusedsim.cl.node;

import java.util.function.Consumer;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.spc.CnkKernel;
import org.fusedsim.spc.Step;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * CNK on the node (the baseline): 16 application cores x 4 threads, the 17th core for system agents
 * (idle here). Calls are served as {@link RoutingTable#cnk} says: locally, or shipped to the IO
 * node under the node-wide lock.
 */
public final class CnkNode implements NodeOs {
  private static final int THREADS = 64;

  private final Simulation sim;
  private final NodeConfig cfg;
  private final CnkKernel cnk;
  private final RoutingTable table = RoutingTable.load();
  private final Boot boot = new Boot();

  /** Builds the node with the stand-in function-shipping exchange ({@code cnk.ship_exchange}). */
  public CnkNode(Simulation sim, NodeConfig cfg) {
    this.sim = sim;
    this.cfg = cfg;
    this.cnk = new CnkKernel(sim, cfg.cnk());
  }

  /** Builds the node with another exchange, e.g. {@link SysiodExchange} over torus and IO link. */
  public CnkNode(Simulation sim, NodeConfig cfg, CnkKernel.Exchange exchange) {
    this.sim = sim;
    this.cfg = cfg;
    this.cnk = new CnkKernel(sim, cfg.cnk(), exchange);
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
  public int maxAppThreads() {
    return THREADS;
  }

  @Override
  public void boot(Runnable[] entries) {
    sim.schedule(
        cfg.boot().firmwarePs(),
        () -> {
          boot.done("firmware", sim.now());
          sim.schedule(
              cfg.boot().cnkPs(),
              () -> {
                boot.done("cnk", sim.now());
                long load = cfg.cl().loadBandwidth().transferTime(cfg.cl().imageBytes().bytes());
                sim.schedule(
                    load,
                    () -> {
                      boot.done("job_load", sim.now());
                      for (Runnable e : entries) {
                        e.run();
                      }
                    });
              });
        });
  }

  @Override
  public void compute(int thread, long ps, Runnable done) {
    cnk.compute(ps, done);
  }

  @Override
  public void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done) {
    tl.mark(Step.TRAP, sim.now());
    cnk.syscall(
        call,
        table.cnk(call),
        r -> {
          tl.mark(Step.RETURNED, sim.now());
          done.accept(r);
        });
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
  public void report(Metrics m) {
    boot.report(m);
    m.put("node.cnk_app_threads", THREADS, "threads");
    m.put("cnk.local_calls", cnk.local(), "calls");
    m.put("cnk.shipped_calls", cnk.shipped(), "calls");
    m.put("cnk.ticks", cnk.ticks(), "ticks");
    if (cnk.lockWait().count() > 0) {
      m.putLatency("cnk.ship_lock_wait", cnk.lockWait());
    }
  }
}
