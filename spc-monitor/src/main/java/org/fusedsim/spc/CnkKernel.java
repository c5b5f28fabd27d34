package org.fusedsim.spc;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Simulation;

/**
 * The CNK-native kernel of the CNK baseline (bgq-facts.md, "CNK"): one kernel for the whole node,
 * application threads bound one per hardware thread. Everything a thread executes, its
 * application's work and the kernel code of its calls, is work on that hardware thread of the chip.
 *
 * <p>Local calls run on the calling thread. Shipped calls take the node-wide {@code sysioFS} lock
 * for the whole request/reply exchange, so the calls of a node are served one at a time; the
 * calling thread waits for the reply without issuing. The exchange is an {@link Exchange}: the
 * stand-in parameters {@code ship_exchange} and {@code ship_bandwidth}, or {@code cl-proxy}'s
 * {@code SysiodExchange} over the partition's Messaging Unit, torus and IO link.
 *
 * <p>No periodic tick: CNK arms the decrementer only for interval timers and nanosleep, which the
 * workloads here do not use, so nothing interrupts a thread's work.
 */
public final class CnkKernel {
  /** The request/reply exchange of one shipped call with sysiod, done under the node lock. */
  @FunctionalInterface
  public interface Exchange {
    /**
     * Ships {@code call} from application thread {@code caller} (it may run CNK's shipping code
     * there); {@code done} runs when the reply is back.
     */
    void exchange(Syscall call, HardwareThread caller, Runnable done);
  }

  private final Simulation sim;
  private final CnkParams params;
  private final Exchange exchange;
  private final ArrayDeque<Runnable> lockQueue = new ArrayDeque<>();
  private final LatencyHistogram lockWait = new LatencyHistogram("cnk.ship.lock_wait");
  private boolean locked;
  private long shipped;
  private long local;

  /** Creates the kernel of one node with the stand-in exchange. */
  public CnkKernel(Simulation sim, CnkParams params) {
    this(sim, params, null);
  }

  /** Creates the kernel of one node whose shipped calls take {@code exchange} (null: stand-in). */
  public CnkKernel(Simulation sim, CnkParams params, Exchange exchange) {
    this.sim = sim;
    this.params = params;
    this.exchange =
        exchange != null
            ? exchange
            : (call, caller, done) ->
                sim.schedule(
                    params.shipExchangePs() + params.shipBandwidth().transferTime(call.bytes()),
                    done);
  }

  private static void kernelWork(HardwareThread t, long ps, Runnable then) {
    t.run(Work.integer(ps / (double) t.chip().params().cyclePs()), "CNK kernel", then);
  }

  /** Application thread {@code t} executes {@code w}, then {@code done}. */
  public void compute(HardwareThread t, Work w, Runnable done) {
    t.run(w, "application", done);
  }

  /** Serves one call issued on application thread {@code t}; {@code done} gets the result. */
  public void syscall(
      HardwareThread t, Syscall call, CnkRoute route, Consumer<SyscallResult> done) {
    switch (route) {
      case LOCAL -> {
        local++;
        kernelWork(
            t,
            params.syscallPs() + params.localServicePs(),
            () -> done.accept(new SyscallResult(0, 0)));
      }
      case SHIP -> {
        shipped++;
        kernelWork(t, params.syscallPs(), () -> ship(t, call, done));
      }
      case ENOSYS ->
          kernelWork(t, params.syscallPs(), () -> done.accept(new SyscallResult(-1, 38)));
      case EINVAL ->
          kernelWork(t, params.syscallPs(), () -> done.accept(new SyscallResult(-1, 22)));
      case EPERM -> kernelWork(t, params.syscallPs(), () -> done.accept(new SyscallResult(-1, 1)));
    }
  }

  private void ship(HardwareThread t, Syscall call, Consumer<SyscallResult> done) {
    long asked = sim.now();
    acquire(
        () -> {
          lockWait.record(sim.now() - asked);
          exchange.exchange(
              call,
              t,
              () -> {
                release();
                done.accept(new SyscallResult(call.bytes(), 0));
              });
        });
  }

  private void acquire(Runnable holder) {
    if (locked) {
      lockQueue.add(holder);
    } else {
      locked = true;
      holder.run();
    }
  }

  private void release() {
    Runnable next = lockQueue.poll();
    if (next == null) {
      locked = false;
    } else {
      next.run();
    }
  }

  /** Returns calls shipped to the IO node. */
  public long shipped() {
    return shipped;
  }

  /** Returns calls served locally. */
  public long local() {
    return local;
  }

  /** Returns how long shipped calls waited for the node-wide lock. */
  public LatencyHistogram lockWait() {
    return lockWait;
  }
}
