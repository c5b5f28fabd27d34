package org.fusedsim.net.fifo;

import java.util.Locale;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The RoQ settings that the MPI models need: where RoQ's FIFOs sit. RoQ's transport itself (bursts,
 * Ethernet front end, TCP/IP) is not modelled yet.
 *
 * @param layout the FIFO layout
 */
public record RoqParams(FifoLayout layout) {
  /** The component kind. */
  public static final String KIND = "roq";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "roq-net",
          "RDMA over the torus (RoQ): its Messaging Unit FIFO layout on every node.",
          Parameter.builder("fifo_layout", ParamType.CHOICE)
              .defaultValue("fusedos")
              .choices("original", "fusedos")
              .source(
                  "code (fusedos roq_init.c, bgq_hw_us_abstraction.c: RoQ in subgroups 58-63);"
                      + " 'original' is a reconstruction that overlaps PAMI's subgroups 64-65")
              .description(
                  "fusedos: RoQ in subgroups 58-63 (released prototype); original: RoQ on FIFOs"
                      + " PAMI also claims, rejected at boot")
              .build());

  /** Returns the defaults. */
  public static RoqParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static RoqParams from(ParamValues v) {
    return new RoqParams(FifoLayout.valueOf(v.text("fifo_layout").toUpperCase(Locale.ROOT)));
  }
}
