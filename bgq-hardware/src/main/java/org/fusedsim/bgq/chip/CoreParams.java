package org.fusedsim.bgq.chip;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The A2 core's latencies and the memory hierarchy's sizes, in core cycles and bytes: what turns a
 * {@link WorkProfile} into stall cycles ({@link CoreModel}). Declared in the {@code chip} section.
 *
 * @param loadUseCycles load-to-use latency of an L1 hit
 * @param fpCycles floating-point / QPX result latency
 * @param intCycles simple integer result latency
 * @param mispredictCycles branch mispredict penalty
 * @param l1Bytes L1 data cache per core
 * @param l1Line L1 line
 * @param l1pCycles load-to-use of a line the L1P prefetcher holds
 * @param prefetchDepth L2 lines the L1P keeps in flight per thread on a stream
 * @param l2Bytes the shared L2
 * @param l2Line L2 line (the unit of DRAM traffic)
 * @param l2Cycles load-to-use of an L2 hit
 * @param dramCycles load-to-use of a DRAM access at zero load
 * @param dramEfficiency share of the DRAM peak that a saturating mix of reads and writes sustains
 * @param tlbEntries TLB entries per core, shared by its threads
 * @param eratEntries data ERAT entries per core
 * @param eratMissCycles an ERAT miss reloaded from the TLB
 * @param tableWalkCycles a TLB miss: the page-table walk and reload
 * @param pagedPage page size of a paged (Linux) address space
 * @param staticPage page size of the static mappings (CNK, CL)
 * @param osTouchBytes L1 bytes OS work (a cost without a profile) displaces per instruction
 * @param osL2TouchBytes L2 bytes OS work touches per instruction: lines that other cores' profiled
 *     work may have evicted, fetched from DRAM and displacing theirs
 */
public record CoreParams(
    int loadUseCycles,
    int fpCycles,
    int intCycles,
    double mispredictCycles,
    long l1Bytes,
    long l1Line,
    double l1pCycles,
    double prefetchDepth,
    long l2Bytes,
    long l2Line,
    double l2Cycles,
    double dramCycles,
    double dramEfficiency,
    int tlbEntries,
    int eratEntries,
    double eratMissCycles,
    double tableWalkCycles,
    long pagedPage,
    long staticPage,
    double osTouchBytes,
    double osL2TouchBytes) {

  private static final String A2_TD = "code (LLVM lib/Target/PowerPC/PPCScheduleA2.td)";

  /** The declared parameters (part of the {@code chip} section). */
  public static final ImmutableList<Parameter> PARAMETERS =
      ImmutableList.of(
          cycles("load_use", "6", A2_TD, "load-to-use latency of an L1 hit"),
          cycles("fp_latency", "6", A2_TD, "floating-point / QPX result latency"),
          cycles(
              "int_latency",
              "1",
              "estimate: simple integer results forward to the next instruction of the thread",
              "simple integer result latency"),
          cycles("mispredict", "13", A2_TD, "branch mispredict penalty"),
          size("l1_size", "16KiB", "code / text (16 KiB L1 D per core)", "L1 data cache per core"),
          size(
              "l1_line",
              "64B",
              "code (BGPM event documentation in the BG/Q driver: L1 line 64 B)",
              "L1 line"),
          cycles(
              "l1p_latency",
              "24",
              "estimate: commonly quoted ~24 cycles, not verified (bgq-facts.md)",
              "load-to-use of a line the L1P prefetcher holds"),
          Parameter.builder("prefetch_depth", ParamType.REAL)
              .unit("lines")
              .defaultValue("8")
              .range("1", "64")
              .source(
                  "estimate: the L1P runs a few streams a few 128 B lines ahead; 8 lines in flight"
                      + " per thread give ~5 GB/s for one STREAM thread (Little's law over the"
                      + " DRAM latency), the order of a single BG/Q thread's STREAM")
              .description("L2 lines the L1P keeps in flight per thread on a stream")
              .build(),
          size("l2_size", "32MiB", "text (32 MiB shared eDRAM L2, 16 slices)", "shared L2"),
          size(
              "l2_line",
              "128B",
              "code (BGPM event documentation in the BG/Q driver: L2 line 128 B)",
              "L2 line"),
          cycles(
              "l2_latency",
              "80",
              "estimate: commonly quoted ~80 cycles; the measured L2 atomic round trip is 99"
                  + " cycles with the loop (bgq-facts.md)",
              "load-to-use of an L2 hit"),
          cycles(
              "dram_latency",
              "350",
              "estimate: commonly quoted ~350 cycles, not verified (bgq-facts.md)",
              "load-to-use of a DRAM access at zero load; queueing adds to it under load"),
          Parameter.builder("dram_efficiency", ParamType.REAL)
              .unit("1")
              .defaultValue("0.7")
              .range("0.1", "1")
              .source(
                  "estimate: DDR3 sustains 65-80% of peak on a read/write mix (bus turnarounds,"
                      + " refresh, bank conflicts); checked against ERT's 66% in validation.md")
              .description("share of memory_bandwidth a saturating read/write mix sustains")
              .build(),
          count(
              "tlb_entries",
              "512",
              "code (FusedOS fusedos.h: up to 512 static TLB entries per SPC context, the size of the A2 TLB)",
              "TLB entries per core"),
          count(
              "erat_entries",
              "32",
              "estimate: the A2 data ERAT of 32 entries as commonly quoted from the A2 user"
                  + " manual, not verified",
              "data ERAT entries per core"),
          cycles(
              "erat_miss",
              "12",
              "estimate: a hardware reload of the ERAT from the TLB, a few pipeline stages",
              "an ERAT miss that hits the TLB"),
          cycles(
              "table_walk",
              "160",
              "estimate: a TLB miss walks the page table through the caches, about two dependent"
                  + " L2 accesses (2 x 80 cycles) under Linux's 64 KiB pages",
              "a TLB miss"),
          size(
              "paged_page",
              "64KiB",
              "code (FusedOS bgq_defconfig: 64 KiB pages)",
              "page size of Linux address spaces"),
          size(
              "static_page",
              "1MiB",
              "code (CL maps CNK applications with 1 MiB static TLB entries)",
              "page size of the static mappings of CNK and CL"),
          Parameter.builder("os_touch", ParamType.REAL)
              .unit("B/instruction")
              .defaultValue("2")
              .range("0", "64")
              .source(
                  "estimate: a kernel path (interrupt entry, timer, scheduler, a daemon) walks a"
                      + " new 64 B line of stack, task and timer structures every ~32"
                      + " instructions, so a 5,000-cycle tick displaces most of the 16 KiB L1")
              .description(
                  "L1 bytes that OS work displaces per instruction, refilled by the profiled"
                      + " work it interrupted")
              .build(),
          Parameter.builder("os_l2_touch", ParamType.REAL)
              .unit("B/instruction")
              .defaultValue("2")
              .range("0", "64")
              .source(
                  "estimate: the lines a kernel path walks through its L1 (os_touch) are L2 lines"
                      + " as well; Tsafrir et al. 2005 find up to 85% of a tick's cost indirect"
                      + " (cache and TLB), so the same walk is charged in the shared L2: each line"
                      + " the application's data evicted since comes back from DRAM")
              .description(
                  "L2 bytes OS work touches per instruction: a line the chip's profiled work"
                      + " evicted comes from DRAM and displaces theirs, refilled by its owner")
              .build());

  private static Parameter cycles(String name, String def, String source, String description) {
    return Parameter.builder(name, ParamType.REAL)
        .unit("cycles")
        .defaultValue(def)
        .range("0", "100000")
        .source(source)
        .description(description)
        .build();
  }

  private static Parameter count(String name, String def, String source, String description) {
    return Parameter.builder(name, ParamType.INTEGER)
        .unit("entries")
        .defaultValue(def)
        .range("1", "65536")
        .source(source)
        .description(description)
        .build();
  }

  private static Parameter size(String name, String def, String source, String description) {
    return Parameter.builder(name, ParamType.SIZE)
        .unit("B")
        .defaultValue(def)
        .range("1B", "1GiB")
        .source(source)
        .description(description)
        .build();
  }

  /** Builds the parameters from the {@code chip} section's values. */
  public static CoreParams from(ParamValues v) {
    return new CoreParams(
        (int) Math.round(v.real("load_use")),
        (int) Math.round(v.real("fp_latency")),
        (int) Math.round(v.real("int_latency")),
        v.real("mispredict"),
        v.size("l1_size").bytes(),
        v.size("l1_line").bytes(),
        v.real("l1p_latency"),
        v.real("prefetch_depth"),
        v.size("l2_size").bytes(),
        v.size("l2_line").bytes(),
        v.real("l2_latency"),
        v.real("dram_latency"),
        v.real("dram_efficiency"),
        Math.toIntExact(v.integer("tlb_entries")),
        Math.toIntExact(v.integer("erat_entries")),
        v.real("erat_miss"),
        v.real("table_walk"),
        v.size("paged_page").bytes(),
        v.size("static_page").bytes(),
        v.real("os_touch"),
        v.real("os_l2_touch"));
  }
}
