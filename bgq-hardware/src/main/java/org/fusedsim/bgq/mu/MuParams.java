package org.fusedsim.bgq.mu;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Costs of the Messaging Unit outside the torus itself.
 *
 * @param descriptorFetchPs from a descriptor being queued to its first packet entering the network
 * @param receptionDepositPs from the last packet's arrival to the data being visible in memory
 */
public record MuParams(long descriptorFetchPs, long receptionDepositPs) {
  /** The component kind. */
  public static final String KIND = "mu";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "bgq-hardware",
          "Messaging Unit: descriptor processing and reception into memory",
          Parameter.builder("descriptor_fetch", ParamType.TIME)
              .unit("ns")
              .defaultValue("50ns")
              .range("0ns", "10us")
              .source(
                  "estimate: the MU reads the 64 B descriptor through L2, ~80 cycles"
                      + " (bgq-facts.md cache latencies, itself an estimate) = 50 ns")
              .description("delay from queuing a descriptor to its first packet leaving")
              .build(),
          Parameter.builder("reception_deposit", ParamType.TIME)
              .unit("ns")
              .defaultValue("50ns")
              .range("0ns", "10us")
              .source("estimate: one L2 write of the last packet, ~80 cycles = 50 ns")
              .description("delay from the last packet's arrival to its data in memory")
              .build());

  /** Validates the values. */
  public MuParams {
    if (descriptorFetchPs < 0 || receptionDepositPs < 0) {
      throw new IllegalArgumentException("MU latencies must be >= 0");
    }
  }

  /** Returns the defaults. */
  public static MuParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static MuParams from(ParamValues v) {
    return new MuParams(v.time("descriptor_fetch"), v.time("reception_deposit"));
  }
}
