package org.fusedsim.bgq.interrupt;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Interrupt controller and wakeup unit costs.
 *
 * @param ipiLatencyPs from the sender's store to the interrupt controller's send register to the
 *     target thread taking the interrupt
 * @param waitrsvWakePs from the store that kills a reservation to the waiting thread issuing again
 */
public record InterruptParams(long ipiLatencyPs, long waitrsvWakePs) {
  /** The component kind. */
  public static final String KIND = "interrupt";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "bgq-hardware",
          "inter-processor interrupts and the wait-on-reservation wakeup",
          Parameter.builder("ipi_latency", ParamType.TIME)
              .unit("cycles")
              .defaultValue("200cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: no published figure; a store through L2 to the BIC (~80 cycles)"
                      + " plus delivery and exception entry on the target thread")
              .description("inter-processor interrupt delivery latency")
              .build(),
          Parameter.builder("waitrsv_wake", ParamType.TIME)
              .unit("cycles")
              .defaultValue("20cycles")
              .range("0cycles", "100000cycles")
              .source(
                  "estimate: the wakeup unit sees the reservation-killing store at L2 and"
                      + " restarts the thread without an interrupt: a few tens of cycles")
              .description("wake-up delay of a thread in waitrsv after the watched line changes")
              .build());

  /** Returns the defaults. */
  public static InterruptParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static InterruptParams from(ParamValues v) {
    return new InterruptParams(v.time("ipi_latency"), v.time("waitrsv_wake"));
  }
}
