package org.fusedsim.cl;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * CL's costs and launch settings.
 *
 * @param contextReadPs reading the saved context (call number, arguments) from mapped SPC memory
 * @param dispatchPs the service loop's switch over the call number
 * @param clInternalPs the body of a call CL answers from its own state
 * @param threadStatePs taking CL's thread mutex, changing a pthread's state (idle, in use, exit)
 *     and releasing the mutex, in user space
 * @param contextCopyPs clone's copy of the parent SPC's register context into the child's
 * @param imageBytes the CNK application image CL loads
 * @param loadBandwidth the rate at which CL reads and places the image
 * @param profile the routing profile
 * @param placement the thread placement policy
 * @param firstSpc the first SPC of the job
 * @param processes CNK processes (one CL process each)
 */
public record ClParams(
    long contextReadPs,
    long dispatchPs,
    long clInternalPs,
    long threadStatePs,
    long contextCopyPs,
    DataSize imageBytes,
    Bandwidth loadBandwidth,
    Profile profile,
    Placement placement,
    int firstSpc,
    int processes) {
  /** The component kind. */
  public static final String KIND = "cl";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "cl-proxy",
          "CL (CNK as a library): service loop costs, loader, profile and placement",
          Parameter.builder("context_read", ParamType.TIME)
              .unit("cycles")
              .defaultValue("320cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: call number and 6 arguments sit in ~4 cache lines of the context"
                      + " area the SPC just wrote: 4 L2 line transfers at ~80 cycles")
              .description("read the trapped call from the SPC's saved context")
              .build(),
          Parameter.builder("dispatch", ParamType.TIME)
              .unit("cycles")
              .defaultValue("100cycles")
              .range("0cycles", "1000000cycles")
              .source("estimate: a switch over the call number and argument unpacking")
              .description("service-loop dispatch of one call")
              .build(),
          Parameter.builder("cl_internal", ParamType.TIME)
              .unit("cycles")
              .defaultValue("100cycles")
              .range("0cycles", "1000000cycles")
              .source("estimate: a few loads from CL's emulated CNK process state")
              .description("body of a call CL answers itself (getpid, brk, uname, ...)")
              .build(),
          Parameter.builder("thread_state", ParamType.TIME)
              .unit("cycles")
              .defaultValue("300cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: pthread_mutex_lock and unlock of CL's cl_thread_mutex, each an"
                      + " uncontended larx/stcx on a line another GPC thread last held (~100"
                      + " cycles, an L2 round trip), and the state loop over the process's"
                      + " KThreads (~100 instructions); code: cl/src/cl.cc turn_clthread_idle,"
                      + " indicate_exit_to_threads, kthread.c")
              .description("CL's thread mutex taken, a pthread state changed, the mutex released")
              .build(),
          Parameter.builder("context_copy", ParamType.TIME)
              .unit("cycles")
              .defaultValue("600cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: clone's copy of the parent's saved context into the child's"
                      + " (cl/src/kthread.c, __FUSEDOS__ branch: 32 GPRs, SPRs and 32 QPX"
                      + " registers of 32 B, ~1.3 KiB through L1/L2) and the KThread allocation"
                      + " (cl_GetAvailableKThread's scan)")
              .description("clone's context copy and KThread allocation in CL")
              .build(),
          Parameter.builder("image_size", ParamType.SIZE)
              .unit("MiB")
              .defaultValue("16MiB")
              .range("1KiB", "192MiB")
              .source("estimate: a statically linked MPI application, text + data")
              .description("CNK application image size")
              .build(),
          Parameter.builder("load_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("1GB/s")
              .range("1MB/s", "100GB/s")
              .source(
                  "estimate: ELF segments read from the node's ramdisk and copied into SPC memory"
                      + " by one CL thread")
              .description("rate at which CL loads the application image")
              .build(),
          Parameter.builder("profile", ParamType.CHOICE)
              .unit("-")
              .defaultValue("fusedos-cnkcompat")
              .choices("fusedos-released", "fusedos-cnkcompat")
              .source("secondary (syscalls.md section 7.2)")
              .description("routing profile: released CL or CNK-compatible")
              .build(),
          Parameter.builder("placement", ParamType.CHOICE)
              .unit("-")
              .defaultValue("cores")
              .choices("cores", "linear", "two-threads")
              .source("code (cl/src/cl.cc placement policies)")
              .description("thread placement policy on the SPCs")
              .build(),
          Parameter.builder("first_spc", ParamType.INTEGER)
              .unit("-")
              .defaultValue("0")
              .range("0", "59")
              .source("code (cl/src/cl.cc: a multiple of 4)")
              .description("first SPC of the job")
              .build(),
          Parameter.builder("processes", ParamType.INTEGER)
              .unit("processes")
              .defaultValue("1")
              .range("1", "60")
              .source("code (cl/src/cl.cc: processes x threads <= 60)")
              .description("CNK processes of the job (one CL process each)")
              .build());

  /** Returns the defaults. */
  public static ClParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static ClParams from(ParamValues v) {
    return new ClParams(
        v.time("context_read"),
        v.time("dispatch"),
        v.time("cl_internal"),
        v.time("thread_state"),
        v.time("context_copy"),
        v.size("image_size"),
        v.bandwidth("load_bandwidth"),
        Profile.of(v.text("profile")),
        Placement.of(v.text("placement")),
        Math.toIntExact(v.integer("first_spc")),
        Math.toIntExact(v.integer("processes")));
  }
}
