package org.fusedsim.fusedosfs;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Costs and settings of the Linux kernel model. Kernel code on the in-order A2 is assumed to run at
 * about 0.5 instructions per cycle; cycle estimates below come from instruction counts at that
 * rate.
 *
 * @param contextSwitchPs switching the CPU from one task to another (between threads of one
 *     process: no address-space change)
 * @param wakeupPs try_to_wake_up: picking a CPU and enqueueing the woken task
 * @param irqEntryPs exception entry into an interrupt handler
 * @param irqExitPs leaving an interrupt (including the need-resched check)
 * @param ipiScanPs the fusedosfs IPI handler reading and clearing the per-SPC bit mask
 * @param syscallEntryPs a user-to-kernel system call entry
 * @param syscallExitPs a kernel-to-user return
 * @param getpidPs the body of a trivial call such as getpid
 * @param vfsOpPs the VFS path of one file operation on an in-memory file system
 * @param copyBandwidth memory copy rate of one thread (user/kernel copies)
 * @param tickPeriodPs the timer tick period (HZ)
 * @param tickPs time one tick takes from the running task
 * @param noHz whether idle CPUs stop their tick
 * @param schedLatencyPs CFS scheduling period for one CPU (normalized); a woken sleeper gets half
 *     of the scaled period as credit
 * @param wakeupGranularityPs how far ahead in virtual runtime a woken task must be to preempt, for
 *     one CPU (normalized)
 * @param minGranularityPs the least a task runs before the tick preempts it, for one CPU
 *     (normalized)
 * @param scaleTunables whether the kernel scales the three by {@code 1 + ilog2(min(cpus, 8))}
 * @param futexPs the body of futex_wait or futex_wake, without the wakeups a wake makes
 * @param hrtimerPs arming a high-resolution timer, and its expiry handler (each)
 * @param ipiDispatchPs an IPI's dispatch under the global {@code bgq_ipi_lock}: reading and
 *     clearing the interrupt controller's IPI status, uncached
 * @param clonePs clone of a thread (CLONE_VM and the NPTL flags): copy_process and the new task's
 *     first enqueue, without the wakeup
 * @param exitPs a thread's do_exit: releasing its references, the CLEARTID futex wake, the switch
 *     away for the last time
 * @param signalPs tgkill: queueing a signal to another thread and waking it if it sleeps
 *     interruptibly, without the wakeup
 */
public record LinuxParams(
    long contextSwitchPs,
    long wakeupPs,
    long irqEntryPs,
    long irqExitPs,
    long ipiScanPs,
    long syscallEntryPs,
    long syscallExitPs,
    long getpidPs,
    long vfsOpPs,
    Bandwidth copyBandwidth,
    long tickPeriodPs,
    long tickPs,
    boolean noHz,
    long schedLatencyPs,
    long wakeupGranularityPs,
    long minGranularityPs,
    boolean scaleTunables,
    long futexPs,
    long hrtimerPs,
    long ipiDispatchPs,
    long clonePs,
    long exitPs,
    long signalPs) {
  /** The component kind. */
  public static final String KIND = "linux";

  private static Parameter cycles(String name, String dflt, String source, String desc) {
    return Parameter.builder(name, ParamType.TIME)
        .unit("cycles")
        .defaultValue(dflt)
        .range("0cycles", "100000000cycles")
        .source(source)
        .description(desc)
        .build();
  }

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "fusedosfs",
          "Linux kernel on the GPCs (or the whole node): scheduler, interrupts, ticks, calls",
          cycles(
              "context_switch",
              "1500cycles",
              "estimate: schedule() picking from a short run queue and switch_to saving and"
                  + " restoring non-volatile GPRs/FPRs, ~750 instructions at ~0.5 IPC; no mm"
                  + " switch between pthreads of one process",
              "switch the CPU from one task to another"),
          cycles(
              "wakeup",
              "800cycles",
              "estimate: try_to_wake_up with select_task_rq and enqueue_task, ~400 instructions"
                  + " at ~0.5 IPC plus a few L2 misses on the remote run queue",
              "wake a task: choose its CPU and enqueue it"),
          cycles(
              "irq_entry",
              "400cycles",
              "estimate: external interrupt entry, saving the full register set (~40 stores) and"
                  + " dispatch through the BG/Q interrupt controller's status registers (L2"
                  + " loads, ~80 cycles each)",
              "interrupt entry"),
          cycles(
              "irq_exit",
              "300cycles",
              "estimate: irq_exit, need-resched check, register restore and rfi",
              "interrupt exit"),
          cycles(
              "ipi_scan",
              "150cycles",
              "estimate: one L2 load of the per-SPC mask line (~80 cycles), clear and a loop over"
                  + " 60 bits",
              "fusedosfs IPI handler: scan and clear the per-SPC bit mask (wakeups extra)"),
          cycles(
              "syscall_entry",
              "150cycles",
              "estimate: sc entry, saving volatile registers, syscall table dispatch",
              "system call entry"),
          cycles(
              "syscall_exit",
              "150cycles",
              "estimate: work-pending checks, register restore and rfi",
              "system call return to user space"),
          cycles(
              "getpid",
              "50cycles",
              "estimate: task_tgid_vnr, a handful of loads",
              "body of a trivial call such as getpid"),
          cycles(
              "futex",
              "600cycles",
              "estimate: futex_wait or futex_wake: get_futex_key on the user address (a page"
                  + " table walk of the CL process's mapping of SPC memory), the hash bucket's"
                  + " spinlock (larx/stcx ~250 cycles, code-based figure in the reference), the"
                  + " value check and the queue operation, ~150 further instructions at ~0.5 IPC",
              "body of a futex wait or wake (each woken task adds a wakeup)"),
          cycles(
              "hrtimer",
              "500cycles",
              "estimate: hrtimer_start_range_ns enqueueing into the per-CPU rbtree and"
                  + " reprogramming the decrementer, ~250 instructions at ~0.5 IPC; the same for"
                  + " the expiry handler (hrtimer_interrupt, the sleeper's wakeup function)",
              "arm a high-resolution timer (nanosleep, timed futex wait), or handle its expiry"),
          cycles(
              "ipi_dispatch",
              "400cycles",
              "estimate: the BG/Q IPI handler's demultiplexing under the one global spinlock"
                  + " bgq_ipi_lock (code: FusedOS Linux arch/powerpc/sysdev/bic.c, as the"
                  + " reference reads it): the lock's larx/stcx (~100 cycles uncontended), an"
                  + " uncached load of the interrupt controller's IPI status and an uncached"
                  + " store to clear it (~150 cycles each: device registers are not cached, so"
                  + " each access is a round trip beyond the ~80-99 cycles of an L2 hit)",
              "an IPI's dispatch, holding the global IPI lock (every Linux CPU shares it)"),
          cycles(
              "clone",
              "12000cycles",
              "estimate: copy_process for a CLONE_VM|CLONE_THREAD task on the A2 at ~0.5 IPC:"
                  + " task_struct and kernel stack allocation, credentials, files, fs, sighand and"
                  + " signal references, the scheduler's fork hooks (~6000 instructions) less"
                  + " than a fork, which also copies page tables",
              "clone of a thread in Linux, without the new task's wakeup"),
          cycles(
              "exit",
              "8000cycles",
              "estimate: do_exit of a thread at ~0.5 IPC: exit_mm, files, fs and signal"
                  + " releases, the CLEARTID store and futex wake, exit_notify (~4000"
                  + " instructions)",
              "a thread's exit in Linux"),
          cycles(
              "signal",
              "2000cycles",
              "estimate: tgkill at ~0.5 IPC: the target's lookup, send_signal queueing a"
                  + " sigqueue entry under siglock and signal_wake_up (~1000 instructions)",
              "tgkill of another thread, without the wakeup it causes"),
          cycles(
              "vfs_op",
              "2000cycles",
              "estimate: fdget, permission and lock checks and the page-cache write path of an"
                  + " in-memory file system, ~1000 instructions at ~0.5 IPC",
              "VFS path of one operation on an in-memory file system"),
          Parameter.builder("copy_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("4GB/s")
              .range("1MB/s", "100GB/s")
              .source("estimate: copy_from_user on one A2 thread, ~2.5 bytes/cycle through L1/L2")
              .description("memory copy rate of one thread")
              .build(),
          Parameter.builder("tick_period", ParamType.TIME)
              .unit("ms")
              .defaultValue("10ms")
              .range("10us", "10s")
              .source("code (bgq_defconfig: HZ=100)")
              .description("timer tick period")
              .build(),
          cycles(
              "tick",
              "4000cycles",
              "estimate: timer interrupt with update_process_times, scheduler_tick, RCU and"
                  + " hrtimer processing, ~2000 instructions at ~0.5 IPC plus cache misses",
              "time one tick takes from the running task"),
          Parameter.builder("no_hz", ParamType.BOOLEAN)
              .unit("-")
              .defaultValue("true")
              .source("code (bgq_defconfig: NO_HZ)")
              .description("idle CPUs stop their tick")
              .build(),
          Parameter.builder("sched_latency", ParamType.TIME)
              .unit("ms")
              .defaultValue("6ms")
              .range("100us", "1s")
              .source(
                  "code (Linux kernel/sched/fair.c: normalized_sysctl_sched_latency = 6 ms,"
                      + " scaled at boot, see scale_tunables)")
              .description(
                  "CFS scheduling period for one CPU; sleepers are placed half of the scaled"
                      + " period back")
              .build(),
          Parameter.builder("wakeup_granularity", ParamType.TIME)
              .unit("ms")
              .defaultValue("1ms")
              .range("0ns", "1s")
              .source(
                  "code (Linux kernel/sched/fair.c: normalized_sysctl_sched_wakeup_granularity ="
                      + " 1 ms, scaled at boot, see scale_tunables)")
              .description("virtual-runtime lead a woken task needs to preempt, for one CPU")
              .build(),
          Parameter.builder("min_granularity", ParamType.TIME)
              .unit("ms")
              .defaultValue("0.75ms")
              .range("0ns", "1s")
              .source(
                  "code (Linux kernel/sched/fair.c: normalized_sysctl_sched_min_granularity ="
                      + " 0.75 ms, scaled at boot, see scale_tunables)")
              .description("least a task runs before the tick may preempt it, for one CPU")
              .build(),
          Parameter.builder("scale_tunables", ParamType.BOOLEAN)
              .defaultValue("true")
              .source(
                  "code (Linux kernel/sched/fair.c: get_update_sysctl_factor, default"
                      + " SCHED_TUNABLESCALING_LOG: factor 1 + ilog2(min(online CPUs, 8)); with"
                      + " the 4 GPCs of FusedOS 3: 18 ms, 2.25 ms, 3 ms; with 64 CPUs 4)")
              .description("scale sched_latency, min_granularity, wakeup_granularity by the CPUs")
              .build());

  /** Returns the defaults. */
  public static LinuxParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static LinuxParams from(ParamValues v) {
    return new LinuxParams(
        v.time("context_switch"),
        v.time("wakeup"),
        v.time("irq_entry"),
        v.time("irq_exit"),
        v.time("ipi_scan"),
        v.time("syscall_entry"),
        v.time("syscall_exit"),
        v.time("getpid"),
        v.time("vfs_op"),
        v.bandwidth("copy_bandwidth"),
        v.time("tick_period"),
        v.time("tick"),
        v.bool("no_hz"),
        v.time("sched_latency"),
        v.time("wakeup_granularity"),
        v.time("min_granularity"),
        v.bool("scale_tunables"),
        v.time("futex"),
        v.time("hrtimer"),
        v.time("ipi_dispatch"),
        v.time("clone"),
        v.time("exit"),
        v.time("signal"));
  }
}
