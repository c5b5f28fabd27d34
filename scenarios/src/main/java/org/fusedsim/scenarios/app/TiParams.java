package org.fusedsim.scenarios.app;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.chip.Work;
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
 * @param profile the kernel the traced computation runs as, or null for plain floating-point work
 *     (no stalls, no memory traffic)
 */
public record TiParams(double flopsPerInstruction, WorkProfile profile) {
  /** Checks that a profile has floating-point instructions to carry the flops. */
  public TiParams {
    if (profile != null && !(profile.fp() > 0)) {
      throw new IllegalArgumentException(
          profile.name()
              + " has no floating-point instructions to carry a compute action's flops"
              + " (expected none or one of "
              + fpProfiles()
              + ")");
    }
  }

  private static String fpProfiles() {
    return String.join(
        ", ",
        WorkProfiles.ALL.values().stream().filter(p -> p.fp() > 0).map(WorkProfile::name).toList());
  }

  /** {@code none} and the profiles with floating-point instructions, in catalog order. */
  private static String[] profileChoices() {
    List<String> c = new ArrayList<>();
    c.add("none");
    WorkProfiles.ALL.values().stream().filter(p -> p.fp() > 0).forEach(p -> c.add(p.name()));
    return c.toArray(String[]::new);
  }

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
              .source("workload definition (bgq-hardware WorkProfiles)")
              .description(
                  "none: a compute action is plain FP instructions; a profile with FP instructions"
                      + " (stream_triad, dgemm, stencil7): the action's flops are that kernel's FP"
                      + " instructions, with its loads, stores, stalls and memory traffic, rated by"
                      + " the core and memory model")
              .build());

  /** Returns the defaults. */
  public static TiParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static TiParams from(ParamValues v) {
    String name = v.text("profile");
    return new TiParams(
        v.real("flops_per_instruction"), name.equals("none") ? null : WorkProfiles.named(name));
  }

  /** Returns the profile's name, or {@code none}. */
  public String profileName() {
    return profile == null ? "none" : profile.name();
  }

  /**
   * Returns {@code flops} floating-point operations as work on a hardware thread: that many FP
   * instructions at {@link #flopsPerInstruction}, with the profile's other instructions around
   * them.
   */
  public Work work(double flops) {
    double fpInstructions = flops / flopsPerInstruction;
    return profile == null
        ? Work.floatingPoint(fpInstructions)
        : Work.of(profile, fpInstructions / profile.fp());
  }
}
