package org.fusedsim.cl.fusedos;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The design knobs of a FusedOS node: how many cores Linux gets, where the SPCs' IPIs go, and where
 * CL's pthreads may run. The defaults are the released prototype; the rest are what-ifs.
 *
 * @param gpcCores cores given to Linux (cores 0 to {@code gpcCores - 1}); the SPCs are the threads
 *     of the other application cores
 * @param ipiTarget where an SPC's IPI goes
 * @param clCpus where CL's pthreads may run
 */
public record FusedosParams(int gpcCores, IpiTarget ipiTarget, ClCpus clCpus) {
  /** The component kind. */
  public static final String KIND = "fusedos";

  /** Where an SPC's IPI goes. */
  public enum IpiTarget {
    /** Linux CPU 0, as in the prototype. */
    CPU0("cpu0"),
    /** GPC thread {@code spc mod gpcThreads}: the handler's work spread over the GPCs. */
    SPREAD("spread"),
    /** The CPU the SPC's CL pthread last ran on: the wakeup stays local to it. */
    CL_CPU("cl-cpu");

    private final String id;

    IpiTarget(String id) {
      this.id = id;
    }

    /** Returns the name used in scenario files. */
    public String id() {
      return id;
    }

    static IpiTarget of(String id) {
      for (IpiTarget t : values()) {
        if (t.id.equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown IPI target " + id);
    }
  }

  /** Where CL's pthreads may run. */
  public enum ClCpus {
    /** Any GPC CPU: Linux places and moves them. */
    ANY("any"),
    /** The pthread of SPC {@code s} pinned to GPC thread {@code s mod gpcThreads}. */
    PINNED("pinned");

    private final String id;

    ClCpus(String id) {
      this.id = id;
    }

    /** Returns the name used in scenario files. */
    public String id() {
      return id;
    }

    static ClCpus of(String id) {
      for (ClCpus t : values()) {
        if (t.id.equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown CL CPU placement " + id);
    }
  }

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "cl-proxy",
          "FusedOS node split and design knobs: GPC cores, IPI target, CL pthread placement",
          Parameter.builder("gpc_cores", ParamType.INTEGER)
              .unit("cores")
              .defaultValue("1")
              .range("1", "4")
              .source(
                  "code (fusedos.c: nr_gpcs = 4 threads = core 0 by default; a kernel argument"
                      + " changes it); more cores are a what-if")
              .description("cores that run Linux; SPCs are the threads of the other cores up to 15")
              .build(),
          Parameter.builder("ipi_target", ParamType.CHOICE)
              .unit("-")
              .defaultValue("cpu0")
              .choices("cpu0", "spread", "cl-cpu")
              .source(
                  "code (every SPC-to-GPC IPI goes to Linux CPU 0); spread and cl-cpu are"
                      + " what-ifs")
              .description(
                  "where SPC IPIs go: cpu0 (prototype), spread (SPC mod GPC threads), cl-cpu (the"
                      + " CPU the SPC's CL pthread last ran on)")
              .build(),
          Parameter.builder("cl_cpus", ParamType.CHOICE)
              .unit("-")
              .defaultValue("any")
              .choices("any", "pinned")
              .source(
                  "model choice: CL's pthreads are ordinary Linux threads that Linux places;"
                      + " pinned is a what-if")
              .description("where CL pthreads run: any GPC CPU, or pinned (SPC mod GPC threads)")
              .build());

  /** Returns the defaults. */
  public static FusedosParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static FusedosParams from(ParamValues v) {
    return new FusedosParams(
        Math.toIntExact(v.integer("gpc_cores")),
        IpiTarget.of(v.text("ipi_target")),
        ClCpus.of(v.text("cl_cpus")));
  }

  /** Returns the GPC hardware threads: the threads of cores 0 to {@code gpcCores - 1}. */
  public int gpcThreads() {
    return 4 * gpcCores;
  }

  /** Returns the SPC hardware threads: cores {@code gpcCores} to 15. */
  public int spcThreads() {
    return 4 * (16 - gpcCores);
  }
}
