package org.fusedsim.cl.node;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Durations of the boot phases that are not built from other components' costs.
 *
 * @param firmwarePs firmware: partitioning the chip into domains, loading the kernels
 * @param linuxPs Linux kernel boot up to user space
 * @param cnkPs CNK kernel boot up to the point it can load a job
 */
public record BootParams(long firmwarePs, long linuxPs, long cnkPs) {
  /** The component kind. */
  public static final String KIND = "boot";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "cl-proxy",
          "boot phases: firmware, Linux, CNK (spcml and CL launch are simulated)",
          Parameter.builder("firmware", ParamType.TIME)
              .unit("ms")
              .defaultValue("500ms")
              .range("0ns", "1000s")
              .source(
                  "estimate: firmware sets up the domains and loads kernel images from the"
                      + " control system; order of magnitude only")
              .description("firmware phase, per node")
              .build(),
          Parameter.builder("linux", ParamType.TIME)
              .unit("s")
              .defaultValue("5s")
              .range("0ns", "1000s")
              .source(
                  "estimate: an embedded Linux kernel plus a small ramdisk user space on a"
                      + " 1.6 GHz in-order core; order of magnitude only")
              .description("Linux boot to user space")
              .build(),
          Parameter.builder("cnk", ParamType.TIME)
              .unit("ms")
              .defaultValue("200ms")
              .range("0ns", "1000s")
              .source("estimate: CNK initialises static memory maps and a few devices only")
              .description("CNK boot to job load")
              .build());

  /** Returns the defaults. */
  public static BootParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static BootParams from(ParamValues v) {
    return new BootParams(v.time("firmware"), v.time("linux"), v.time("cnk"));
  }
}
