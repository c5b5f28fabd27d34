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
 * @param injectionEngines descriptors a node's MU injects at once, whatever FIFOs they come from
 */
public record MuParams(long descriptorFetchPs, long receptionDepositPs, int injectionEngines) {
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
              .build(),
          Parameter.builder("injection_engines", ParamType.INTEGER)
              .defaultValue("16")
              .range("1", "544")
              .source(
                  "estimate: the MU parallelizes injection over several message engines, each"
                      + " working one descriptor at a time (Chen et al. SC11 abstract); their"
                      + " number is not in bgq-facts.md; 16, one per application core, so that"
                      + " every rank of a 16-rank node can inject at once")
              .description(
                  "descriptors a node injects at the same time; a FIFO whose head waits for an"
                      + " engine gets the next free one, in the order the FIFOs became ready")
              .build());

  /** Validates the values. */
  public MuParams {
    if (descriptorFetchPs < 0 || receptionDepositPs < 0) {
      throw new IllegalArgumentException("MU latencies must be >= 0");
    }
    if (injectionEngines < 1) {
      throw new IllegalArgumentException("injection_engines must be >= 1");
    }
  }

  /** Returns the defaults. */
  public static MuParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static MuParams from(ParamValues v) {
    return new MuParams(
        v.time("descriptor_fetch"),
        v.time("reception_deposit"),
        Math.toIntExact(v.integer("injection_engines")));
  }
}
