package org.fusedsim.spc;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Simulation;

/**
 * The CNK-native kernel of the CNK baseline (bgq-facts.md, "CNK"): one kernel for the whole node,
 * application threads bound one per hardware thread.
 *
 * <p>Local calls run on the calling thread. Shipped calls take the node-wide {@code sysioFS} lock
 * for the whole request/reply exchange, so the calls of a node are served one at a time. The
 * exchange is an {@link Exchange}: by default the stand-in parameters {@code ship_exchange} and
 * {@code ship_bandwidth}; {@code cl-proxy}'s {@code SysiodExchange} replaces it with roq-net's
 * model over the real torus and IO link.
 *
 * <p>The 100 Hz tick is modelled as time taken from whatever the thread is doing: ticks fall at
 * multiples of the tick period on every thread, and a piece of work that spans {@code n} ticks ends
 * {@code n} tick costs later.
 */
public final class CnkKernel {
  /** The request/reply exchange of one shipped call with sysiod, done under the node lock. */
  @FunctionalInterface
  public interface Exchange {
    /** Ships {@code call}; {@code done} runs when its reply is back. */
    void exchange(Syscall call, Runnable done);
  }

  private final Simulation sim;
  private final CnkParams params;
  private final Exchange exchange;
  private final ArrayDeque<Runnable> lockQueue = new ArrayDeque<>();
  private final LatencyHistogram lockWait = new LatencyHistogram("cnk.ship.lock_wait");
  private boolean locked;
  private long shipped;
  private long local;
  private long ticks;

  /** Creates the kernel of one node with the stand-in exchange. */
  public CnkKernel(Simulation sim, CnkParams params) {
    this.sim = sim;
    this.params = params;
    this.exchange =
        (call, done) ->
            sim.schedule(
                params.shipExchangePs() + params.shipBandwidth().transferTime(call.bytes()), done);
  }

  /** Creates the kernel of one node whose shipped calls take {@code exchange}. */
  public CnkKernel(Simulation sim, CnkParams params, Exchange exchange) {
    this.sim = sim;
    this.params = params;
    this.exchange = exchange;
  }

  /**
   * Returns when work of {@code workPs} started at {@code start} ends on a thread that also takes
   * CNK's ticks (each tick at a multiple of the period adds the tick cost).
   */
  public long endOf(long start, long workPs) {
    long end = start + workPs;
    long seen = 0;
    while (true) {
      long n = ticksIn(start, end);
      if (n == seen) {
        return end;
      }
      end += (n - seen) * params.tickPs();
      seen = n;
    }
  }

  private long ticksIn(long from, long to) {
    long p = params.tickPeriodPs();
    return to / p - from / p;
  }

  /** Runs {@code workPs} of computation on an application thread, then {@code done}. */
  public void compute(long workPs, Runnable done) {
    long end = endOf(sim.now(), workPs);
    ticks += ticksIn(sim.now(), end);
    sim.schedule(end - sim.now(), done);
  }

  /** Serves one call issued on an application thread; {@code done} gets the result. */
  public void syscall(Syscall call, CnkRoute route, Consumer<SyscallResult> done) {
    switch (route) {
      case LOCAL -> {
        local++;
        compute(
            params.syscallPs() + params.localServicePs(),
            () -> done.accept(new SyscallResult(0, 0)));
      }
      case SHIP -> {
        shipped++;
        compute(params.syscallPs(), () -> ship(call, done));
      }
      case ENOSYS -> compute(params.syscallPs(), () -> done.accept(new SyscallResult(-1, 38)));
      case EINVAL -> compute(params.syscallPs(), () -> done.accept(new SyscallResult(-1, 22)));
      case EPERM -> compute(params.syscallPs(), () -> done.accept(new SyscallResult(-1, 1)));
    }
  }

  private void ship(Syscall call, Consumer<SyscallResult> done) {
    long asked = sim.now();
    acquire(
        () -> {
          lockWait.record(sim.now() - asked);
          exchange.exchange(
              call,
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

  /** Returns ticks that fell into application work or calls. */
  public long ticks() {
    return ticks;
  }

  /** Returns how long shipped calls waited for the node-wide lock. */
  public LatencyHistogram lockWait() {
    return lockWait;
  }
}
