package org.fusedsim.scenarios.app;

import org.fusedsim.bgq.chip.WorkProfile;
import org.fusedsim.bgq.chip.WorkProfiles;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * How a time-independent MPI trace's computation becomes work on the A2.
 *
 * @param flopsPerInstruction floating-point operations one FP instruction of the traced code does
 *     (a compute action of {@code F} flops is {@code F / flopsPerInstruction} FP instructions on
 *     the rank's hardware thread, issued at the A2's rates and shared with its core's threads)
 * @param profile the kernel a compute action runs as, rated by the core and memory model, or null
 *     for plain floating-point work
 */
public record TiParams(double flopsPerInstruction, WorkProfile profile) {
  /** The component kind. */
  public static final String KIND = "ti";

  /** The declaration. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "scenarios",
          "time-independent MPI trace replay: a compute action's flops as A2 instructions",
          Parameter.builder("flops_per_instruction", ParamType.REAL)
              .unit("flops")
              .defaultValue("2")
              .range("0.125", "8")
              .source(
                  "estimate: one fused multiply-add (2 flops) per FP instruction, what compiled"
                      + " scalar code reaches; the A2's QPX unit does 8 (4-wide FMA) when the code"
                      + " is vectorized for it (bgq-facts.md: 8 flop/cycle/core, 204.8 GF per"
                      + " node)")
              .description("floating-point operations per FP instruction of the traced code")
              .build(),
          Parameter.builder("profile", ParamType.CHOICE)
              .defaultValue("none")
              .choices(profileChoices())
              .source(
                  "workload definition: a TI trace records flops only, not what the code does to"
                      + " the caches; none keeps the plain floating-point work")
              .description(
                  "none: a compute action is plain FP instructions; a profile name (bgq-hardware"
                      + " WorkProfiles): that kernel's instructions holding the action's FP"
                      + " instructions, rated by the core and memory model")
              .build());

  private static String[] profileChoices() {
    String[] c = new String[WorkProfiles.ALL.size() + 1];
    c[0] = "none";
    int i = 1;
    for (String n : WorkProfiles.ALL.keySet()) {
      c[i++] = n;
    }
    return c;
  }

  /**
   * Returns the work of a compute action of {@code flops}: {@code flops / flopsPerInstruction} FP
   * instructions, alone or inside the profile's mix (a profile without FP takes that many
   * instructions of its own).
   */
  public org.fusedsim.bgq.chip.Work compute(double flops) {
    double fp = flops / flopsPerInstruction;
    if (profile == null) {
      return org.fusedsim.bgq.chip.Work.floatingPoint(fp);
    }
    return org.fusedsim.bgq.chip.Work.of(profile, profile.fp() > 0 ? fp / profile.fp() : fp);
  }

  /** Returns the defaults. */
  public static TiParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static TiParams from(ParamValues v) {
    String p = v.text("profile");
    return new TiParams(
        v.real("flops_per_instruction"), p.equals("none") ? null : WorkProfiles.named(p));
  }
}
