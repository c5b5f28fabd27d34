package org.fusedsim.bgq.memory;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Node memory: sizes of the layout and the cost of moving one cache line through L2.
 *
 * @param nodeBytes physical memory of a node
 * @param linuxDomainBytes FusedOS Linux domain, from address 0
 * @param spcBase first SPC chunk
 * @param spcChunkBytes memory per SPC hardware thread
 * @param monitorImageBytes SPC monitor image
 * @param monitorContextBytes SPC context area
 * @param monitorConfigBytes SPC config area
 * @param cnkKernelBytes memory CNK keeps for itself
 * @param lineBytes cache line
 * @param l2LineTransferPs one cache line moved between two cores through L2
 */
public record MemoryParams(
    long nodeBytes,
    long linuxDomainBytes,
    long spcBase,
    long spcChunkBytes,
    long monitorImageBytes,
    long monitorContextBytes,
    long monitorConfigBytes,
    long cnkKernelBytes,
    int lineBytes,
    long l2LineTransferPs) {
  /** The component kind. */
  public static final String KIND = "memory";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "bgq-hardware",
          "node memory: physical layout per personality and the L2 cache-line transfer cost",
          size("node_memory", "16GiB", "secondary + arithmetic (16 GiB DDR3 per node)", "node RAM"),
          size(
              "linux_domain",
              "15GiB",
              "code (boot_bgq.sh: Linux domain 0x0-0x3BFFFFFFF; RoQ the last 1 GiB)",
              "FusedOS Linux domain from address 0; RoQ gets the rest"),
          size("spc_base", "1GiB", "code (fusedos_config.h)", "address of the first SPC chunk"),
          size("spc_chunk", "192MiB", "code (fusedos_config.h)", "memory per SPC thread"),
          size("monitor_image", "12MiB", "code", "SPC monitor image, below spc_base"),
          size("monitor_context", "3MiB", "code", "SPC context area, below spc_base"),
          size("monitor_config", "1MiB", "code", "SPC config area, below spc_base"),
          size(
              "cnk_kernel",
              "16MiB",
              "estimate: CNK's own text, data and buffers; a few MiB in V1R2M1, rounded up to a"
                  + " 16 MiB boundary",
              "memory CNK keeps for itself"),
          size("line", "64B", "code / text (L1 and L2 lines)", "cache line size"),
          Parameter.builder("l2_line_transfer", ParamType.TIME)
              .unit("cycles")
              .defaultValue("80cycles")
              .range("0cycles", "10000cycles")
              .source(
                  "estimate: L2 hit ~80 cycles (bgq-facts.md cache latencies, commonly quoted,"
                      + " not verified)")
              .description("one cache line written by one core and read by another, via L2")
              .build());

  private static Parameter size(String name, String def, String source, String description) {
    return Parameter.builder(name, ParamType.SIZE)
        .unit("B")
        .defaultValue(def)
        .range("1B", "1TiB")
        .source(source)
        .description(description)
        .build();
  }

  /** Returns the defaults. */
  public static MemoryParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static MemoryParams from(ParamValues v) {
    return new MemoryParams(
        v.size("node_memory").bytes(),
        v.size("linux_domain").bytes(),
        v.size("spc_base").bytes(),
        v.size("spc_chunk").bytes(),
        v.size("monitor_image").bytes(),
        v.size("monitor_context").bytes(),
        v.size("monitor_config").bytes(),
        v.size("cnk_kernel").bytes(),
        Math.toIntExact(v.size("line").bytes()),
        v.time("l2_line_transfer"));
  }
}
