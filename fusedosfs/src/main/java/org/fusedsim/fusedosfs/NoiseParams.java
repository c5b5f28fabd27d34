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
 * @param tick whether the kernel takes its periodic tick (off only in a noise-free reference)
 * @param injectPeriodPs the period of injected noise on every application CPU, 0 for none
 * @param injectDurationPs how long each injected interruption lasts
 */
public record NoiseParams(
    ImmutableList<Source> sources,
    boolean coscheduled,
    boolean tick,
    long injectPeriodPs,
    long injectDurationPs) {
  /** The names {@code enabled} accepts. */
  public static final ImmutableList<String> NAMES =
      ImmutableList.of("tick", "sshd", "slurmd", "ntpd", "inject");

  private static final ImmutableList<String> DAEMONS = ImmutableList.of("sshd", "slurmd", "ntpd");

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
              .build(),
          Parameter.builder("enabled", ParamType.TEXT)
              .unit("-")
              .defaultValue("tick,sshd,slurmd,ntpd")
              .source(
                  "experiment design: every source runs on a real node; a subset isolates one"
                      + " source's share of a slowdown, none gives the noise-free reference")
              .description(
                  "the noise sources that run: a comma list of tick, sshd, slurmd, ntpd and"
                      + " inject, or none")
              .build(),
          time(
              "inject_period",
              "1ms",
              "us",
              "experiment design: kernel-level noise injection as Ferreira, Bridges and"
                  + " Brightwell (SC08) ran it, on only when enabled lists inject",
              "period of the injected noise on every application CPU (each node at its own"
                  + " phase unless coscheduled)"),
          time(
              "inject_duration",
              "25us",
              "us",
              "experiment design (SC08's 1 kHz signature: 25 us, 2.5% net)",
              "CPU time each injected interruption takes"));

  /** Returns the defaults. */
  public static NoiseParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static NoiseParams from(ParamValues v) {
    java.util.Set<String> on = enabled(v.text("enabled"));
    ImmutableList.Builder<Source> sources = ImmutableList.builder();
    for (String name : DAEMONS) {
      if (on.contains(name)) {
        sources.add(new Source(name, v.time(name + "_period"), v.time(name + "_duration")));
      }
    }
    return new NoiseParams(
        sources.build(),
        v.bool("coscheduled"),
        on.contains("tick"),
        on.contains("inject") ? v.time("inject_period") : 0,
        v.time("inject_duration"));
  }

  /**
   * Returns the sources named in {@code text} ({@code none}: no source).
   *
   * @throws IllegalArgumentException naming a source that does not exist
   */
  public static java.util.Set<String> enabled(String text) {
    java.util.Set<String> on = new java.util.TreeSet<>();
    if (text.strip().equals("none")) {
      return on;
    }
    for (String part : text.split(",")) {
      String n = part.strip();
      if (!NAMES.contains(n)) {
        throw new IllegalArgumentException(
            "noise source '" + n + "': expected none or a list of " + String.join(", ", NAMES));
      }
      on.add(n);
    }
    return on;
  }
}
