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
 * {@code kind: smt-scaling}: each work profile at 1, 2 and 4 threads per core, on one core and on
 * 16: instructions per cycle per core and per thread, DRAM bandwidth, and the TLB misses and their
 * cost under the personality's translation (none under cnk's static mappings; Linux's 64 KiB pages
 * under linux). Every point runs on a freshly booted node.
 */
public final class SmtScalingKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "smt",
          "scenarios",
          "SMT scaling: work profiles at several threads per core",
          Parameter.builder("profiles", ParamType.TEXT)
              .defaultValue("stream_triad,dgemm,stencil7,pointer_chase,integer")
              .source("workload definition (bgq-hardware WorkProfiles)")
              .description("work profiles to run, comma-separated")
              .build(),
          Parameter.builder("threads_per_core", ParamType.TEXT)
              .defaultValue("1,2,4")
              .source("workload definition")
              .description("threads per core, comma-separated (1 to 4)")
              .build(),
          Parameter.builder("cores", ParamType.TEXT)
              .defaultValue("1,16")
              .source("workload definition")
              .description("cores used, comma-separated (1 to 16)")
              .build(),
          Parameter.builder("instructions", ParamType.REAL)
              .unit("instructions")
              .defaultValue("4000000")
              .range("1000", "1e12")
              .source(
                  "workload definition: long enough that the launch skew of the threads (a few us)"
                      + " is under 1% of the slowest profile's run")
              .description("instructions each thread computes")
              .build());

  @Override
  public String name() {
    return "smt-scaling";
  }

  @Override
  public String description() {
    return "IPC per core and thread of the work profiles at 1, 2 and 4 threads per core";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "smt.*.*.core_ipc", "instructions_per_cycle",
            "smt.*.*.thread_ipc", "instructions_per_cycle",
            "smt.*.*.bandwidth", "GB/s",
            "smt.*.*.tlb_mpki", "misses_per_kinstruction",
            "smt.*.*.tlb_share", "1",
            "smt.*.*.refill_share", "1",
            "smt.*.*.l1_mpki", "misses_per_kinstruction",
            "smt.*.*.l2_mpki", "misses_per_kinstruction",
            "smt.*.*.*.core_ipc", "instructions_per_cycle",
            "smt.*.*.*.thread_ipc", "instructions_per_cycle",
            "smt.*.*.*.bandwidth", "GB/s",
            "smt.*.*.*.tlb_mpki", "misses_per_kinstruction",
            "smt.*.*.*.tlb_share", "1",
            "smt.*.*.*.refill_share", "1",
            "smt.*.*.*.l1_mpki", "misses_per_kinstruction",
            "smt.*.*.*.l2_mpki", "misses_per_kinstruction"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("smt.*.*.core_ipc");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ProfiledRuns.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    ProfiledRuns.profiles(s, "smt", "profiles");
    ProfiledRuns.integers(s, "smt", "threads_per_core", 1, 4);
    ProfiledRuns.integers(s, "smt", "cores", 1, ProfiledRuns.CORES);
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ImmutableList<WorkProfile> profiles = ProfiledRuns.profiles(s, "smt", "profiles");
    ImmutableList<Integer> ks = ProfiledRuns.integers(s, "smt", "threads_per_core", 1, 4);
    ImmutableList<Integer> coreCounts =
        ProfiledRuns.integers(s, "smt", "cores", 1, ProfiledRuns.CORES);
    double n = s.section("smt").real("instructions");
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder(
            "smt-scaling",
            "profile:-",
            "cores:cores",
            "threads_per_core:threads",
            "core_ipc:instructions_per_cycle",
            "thread_ipc:instructions_per_cycle",
            "bandwidth:GB/s",
            "l1_mpki:misses_per_kinstruction",
            "l2_mpki:misses_per_kinstruction",
            "tlb_mpki:misses_per_kinstruction",
            "tlb_share:1",
            "refill_share:1");
    List<Chart> charts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long simTime = 0;
    long events = 0;
    for (int cores : coreCounts) {
      List<Chart.Series> series = new ArrayList<>();
      List<Chart.Series> gains = new ArrayList<>();
      for (WorkProfile p : profiles) {
        double[] xs = new double[ks.size()];
        double[] ys = new double[ks.size()];
        for (int i = 0; i < ks.size(); i++) {
          int k = ks.get(i);
          ProfiledRuns.Measurement r =
              ProfiledRuns.measure(s, ctx, p, n, ProfiledRuns.placement(cores, k), cores);
          simTime += r.simTime();
          events += r.events();
          String key =
              "smt." + p.name() + "." + k + "threads." + (cores == 1 ? "" : cores + "cores.");
          m.put(key + "core_ipc", r.coreIpc(), "instructions_per_cycle");
          m.put(key + "thread_ipc", r.threadIpc(), "instructions_per_cycle");
          m.put(key + "bandwidth", r.bandwidth(), "GB/s");
          m.put(key + "l1_mpki", r.l1Mpki(), "misses_per_kinstruction");
          m.put(key + "l2_mpki", r.l2Mpki(), "misses_per_kinstruction");
          m.put(key + "tlb_mpki", r.tlbMpki(), "misses_per_kinstruction");
          m.put(key + "tlb_share", r.tlbShare(), "1");
          m.put(key + "refill_share", r.refillShare(), "1");
          t.row(
              p.name(),
              cores,
              k,
              r.coreIpc(),
              r.threadIpc(),
              r.bandwidth(),
              r.l1Mpki(),
              r.l2Mpki(),
              r.tlbMpki(),
              r.tlbShare(),
              r.refillShare());
          xs[i] = k;
          ys[i] = r.coreIpc();
        }
        series.add(new Chart.Series(p.name(), xs, ys));
        double[] gain = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
          gain[i] = ys[i] / ys[0];
        }
        gains.add(new Chart.Series(p.name(), xs, gain));
        notes.add(
            String.format(
                Locale.ROOT,
                "%s on %d core(s) under %s: core IPC %s at %s threads per core",
                p.name(),
                cores,
                ctx.personality(),
                join(ys),
                ks));
      }
      charts.add(
          new Chart(
              cores == 1 ? "smt-scaling" : "smt-scaling-" + cores + "cores",
              "Instructions per cycle per core under "
                  + ctx.personality()
                  + ", "
                  + cores
                  + (cores == 1 ? " core" : " cores"),
              "threads per core",
              "IPC per core (instructions/cycle)",
              ImmutableList.copyOf(series)));
      // the gain from SMT on the same axes: what the slow profiles do is lost on the IPC scale
      charts.add(
          new Chart(
              cores == 1 ? "smt-gain" : "smt-gain-" + cores + "cores",
              "Core IPC against its value at "
                  + ks.get(0)
                  + " thread(s) per core under "
                  + ctx.personality()
                  + ", "
                  + cores
                  + (cores == 1 ? " core" : " cores"),
              "threads per core",
              "core IPC / core IPC at " + ks.get(0) + " thread(s)",
              ImmutableList.copyOf(gains)));
    }
    return new RunOutput(
        simTime,
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.copyOf(charts));
  }

  private static String join(double[] ys) {
    StringBuilder b = new StringBuilder();
    for (double y : ys) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", y));
    }
    return b.toString();
  }
}
