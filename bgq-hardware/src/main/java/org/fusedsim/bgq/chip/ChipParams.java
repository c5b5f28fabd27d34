package org.fusedsim.bgq.chip;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The compute chip.
 *
 * @param cores usable cores
 * @param threadsPerCore SMT threads per core
 * @param cyclePs one core cycle in picoseconds
 * @param threadIssue instructions one thread can issue per cycle
 * @param integerIssue integer/load-store instructions one core can issue per cycle
 * @param fpIssue floating-point/QPX instructions one core can issue per cycle
 * @param memoryBandwidth the node's DRAM peak bandwidth, shared by all threads
 * @param core the A2 latencies and the memory hierarchy, for work with a {@link WorkProfile}
 */
public record ChipParams(
    int cores,
    int threadsPerCore,
    long cyclePs,
    double threadIssue,
    double integerIssue,
    double fpIssue,
    Bandwidth memoryBandwidth,
    CoreParams core) {
  /** The component kind. */
  public static final String KIND = "chip";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      new ComponentSpec(
          KIND,
          "bgq-hardware",
          "BG/Q compute chip: A2 cores, SMT threads, issue limits, caches, TLB and memory",
          ImmutableList.<Parameter>builder()
              .add(
                  Parameter.builder("cores", ParamType.INTEGER)
                      .unit("cores")
                      .defaultValue("17")
                      .range("1", "18")
                      .source("text (Haring et al., IEEE Micro 2012: 18 cores, 17 usable)")
                      .description("usable A2 cores")
                      .build(),
                  Parameter.builder("threads_per_core", ParamType.INTEGER)
                      .unit("threads")
                      .defaultValue("4")
                      .range("1", "4")
                      .source("text (Haring et al. 2012: 4-way SMT)")
                      .description("hardware threads per core")
                      .build(),
                  Parameter.builder("clock", ParamType.FREQUENCY)
                      .unit("GHz")
                      .defaultValue("1.6GHz")
                      .range("1MHz", "10GHz")
                      .source("text (ALCF) and code (timebase 1.6 GHz)")
                      .description("core clock")
                      .build(),
                  Parameter.builder("thread_issue", ParamType.REAL)
                      .unit("instructions/cycle")
                      .defaultValue("1.0")
                      .range("0.01", "1.0")
                      .source(
                          "text/secondary (A2: a thread issues at most 1 instruction per cycle)")
                      .description(
                          "issue limit of one thread; lower it to model stalls of in-order A2")
                      .build(),
                  Parameter.builder("integer_issue", ParamType.REAL)
                      .unit("instructions/cycle")
                      .defaultValue("1.0")
                      .range("0.01", "2.0")
                      .source("text/secondary (A2 core: one integer/load-store per cycle)")
                      .description(
                          "integer/load-store issue limit of one core, shared by its threads")
                      .build(),
                  Parameter.builder("fp_issue", ParamType.REAL)
                      .unit("instructions/cycle")
                      .defaultValue("1.0")
                      .range("0.01", "2.0")
                      .source("text/secondary (A2 core: one floating point/QPX per cycle)")
                      .description(
                          "floating-point/QPX issue limit of one core, shared by its threads")
                      .build(),
                  Parameter.builder("memory_bandwidth", ParamType.BANDWIDTH)
                      .unit("GB/s")
                      .defaultValue("42.7GB/s")
                      .range("1MB/s", "1000GB/s")
                      .source("secondary + arithmetic (2 DDR3 controllers, ~42.7 GB/s peak)")
                      .description(
                          "DRAM peak bandwidth of the node (times dram_efficiency), shared max-min fairly"
                              + " by threads using memory")
                      .build())
              .addAll(CoreParams.PARAMETERS)
              .build());

  /** Returns the defaults. */
  public static ChipParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Returns the DRAM bandwidth that a saturating mix sustains, bytes per picosecond. */
  public double sustainedBytesPerPs() {
    return memoryBandwidth.bytesPerSecond() * core.dramEfficiency() / 1e12;
  }

  /** Builds the parameters from validated values. */
  public static ChipParams from(ParamValues v) {
    return new ChipParams(
        Math.toIntExact(v.integer("cores")),
        Math.toIntExact(v.integer("threads_per_core")),
        v.frequency("clock").periodPs(),
        v.real("thread_issue"),
        v.real("integer_issue"),
        v.real("fp_issue"),
        v.bandwidth("memory_bandwidth"),
        CoreParams.from(v));
  }
}
