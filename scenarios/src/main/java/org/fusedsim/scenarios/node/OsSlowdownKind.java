package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.chip.WorkProfile;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: os-slowdown}: the same compute, each work profile at 4 threads per core on a few
 * application cores, under cnk, fusedos and linux, and what the personality costs it against CNK,
 * split by mechanism: translation (ERAT and TLB misses: Linux's 64 KiB pages against the static
 * maps of CNK and CL), cache pollution (the lines OS work displaced, refilled by the interrupted
 * thread: its L1 lines, and the L2 lines OS work on any core took from every thread of the chip)
 * and direct noise (the rest: time the OS took the hardware thread, its ticks and daemons). Each
 * run measures the personality's time and, on a node of its own, CNK's.
 */
public final class OsSlowdownKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "slowdown",
          "scenarios",
          "OS slowdown of the same compute, split into translation, cache pollution and noise",
          Parameter.builder("profiles", ParamType.TEXT)
              .defaultValue("stream_triad,dgemm,stencil7,pointer_chase,integer")
              .source("workload definition (bgq-hardware WorkProfiles)")
              .description("work profiles to run, comma-separated")
              .build(),
          Parameter.builder("cores", ParamType.INTEGER)
              .unit("cores")
              .defaultValue("4")
              .range("1", "15")
              .source(
                  "workload definition: at most the 15 SPC cores, so every personality runs the"
                      + " same 4 threads per core")
              .description("application cores, 4 threads each")
              .build(),
          Parameter.builder("duration", ParamType.TIME)
              .unit("ms")
              .defaultValue("40ms")
              .range("1ms", "10s")
              .source(
                  "workload definition: four 10 ms tick periods, so that every thread meets the"
                      + " tick under linux")
              .description("each thread's computation under cnk (instructions sized to it)")
              .build());

  private static final double CALIBRATION = 100_000;

  @Override
  public String name() {
    return "os-slowdown";
  }

  @Override
  public String description() {
    return "the same compute under each OS: the slowdown against cnk split by mechanism";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "slowdown.*.time", "ms",
            "slowdown.*.cnk_time", "ms",
            "slowdown.*.total", "x",
            "slowdown.*.tlb", "1",
            "slowdown.*.pollution", "1",
            "slowdown.*.l2_pollution", "1",
            "slowdown.*.noise", "1",
            "slowdown.*.tlb_mpki", "misses_per_kinstruction"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "slowdown.*.total", "slowdown.*.tlb", "slowdown.*.pollution", "slowdown.*.noise");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ImmutableList.of("cnk", "fusedos", "linux");
  }

  @Override
  public void check(Scenario s) {
    ProfiledRuns.profiles(s, "slowdown", "profiles");
  }

  /** The application threads of 4 per core on {@code cores} cores under a personality. */
  private static int[] threads(String personality, int cores) {
    // the job starts every application thread the personality offers (the others exit at once):
    // CNK and Linux place thread i on core i mod 16, CL its 60 over the 15 SPC cores, thread i on
    // the (i mod 15)-th
    int spread = personality.equals("fusedos") ? 15 : ProfiledRuns.CORES;
    int[] t = new int[cores * 4];
    int n = 0;
    for (int j = 0; j < 4; j++) {
      for (int c = 0; c < cores; c++) {
        t[n++] = c + spread * j;
      }
    }
    return t;
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ImmutableList<WorkProfile> profiles = ProfiledRuns.profiles(s, "slowdown", "profiles");
    int cores = (int) s.section("slowdown").integer("cores");
    long duration = s.section("slowdown").time("duration");
    RunContext cnk =
        new RunContext(
            "cnk", ctx.replication(), ctx.streams(), ctx.tracer(), ctx.progress(), ctx.exact());
    String os = ctx.personality();
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder(
            "os-slowdown",
            "profile:-",
            "cnk_time:ms",
            "time:ms",
            "total:x",
            "tlb:1",
            "pollution:1",
            "l2_pollution:1",
            "noise:1",
            "tlb_mpki:misses_per_kinstruction");
    List<String> notes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    double[][] parts = new double[4][profiles.size()];
    long simTime = 0;
    long events = 0;
    double cycle = Machines.hardware(s).chip().cyclePs();
    for (int i = 0; i < profiles.size(); i++) {
      WorkProfile p = profiles.get(i);
      int[] base = threads("cnk", cores);
      // the instructions that take `duration` under cnk at 4 threads per core
      ProfiledRuns.Measurement cal = ProfiledRuns.measure(s, cnk, p, CALIBRATION, base, cores);
      double n = Math.max(CALIBRATION, duration / cycle / cal.cyclesPerInstruction());
      ProfiledRuns.Measurement ref = ProfiledRuns.measure(s, cnk, p, n, base, cores);
      ProfiledRuns.Measurement r =
          os.equals("cnk") ? ref : ProfiledRuns.measure(s, ctx, p, n, threads(os, cores), cores);
      simTime += cal.simTime() + ref.simTime() + (r == ref ? 0 : r.simTime());
      events += cal.events() + ref.events() + (r == ref ? 0 : r.events());
      // per thread: cycles = instructions x CPI; the stalls' shares of them
      double refCycles = n * ref.cyclesPerInstruction();
      double cycles = n * r.cyclesPerInstruction();
      double total = cycles / refCycles;
      double tlb = (r.tlbShare() * cycles - ref.tlbShare() * refCycles) / refCycles;
      double l2 = (r.l2RefillShare() * cycles - ref.l2RefillShare() * refCycles) / refCycles;
      double pollution =
          (r.refillShare() * cycles - ref.refillShare() * refCycles) / refCycles + l2;
      double noise = total - 1 - tlb - pollution;
      String key = "slowdown." + p.name() + ".";
      double ms = cycle / 1e9;
      m.put(key + "time", cycles * ms, "ms");
      m.put(key + "cnk_time", refCycles * ms, "ms");
      m.put(key + "total", total, "x");
      m.put(key + "tlb", tlb, "1");
      m.put(key + "pollution", pollution, "1");
      m.put(key + "l2_pollution", l2, "1");
      m.put(key + "noise", noise, "1");
      m.put(key + "tlb_mpki", r.tlbMpki(), "misses_per_kinstruction");
      t.row(p.name(), refCycles * ms, cycles * ms, total, tlb, pollution, l2, noise, r.tlbMpki());
      names.add(p.name());
      parts[0][i] = 1;
      parts[1][i] = tlb;
      parts[2][i] = pollution;
      parts[3][i] = noise;
      notes.add(
          String.format(
              Locale.ROOT,
              "%s under %s: %.4fx the time under cnk (translation %+.4f, cache pollution %+.4f"
                  + " of which L2 %+.4f, direct noise %+.4f)",
              p.name(),
              os,
              total,
              tlb,
              pollution,
              l2,
              noise));
    }
    // the time added to cnk's, by mechanism: the parts stack to the slowdown minus 1
    String[] labels = {"translation", "cache pollution", "direct noise"};
    ImmutableList.Builder<Chart.Series> series = ImmutableList.builder();
    double[] xs = new double[profiles.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i + 1;
    }
    for (int k = 0; k < labels.length; k++) {
      series.add(new Chart.Series(labels[k], xs, parts[k + 1]));
    }
    Chart chart =
        Chart.bars(
            "os-slowdown",
            "The same compute under " + os + ": time added to cnk's, by mechanism",
            "personality and work profile",
            "added time / time under cnk",
            ImmutableList.copyOf(names),
            series.build(),
            true);
    return new RunOutput(
        simTime,
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }
}
