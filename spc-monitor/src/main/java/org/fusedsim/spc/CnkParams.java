package org.fusedsim.spc;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Costs of the CNK-native kernel of the CNK baseline. CNK has no periodic tick (bgq-facts.md,
 * "CNK"): its decrementer is armed only for interval timers and nanosleep.
 *
 * @param syscallPs trap, table dispatch and return of one call served locally, without the body
 * @param localServicePs the body of a simple local call (identity, time, limits)
 * @param shipExchangePs one request/reply exchange with sysiod/stdiod, without data (stand-in)
 * @param shipBandwidth the rate at which sysiod moves a call's data by RDMA (stand-in)
 * @param shipOverTorus whether shipped calls go to sysiod over the partition's torus and IO link
 *     instead of the stand-in
 * @param futexPs the body of a futex wait or wake in CNK's futex table
 * @param wakeThreadPs a futex wake's work per woken thread (dequeue, make runnable, send its IPI)
 * @param interruptPs CNK taking an interrupt (a wake IPI or the decrementer) on a waiting thread
 *     and returning to it
 * @param clonePs CNK's clone of a thread: a KThread on the chosen hardware thread, its context from
 *     the parent's, before the IPI that starts it
 * @param exitPs a thread's exit in CNK: clearing and waking the CLEARTID word, freeing the KThread
 */
public record CnkParams(
    long syscallPs,
    long localServicePs,
    long shipExchangePs,
    Bandwidth shipBandwidth,
    boolean shipOverTorus,
    long futexPs,
    long wakeThreadPs,
    long interruptPs,
    long clonePs,
    long exitPs) {
  /** The component kind. */
  public static final String KIND = "cnk";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "spc-monitor",
          "CNK-native kernel of the CNK baseline: local calls and function shipping",
          Parameter.builder("syscall", ParamType.TIME)
              .unit("cycles")
              .defaultValue("150cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: sc entry (~20 cycles), saving the volatile registers on the kernel"
                      + " stack (~40 stores, L1), table dispatch (~20) and rfi with errno"
                      + " conversion (~30); CNK runs with static TLBs, so no TLB misses")
              .description("trap, dispatch and return of a call served in CNK, without its body")
              .build(),
          Parameter.builder("local_service", ParamType.TIME)
              .unit("cycles")
              .defaultValue("50cycles")
              .range("0cycles", "1000000cycles")
              .source("estimate: a few loads from the process structure in L1/L2")
              .description("body of a simple local call (getpid, gettid, getuid, time)")
              .build(),
          Parameter.builder("ship_exchange", ParamType.TIME)
              .unit("us")
              .defaultValue("15us")
              .range("0ns", "1s")
              .source(
                  "estimate (stand-in until roq-net models the IO link): two 512 B messages"
                      + " (request, reply) over the torus and IO link with queue-pair handling on"
                      + " both ends (~2-3 us each) plus sysiod receiving, making the Linux call"
                      + " on the IO node and replying (~10 us)")
              .description("one function-shipped request/reply exchange with sysiod, no data")
              .build(),
          Parameter.builder("ship_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("1.8GB/s")
              .range("1MB/s", "100GB/s")
              .source(
                  "estimate (stand-in): RDMA of the user buffer over one IO link, 2 GB/s raw"
                      + " (text, Redbook) less packet headers")
              .description("data rate of a shipped call's buffer")
              .build(),
          Parameter.builder("ship_path", ParamType.CHOICE)
              .defaultValue("torus")
              .choices("standin", "torus")
              .source(
                  "model choice: torus = the request, RDMA and reply as Messaging Unit traffic"
                      + " over the partition's torus and IO link to sysiod on the node's IO node"
                      + " (the 'ninep' section's sysiod and file-system costs); standin ="
                      + " ship_exchange and ship_bandwidth")
              .description("how shipped calls reach sysiod")
              .build(),
          Parameter.builder("futex", ParamType.TIME)
              .unit("cycles")
              .defaultValue("150cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: CNK's Futex_Wait/Futex_Wake (called by sc_futex, cl/src/syscalls/futex.cc"
                      + " of the FusedOS sources outside its __FUSEDOS__ branches) look the word up in"
                      + " the process's futex table under a kernel lock (an L2 atomic, ~100"
                      + " cycles) and link or unlink the thread (~50)")
              .description("body of a futex wait or wake in CNK")
              .build(),
          Parameter.builder("wake_thread", ParamType.TIME)
              .unit("cycles")
              .defaultValue("100cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: unlinking the thread from the futex queue and marking it runnable"
                      + " (~40 cycles, L1/L2), then the store to the interrupt controller's IPI"
                      + " send register, an uncached MMIO write (~60 cycles)")
              .description("a futex wake's work per woken thread in CNK")
              .build(),
          Parameter.builder("interrupt", ParamType.TIME)
              .unit("cycles")
              .defaultValue("300cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: external or decrementer interrupt entry saving the volatile"
                      + " registers (~60), the handler marking the thread runnable in CNK's"
                      + " scheduler (~100), restoring the thread's context and rfi (~140)")
              .description("a wake IPI or decrementer interrupt on a waiting CNK thread")
              .build(),
          Parameter.builder("clone", ParamType.TIME)
              .unit("cycles")
              .defaultValue("800cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: sc_clone (cl/src/kthread.c outside its __FUSEDOS__ branches) checks"
                      + " the NPTL flag set, takes a free KThread of the hardware thread the"
                      + " placement names, copies the parent's registers and 32 QPX registers"
                      + " (~1.3 KiB, ~300 cycles) and sets TLS and stack (~100 instructions);"
                      + " the start is then an IPI to that thread")
              .description("CNK's clone of a thread before the IPI that starts it")
              .build(),
          Parameter.builder("exit", ParamType.TIME)
              .unit("cycles")
              .defaultValue("400cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: sc_exit clears the CLEARTID word and wakes its futex (~250 cycles"
                      + " with the futex body), then App_ThreadExit frees the KThread (~150)")
              .description("a thread's exit in CNK")
              .build());

  /** Returns the defaults. */
  public static CnkParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static CnkParams from(ParamValues v) {
    return new CnkParams(
        v.time("syscall"),
        v.time("local_service"),
        v.time("ship_exchange"),
        v.bandwidth("ship_bandwidth"),
        "torus".equals(v.text("ship_path")),
        v.time("futex"),
        v.time("wake_thread"),
        v.time("interrupt"),
        v.time("clone"),
        v.time("exit"));
  }
}
