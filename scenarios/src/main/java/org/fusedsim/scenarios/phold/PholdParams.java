package org.fusedsim.scenarios.phold;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Parameters of the PHOLD workload (Fujimoto, "Performance of Time Warp under synthetic workloads",
 * 1990): {@code lps} logical processes hold {@code population} events each; every event, when run,
 * schedules one new event at a uniformly chosen process after {@code lookahead + Exp(mean_delay)}.
 *
 * @param lps number of logical processes
 * @param population events per process at time 0
 * @param lookahead fixed part of every delay, picoseconds
 * @param meanDelay mean of the exponential part of every delay, picoseconds
 * @param events how many events to run before stopping
 */
public record PholdParams(int lps, int population, long lookahead, long meanDelay, long events) {
  /** The declaration read by the scenario loader, {@code describe} and the docs. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "phold",
          "scenarios",
          "PHOLD: the standard synthetic benchmark of discrete-event engines.",
          Parameter.builder("lps", ParamType.INTEGER)
              .unit("processes")
              .defaultValue("1024")
              .range("1", "16777216")
              .source("benchmark convention")
              .description("Number of logical processes.")
              .build(),
          Parameter.builder("population", ParamType.INTEGER)
              .unit("events/process")
              .defaultValue("1")
              .range("1", "1024")
              .source("benchmark convention")
              .description("Events each process holds at time 0; the total stays constant.")
              .build(),
          Parameter.builder("lookahead", ParamType.TIME)
              .unit("ns")
              .defaultValue("1ns")
              .range("0ps", "1s")
              .source("benchmark convention")
              .description("Fixed minimum delay of every scheduled event.")
              .build(),
          Parameter.builder("mean_delay", ParamType.TIME)
              .unit("ns")
              .defaultValue("1us")
              .range("1ps", "1s")
              .source("benchmark convention")
              .description("Mean of the exponential part of the delay.")
              .build(),
          Parameter.builder("events", ParamType.INTEGER)
              .unit("events")
              .defaultValue("1000000")
              .range("1", "100000000000")
              .source("benchmark convention")
              .description("Events to run before the simulation stops.")
              .build());

  /** Validates the values. */
  public PholdParams {
    if (lps < 1 || population < 1 || events < 1 || lookahead < 0 || meanDelay < 1) {
      throw new IllegalArgumentException("invalid PHOLD parameters");
    }
    if ((long) lps * population > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("lps x population is too large");
    }
  }

  /** Reads the values of a validated section. */
  public static PholdParams from(ParamValues v) {
    return new PholdParams(
        Math.toIntExact(v.integer("lps")),
        Math.toIntExact(v.integer("population")),
        v.time("lookahead"),
        v.time("mean_delay"),
        v.integer("events"));
  }
}
