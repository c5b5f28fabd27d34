package org.fusedsim.scenarios.torus;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.torus.TorusTraffic;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The message sizes of a torus ping-pong sweep.
 *
 * @param maxBytes the largest message; the sweep is 0 B, then powers of two from 8 B up to it
 */
record PingPongParams(long maxBytes) {
  static final ComponentSpec SPEC =
      ComponentSpec.of(
          "pingpong",
          "scenarios",
          "Ping-pong sweep between a node and its neighbour and across the partition diameter.",
          Parameter.builder("max_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("4MiB")
              .range("8B", "64MiB")
              .source("experiment design (issue: 0 B to 4 MiB)")
              .description("Largest message of the sweep: 0 B, then powers of two from 8 B.")
              .build());

  static PingPongParams from(ParamValues v) {
    return new PingPongParams(v.size("max_size").bytes());
  }

  ImmutableList<Long> sizes() {
    return TorusTraffic.defaultPingPongSizes().stream()
        .filter(s -> s <= maxBytes)
        .collect(ImmutableList.toImmutableList());
  }
}
