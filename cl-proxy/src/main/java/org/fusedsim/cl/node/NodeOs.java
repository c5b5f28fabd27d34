package org.fusedsim.cl.node;

import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.node.NodeHardware;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.NetNode;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.roq.RoqBackend;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;

/**
 * One compute node under one OS personality, as a workload sees it: application threads that
 * compute and make system calls. A thread's actions are chained: each {@code done} starts the next
 * action. Everything runs on the node's hardware threads ({@link #hardware}).
 */
public interface NodeOs {
  /** Returns the personality name ({@code fusedos}, {@code cnk}, {@code linux}, ...). */
  String personality();

  /** Returns the simulation. */
  Simulation sim();

  /** Returns the node's hardware. */
  NodeHardware hardware();

  /** Returns the node's location name, the prefix of its component paths. */
  default String location() {
    return hardware().location();
  }

  /** Returns how many application threads this personality offers. */
  int maxAppThreads();

  /**
   * Boots the node and launches a job of {@code entries.length} application threads; {@code
   * entries[i]} runs on thread {@code i} from the launch, or, if null, thread {@code i} is started
   * later by a {@link #clone}.
   */
  void boot(Runnable[] entries);

  /** Application thread {@code thread} executes {@code w}. */
  void compute(int thread, Work w, Runnable done);

  /**
   * Application thread {@code thread} computes for {@code ps}: integer work that takes {@code ps}
   * on a core of its own.
   */
  default void compute(int thread, long ps, Runnable done) {
    compute(thread, Work.integer(ps / (double) hardware().chip().params().cyclePs()), done);
  }

  /** Application thread {@code thread} makes a call; {@code tl} receives the step times. */
  void syscall(int thread, Syscall call, Timeline tl, Consumer<SyscallResult> done);

  /**
   * Application thread {@code thread} computes for {@code ps}, then makes a call; {@code atCall}
   * (may be null) is told the time the call was made (when the computing ended, however the OS and
   * the chip stretched it), no later than {@code done} runs.
   */
  default void computeThenSyscall(
      int thread,
      long ps,
      Syscall call,
      Timeline tl,
      LongConsumer atCall,
      Consumer<SyscallResult> done) {
    compute(
        thread,
        ps,
        () -> {
          if (atCall != null) {
            atCall.accept(sim().now());
          }
          syscall(thread, call, tl, done);
        });
  }

  /**
   * Application thread {@code thread} waits at a barrier until {@link #unpark}. Under fusedos and
   * cnk it spins on its own hardware thread; under linux it sleeps in the kernel (futex wait) and
   * its CPU is free for other tasks.
   */
  void park(int thread);

  /**
   * Thread {@code waker} releases parked thread {@code thread}, which continues with {@code cont}.
   * Under linux this is a futex wake: the sleeper is woken (a reschedule IPI to its idle CPU) and
   * switched in.
   */
  void unpark(int thread, int waker, Runnable cont);

  /**
   * Application thread {@code parent} creates application thread {@code child} with a thread clone
   * (NPTL's pthread_create): {@code child}, left without an entry at {@link #boot}, runs {@code
   * entry} once its OS has started it, and {@code done} receives the parent's return from the call
   * (the child's thread id).
   */
  void clone(int parent, int child, Runnable entry, Timeline tl, Consumer<SyscallResult> done);

  /**
   * Application thread {@code thread} has finished its program and exits. The last live thread's
   * exit ends the job on the node, as exit_group does, with the personality's end-of-job work;
   * {@code done} runs once the OS is through with the thread (for the last one, once the job has
   * ended on the node).
   */
  void exit(int thread, Runnable done);

  /**
   * Returns application thread {@code thread} as a thread network software runs in (PAMI): its work
   * on the thread's hardware thread, its waiting the way the personality waits for packets.
   */
  NetThread netThread(int thread);

  /** Returns what the node's OS offers the network stacks (receive processing, daemon threads). */
  NetNode net();

  /** Returns the RoQ microcode on core 16, or null if this personality has none (CNK). */
  RoqBackend roq();

  /**
   * Returns whether the OS ended the job before the workload finished (the released CL on a call
   * missing from its switch, or an exception); the node has then stopped the simulation.
   */
  default boolean jobEnded() {
    return false;
  }

  /**
   * Returns how many calls this node has served in class {@code c}, as its routing table classed
   * them when it dispatched them (the class a report gives the same call).
   */
  long served(org.fusedsim.cl.ServiceClass c);

  /**
   * Gives {@code sink}, by source ({@code tick}, a daemon's name, {@code ipi}, {@code irq}), the
   * time within {@code from .. to} that noise took on the core application thread {@code thread}
   * runs on; nothing where the personality runs no noise beside its application threads.
   */
  default void noiseDuring(
      int thread, long from, long to, java.util.function.ObjLongConsumer<String> sink) {}

  /** Adds the personality's counters and boot phase times to {@code m}. */
  void report(Metrics m);
}
