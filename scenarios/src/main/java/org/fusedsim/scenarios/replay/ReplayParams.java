package org.fusedsim.scenarios.replay;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Replay parameters.
 *
 * @param cpuSpeed how many times longer the 1.6 GHz A2 takes for the compute between two calls than
 *     the traced machine did (think time is multiplied by it)
 */
public record ReplayParams(double cpuSpeed) {
  /** The component kind. */
  public static final String KIND = "replay";

  /** The declaration. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "scenarios",
          "syscall trace replay: think time between a thread's calls on the A2",
          Parameter.builder("cpu_speed", ParamType.REAL)
              .unit("x")
              .defaultValue("4.0")
              .range("0.01", "1000")
              .source(
                  "estimate: a traced x86-64 core at about 3 GHz against the 1.6 GHz A2 is ~2x"
                      + " in clock; an out-of-order x86 core retires roughly 2x the instructions"
                      + " per cycle of one thread on the in-order A2 core; 2 x 2 = 4")
              .description(
                  "slowdown of the A2 against the traced machine; a thread's gaps between calls"
                      + " are multiplied by it")
              .build());

  /** Returns the defaults. */
  public static ReplayParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static ReplayParams from(ParamValues v) {
    return new ReplayParams(v.real("cpu_speed"));
  }
}
