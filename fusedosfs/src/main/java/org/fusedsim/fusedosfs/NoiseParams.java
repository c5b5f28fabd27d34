package org.fusedsim.fusedosfs;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The noise sources of a Linux node: daemons that wake after exponentially distributed intervals
 * and run for exponentially distributed CPU times. Receive processing (the RoQ front end's NAPI,
 * TCP, v9fs) is no source here: it runs in interrupt context for the packets that actually arrive.
 *
 * @param sources the sources, each with mean period and mean duration
 * @param coscheduled whether every node's ticks fall at the same instants (a what-if: a partition
 *     whose kernels align their ticks); otherwise each node's tick phase is its own
 */
public record NoiseParams(ImmutableList<Source> sources, boolean coscheduled) {
  /** The component kind. */
  public static final String KIND = "noise";

  /**
   * One source.
   *
   * @param name the daemon name
   * @param meanPeriodPs mean time between activations
   * @param meanDurationPs mean CPU time per activation
   */
  public record Source(String name, long meanPeriodPs, long meanDurationPs) {}

  private static final String WHY =
      "estimate: no BG/Q measurement published; an order of magnitude for an idle service";

  private static Parameter time(String name, String dflt, String unit, String source, String d) {
    return Parameter.builder(name, ParamType.TIME)
        .unit(unit)
        .defaultValue(dflt)
        .range("1us", "1000s")
        .source(source)
        .description(d)
        .build();
  }

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "fusedosfs",
          "Linux noise sources: daemons (exponential periods and durations)",
          time(
              "sshd_period",
              "5s",
              "s",
              WHY + " (sshd with no session wakes for housekeeping only)",
              "mean interval between sshd activations"),
          time("sshd_duration", "50us", "us", WHY, "mean CPU time of an sshd activation"),
          time(
              "slurmd_period",
              "500ms",
              "ms",
              WHY + " (slurmd answering slurmctld pings and job-step polling)",
              "mean interval between slurmd activations"),
          time("slurmd_duration", "200us", "us", WHY, "mean CPU time of a slurmd activation"),
          time(
              "ntpd_period",
              "1s",
              "s",
              WHY + " (ntpd's once-a-second clock adjustment timer)",
              "mean interval between ntpd activations"),
          time("ntpd_duration", "30us", "us", WHY, "mean CPU time of an ntpd activation"),
          Parameter.builder("coscheduled", ParamType.BOOLEAN)
              .unit("-")
              .defaultValue("false")
              .source(
                  "model choice: nodes boot at their own instants, so each node's ticks have their"
                      + " own phase (drawn per node from its stream); true aligns every node's"
                      + " ticks, the co-scheduled noise what-if")
              .description("align the tick phase of every node of the partition")
              .build());

  /** Returns the defaults. */
  public static NoiseParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static NoiseParams from(ParamValues v) {
    return new NoiseParams(
        ImmutableList.of(
            new Source("sshd", v.time("sshd_period"), v.time("sshd_duration")),
            new Source("slurmd", v.time("slurmd_period"), v.time("slurmd_duration")),
            new Source("ntpd", v.time("ntpd_period"), v.time("ntpd_duration"))),
        v.bool("coscheduled"));
  }
}
