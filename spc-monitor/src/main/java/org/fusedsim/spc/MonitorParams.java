package org.fusedsim.spc;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSortedSet;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Costs of the SPC monitor and the set of calls it serves itself.
 *
 * @param trapSavePs from {@code sc} to the context saved and the IPI send register written
 * @param restorePs from the thread waking in {@code waitrsv} to the first application instruction
 * @param localCallPs a call served entirely inside the monitor (trap, handler, {@code rfi})
 * @param commandPs decoding and executing one command other than RESUME (plus its own work)
 * @param tlbEntryPs writing one static TLB entry
 * @param localCalls names of the calls served in the monitor besides the two private ones
 */
public record MonitorParams(
    long trapSavePs,
    long restorePs,
    long localCallPs,
    long commandPs,
    long tlbEntryPs,
    ImmutableSortedSet<String> localCalls) {
  /** The component kind. */
  public static final String KIND = "spc_monitor";

  /** The two private numbers the released monitor serves itself (suspend/resume other SPCs). */
  public static final ImmutableSortedSet<String> PRIVATE_CALLS =
      ImmutableSortedSet.of("spc_resume_threads", "spc_suspend_threads");

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "spc-monitor",
          "SPC monitor: trap, context save/restore, commands, monitor-local calls",
          Parameter.builder("trap_save", ParamType.TIME)
              .unit("cycles")
              .defaultValue("200cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: sc exception entry (~20 cycles) plus ~40 8-byte stores of GPRs and"
                      + " SPRs into the context area; A2's L1D is write-through, so stores drain"
                      + " to L2 at ~1 per 4 cycles (~160) plus the IPI send-register store")
              .description("trap, save the context, set the IPI bit and write the send register")
              .build(),
          Parameter.builder("restore", ParamType.TIME)
              .unit("cycles")
              .defaultValue("200cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: one L2 line transfer (~80 cycles) for the context line CL wrote the"
                      + " return value into, ~40 register loads from L1 and rfi")
              .description("restore the context, convert a negative return into errno, rfi")
              .build(),
          Parameter.builder("local_call", ParamType.TIME)
              .unit("cycles")
              .defaultValue("100cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: sc entry (~20 cycles), a short handler reading the config area from"
                      + " L1 (~50) and rfi (~20); no context save")
              .description("a call served entirely in the monitor")
              .build(),
          Parameter.builder("command", ParamType.TIME)
              .unit("cycles")
              .defaultValue("100cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "estimate: read the command slot line (already transferred by the wake) and"
                      + " branch to the handler: ~100 cycles; START/SAVE_FPU/UPC_INIT work included")
              .description("executing one command other than RESUME")
              .build(),
          Parameter.builder("tlb_entry", ParamType.TIME)
              .unit("cycles")
              .defaultValue("20cycles")
              .range("0cycles", "100000cycles")
              .source("estimate: three mtspr to MAS registers, tlbwe and isync: ~20 cycles")
              .description("writing one static TLB entry during LOAD_TLB")
              .build(),
          Parameter.builder("local_calls", ParamType.TEXT)
              .unit("-")
              .defaultValue("")
              .source(
                  "code (spcm: the released monitor serves only its two private numbers);"
                      + " a non-empty list is a what-if")
              .description(
                  "comma-separated call names served in the monitor (e.g. getpid,gettid);"
                      + " empty in the released prototype")
              .build());

  /** Returns the defaults. */
  public static MonitorParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static MonitorParams from(ParamValues v) {
    ImmutableSortedSet.Builder<String> local = ImmutableSortedSet.naturalOrder();
    for (String s :
        Splitter.on(',').trimResults().omitEmptyStrings().split(v.text("local_calls"))) {
      local.add(s);
    }
    return new MonitorParams(
        v.time("trap_save"),
        v.time("restore"),
        v.time("local_call"),
        v.time("command"),
        v.time("tlb_entry"),
        local.build());
  }

  /** Returns whether the monitor serves {@code call} itself. */
  public boolean servesLocally(String call) {
    return PRIVATE_CALLS.contains(call) || localCalls.contains(call);
  }
}
