package org.fusedsim.cl.direct;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Costs of the direct model's in-kernel service of an SPC's call. None is published (the model is a
 * what-if for FusedOS); each is an estimate with its reasoning, set against CL's corresponding
 * costs so that the comparison isolates what the proxy adds.
 *
 * @param contextReadPs reading the trapped call from the saved context in kernel memory
 * @param dispatchPs the kernel's dispatch over the call number
 * @param internalPs the body of a call the kernel answers from the LWK process's state
 */
public record DirectParams(long contextReadPs, long dispatchPs, long internalPs) {
  /** The component kind. */
  public static final String KIND = "direct";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "cl-proxy",
          "direct model: an SPC's call served by Linux kernel code on a GPC, without a proxy",
          Parameter.builder("context_read", ParamType.TIME)
              .unit("cycles")
              .defaultValue("320cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: the same ~4 cache lines of the context area CL reads (cl.context_read),"
                      + " now read by kernel code: 4 L2 line transfers at ~80 cycles")
              .description("read the trapped call from the SPC's saved context")
              .build(),
          Parameter.builder("dispatch", ParamType.TIME)
              .unit("cycles")
              .defaultValue("60cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: a table jump over the call number to the kernel's sys_* entry, with no"
                      + " argument unpacking into a user-space call (cl.dispatch is 100 cycles)")
              .description("kernel dispatch of one call")
              .build(),
          Parameter.builder("internal", ParamType.TIME)
              .unit("cycles")
              .defaultValue("100cycles")
              .range("0cycles", "1000000cycles")
              .source("estimate: as cl.cl_internal, a few loads from the LWK process's state")
              .description("body of a call answered from the LWK process state (getpid, brk, ...)")
              .build());

  /** Returns the defaults. */
  public static DirectParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static DirectParams from(ParamValues v) {
    return new DirectParams(v.time("context_read"), v.time("dispatch"), v.time("internal"));
  }
}
