package org.fusedsim.bgq.io;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * IO nodes and their links.
 *
 * @param computePerIo compute nodes served by one IO node
 * @param linkBandwidth rate of an IO link in one direction
 * @param linkLatencyPs zero-load latency of an IO link
 */
public record IoParams(int computePerIo, Bandwidth linkBandwidth, long linkLatencyPs) {
  /** The component kind. */
  public static final String KIND = "io";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "bgq-hardware",
          "IO nodes on IO links: compute-to-IO ratio, link rate and latency",
          Parameter.builder("compute_per_io", ParamType.INTEGER)
              .unit("nodes")
              .defaultValue("128")
              .range("1", "1024")
              .source(
                  "text (128:1 on Mira and Sequoia, bgq-facts.md); the FusedOS example uses 32"
                      + " (256 compute : 8 IO, code)")
              .description("compute nodes per IO node")
              .build(),
          Parameter.builder("io_link_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("2GB/s")
              .range("1MB/s", "1000GB/s")
              .source(
                  "estimate: the IO link is the chip's 11th link, same SerDes as the torus links"
                      + " (text, Redbook: 10 links + 1 IO link), so 2 GB/s raw per direction")
              .description("raw rate of one IO link in one direction")
              .build(),
          Parameter.builder("io_link_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("40ns")
              .range("0ns", "100us")
              .source("estimate: one torus hop (secondary, Chen et al. SC11: ~40 ns)")
              .description("zero-load latency of the IO link")
              .build());

  /** Validates the values. */
  public IoParams {
    if (computePerIo < 1) {
      throw new IllegalArgumentException("compute_per_io must be >= 1");
    }
  }

  /** Returns the defaults (128:1). */
  public static IoParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static IoParams from(ParamValues v) {
    return new IoParams(
        Math.toIntExact(v.integer("compute_per_io")),
        v.bandwidth("io_link_bandwidth"),
        v.time("io_link_latency"));
  }
}
