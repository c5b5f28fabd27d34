package org.fusedsim.scenarios.machine;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The job on the partition: how many of its compute nodes run the workload. The partition's shape
 * and level of detail are the {@code torus} section's, its IO ratio the {@code io} section's.
 *
 * @param nodes compute nodes of the job (ranks 0 up); 0 for the kind's default
 */
public record PartitionParams(int nodes) {
  /** The component kind. */
  public static final String KIND = "partition";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "scenarios",
          "the job on the partition: how many compute nodes run the workload",
          Parameter.builder("nodes", ParamType.INTEGER)
              .unit("nodes")
              .defaultValue("0")
              .range("0", "98304")
              .source("experiment design")
              .description(
                  "compute nodes of the job, ranks 0 up (0 = the kind's default: 1 for node"
                      + " workloads, every node for network and IO workloads)")
              .build());

  /** Builds the parameters from validated values. */
  public static PartitionParams from(ParamValues v) {
    return new PartitionParams(Math.toIntExact(v.integer("nodes")));
  }
}
