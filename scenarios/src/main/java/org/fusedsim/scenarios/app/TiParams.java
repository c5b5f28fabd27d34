package org.fusedsim.scenarios.app;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * How a time-independent MPI trace's computation becomes work on the A2.
 *
 * @param flopsPerInstruction floating-point operations one FP instruction of the traced code does
 *     (a compute action of {@code F} flops is {@code F / flopsPerInstruction} FP instructions on
 *     the rank's hardware thread, issued at the A2's rates and shared with its core's threads)
 */
public record TiParams(double flopsPerInstruction) {
  /** The component kind. */
  public static final String KIND = "ti";

  /** The declaration. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "scenarios",
          "time-independent MPI trace replay: a compute action's flops as A2 instructions",
          Parameter.builder("flops_per_instruction", ParamType.REAL)
              .unit("flops")
              .defaultValue("2")
              .range("0.125", "8")
              .source(
                  "estimate: one fused multiply-add (2 flops) per FP instruction, what compiled"
                      + " scalar code reaches; the A2's QPX unit does 8 (4-wide FMA) when the code"
                      + " is vectorized for it (bgq-facts.md: 8 flop/cycle/core, 204.8 GF per"
                      + " node)")
              .description("floating-point operations per FP instruction of the traced code")
              .build());

  /** Returns the defaults. */
  public static TiParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static TiParams from(ParamValues v) {
    return new TiParams(v.real("flops_per_instruction"));
  }
}
