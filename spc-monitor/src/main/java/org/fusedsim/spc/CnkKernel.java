package org.fusedsim.spc;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.fusedsim.bgq.chip.HardwareThread;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.interrupt.InterruptController;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Simulation;

/**
 * The CNK-native kernel of the CNK baseline (bgq-facts.md, "CNK"): one kernel for the whole node,
 * application threads bound one per hardware thread. Everything a thread executes, its
 * application's work and the kernel code of its calls, is work on that hardware thread of the chip.
 *
 * <p>Local calls run on the calling thread. Shipped calls take a node-wide lock for the whole
 * request/reply exchange: {@code sysioFS}'s for file and socket calls, {@code stdioFS}'s of its own
 * for descriptors 0-2 (bgq-facts.md, "CNK": {@code cnk/src/fs/sysioFS.cc}, {@code stdioFS.cc}), so
 * the file calls of a node are served one at a time and a write to stdout never waits behind one;
 * the calling thread waits for the reply without issuing. The exchange is an {@link Exchange}: the
 * stand-in parameters {@code ship_exchange} and {@code ship_bandwidth}, or {@code cl-proxy}'s
 * {@code SysiodExchange} over the partition's Messaging Unit, torus and IO link.
 *
 * <p>No periodic tick: CNK arms the decrementer only for interval timers, nanosleep and timed futex
 * waits, so nothing interrupts a thread's work unless it sleeps. Futex waits and wakes are CNK's
 * own (its futex table; a wake of a thread on another hardware thread is an IPI to it).
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
  private final InterruptController interrupts;
  private final Futexes<Waiter> futexes = new Futexes<>();
  private final Lock sysioLock = new Lock("cnk.ship.lock_wait");
  private final Lock stdioLock = new Lock("cnk.stdio.lock_wait");
  private long shipped;
  private long ticks;
  private long local;

  /** A thread blocked in a futex wait. */
  private record Waiter(HardwareThread thread, Consumer<SyscallResult> done) {}

  /** Creates the kernel of one chip with the stand-in exchange and its own interrupt controller. */
  public CnkKernel(Simulation sim, CnkParams params) {
    this(
        sim,
        params,
        null,
        new InterruptController(sim, InterruptParams.defaults(), "cnk", CHIP_THREADS));
  }

  private static final int CHIP_THREADS = 68;

  /**
   * Creates the kernel of one node whose shipped calls take {@code exchange} (null: stand-in) and
   * whose cross-thread wakes are IPIs through {@code interrupts}.
   */
  public CnkKernel(
      Simulation sim, CnkParams params, Exchange exchange, InterruptController interrupts) {
    this.sim = sim;
    this.params = params;
    this.interrupts = interrupts;
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
    if (route == CnkRoute.LOCAL && call.block().kind() != Block.Kind.NONE) {
      local++;
      block(t, call.block(), done);
      return;
    }
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
        if (call.block().kind() == Block.Kind.READY) {
          // sysiod blocks in the IO node's Linux until the descriptor is ready, then replies
          kernelWork(
              t,
              params.syscallPs(),
              () -> ship(t, call, r -> sim.schedule(call.block().ps(), () -> done.accept(r))));
          return;
        }
        kernelWork(t, params.syscallPs(), () -> ship(t, call, done));
      }
      case ENOSYS ->
          kernelWork(t, params.syscallPs(), () -> done.accept(new SyscallResult(-1, 38)));
      case EINVAL ->
          kernelWork(t, params.syscallPs(), () -> done.accept(new SyscallResult(-1, 22)));
      case EPERM -> kernelWork(t, params.syscallPs(), () -> done.accept(new SyscallResult(-1, 1)));
    }
  }

  /**
   * A blocking call served by CNK on the calling thread: a futex wait queues the thread in CNK's
   * futex table and its hardware thread stops issuing until a wake; a wake from another thread is
   * an IPI to the waiter's hardware thread, whose interrupt makes it run again; a sleep or a wait's
   * timeout arms the decrementer, whose interrupt (a {@link #ticks} count) ends it.
   */
  private void block(HardwareThread t, Block b, Consumer<SyscallResult> done) {
    long entry = params.syscallPs() + params.futexPs();
    switch (b.kind()) {
      case FUTEX_WAIT ->
          kernelWork(
              t,
              entry,
              () -> {
                Waiter w = new Waiter(t, done);
                if (!futexes.await(b.word(), b.value(), w)) {
                  done.accept(new SyscallResult(-1, Block.EAGAIN));
                  return;
                }
                if (b.ps() >= 0) {
                  sim.schedule(
                      b.ps(),
                      () -> {
                        if (futexes.cancel(b.word(), w)) {
                          decrementer(t, () -> done.accept(new SyscallResult(-1, Block.ETIMEDOUT)));
                        }
                      });
                }
              });
      case FUTEX_WAKE ->
          kernelWork(
              t,
              entry,
              () -> {
                java.util.List<Waiter> woken = futexes.wake(b.word(), b.count(), b.value());
                if (woken.isEmpty()) {
                  sendWakes(t, woken, done);
                } else {
                  kernelWork(
                      t, woken.size() * params.wakeThreadPs(), () -> sendWakes(t, woken, done));
                }
              });
      case SLEEP ->
          kernelWork(
              t,
              params.syscallPs() + params.localServicePs(),
              () ->
                  sim.schedule(
                      b.ps(), () -> decrementer(t, () -> done.accept(new SyscallResult(0, 0)))));
      case READY ->
          // a signal wait (rt_sigsuspend, pause): the thread stops issuing until the signal's
          // interrupt
          kernelWork(
              t,
              params.syscallPs() + params.localServicePs(),
              () ->
                  sim.schedule(
                      b.ps(),
                      () ->
                          kernelWork(
                              t,
                              params.interruptPs(),
                              () -> done.accept(new SyscallResult(0, 0)))));
      case NONE -> throw new IllegalArgumentException("not a blocking call");
    }
  }

  /**
   * clone on application thread {@code parent}: a KThread on hardware thread {@code child} with the
   * parent's context, then an IPI that starts it there; {@code entry} runs on the child once its
   * interrupt is taken, and {@code done} gets the parent's return (the child's thread id).
   */
  public void cloneThread(
      HardwareThread parent, HardwareThread child, Runnable entry, Consumer<SyscallResult> done) {
    local++;
    kernelWork(
        parent,
        params.syscallPs() + params.clonePs(),
        () -> {
          interrupts.sendIpi(
              parent.id(), child.id(), from -> kernelWork(child, params.interruptPs(), entry));
          done.accept(SyscallResult.fromRaw(child.id() + 1L));
        });
  }

  /** exit on application thread {@code t}: CNK frees its KThread; then {@code done}. */
  public void exitThread(HardwareThread t, Runnable done) {
    local++;
    kernelWork(t, params.syscallPs() + params.exitPs(), done);
  }

  /** Thread {@code t} has made the woken threads runnable: an IPI to each one's hardware thread. */
  private void sendWakes(
      HardwareThread t, java.util.List<Waiter> woken, Consumer<SyscallResult> done) {
    for (Waiter w : woken) {
      interrupts.sendIpi(
          t.id(),
          w.thread().id(),
          from ->
              kernelWork(
                  w.thread(),
                  params.interruptPs(),
                  () -> w.done().accept(new SyscallResult(0, 0))));
    }
    done.accept(new SyscallResult(woken.size(), 0));
  }

  /** The decrementer interrupt on {@code t}: CNK's interrupt code, then {@code then}. */
  private void decrementer(HardwareThread t, Runnable then) {
    ticks++;
    kernelWork(t, params.interruptPs(), then);
  }

  /** Returns CNK's futex table (counters). */
  public Futexes<?> futexes() {
    return futexes;
  }

  private void ship(HardwareThread t, Syscall call, Consumer<SyscallResult> done) {
    Lock lock = call.fd() >= 0 && call.fd() <= 2 ? stdioLock : sysioLock;
    long asked = sim.now();
    lock.acquire(
        () -> {
          lock.waited.record(sim.now() - asked);
          exchange.exchange(
              call,
              t,
              () -> {
                lock.release();
                done.accept(new SyscallResult(call.bytes(), 0));
              });
        });
  }

  /** A node-wide lock held for a whole exchange; waiters take it in the order they asked. */
  private static final class Lock {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final LatencyHistogram waited;
    private boolean held;

    Lock(String name) {
      this.waited = new LatencyHistogram(name);
    }

    void acquire(Runnable holder) {
      if (held) {
        queue.add(holder);
      } else {
        held = true;
        holder.run();
      }
    }

    void release() {
      Runnable next = queue.poll();
      if (next == null) {
        held = false;
      } else {
        next.run();
      }
    }
  }

  /**
   * Returns the decrementer interrupts CNK has taken: it has no periodic tick and arms the
   * decrementer only for interval timers and nanosleep, so work alone never takes one.
   */
  public long ticks() {
    return ticks;
  }

  /** Returns calls shipped to the IO node. */
  public long shipped() {
    return shipped;
  }

  /** Returns calls served locally. */
  public long local() {
    return local;
  }

  /** Returns how long shipped file and socket calls waited for the node's sysio lock. */
  public LatencyHistogram lockWait() {
    return sysioLock.waited;
  }

  /** Returns how long shipped stdio calls waited for the node's stdio lock. */
  public LatencyHistogram stdioLockWait() {
    return stdioLock.waited;
  }
}
