package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.chip.WorkProfile;
import org.fusedsim.bgq.chip.WorkProfiles;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: memory}: the node's memory system as benchmarks see it. STREAM triad on the first
 * {@code n} application threads (breadth-first: one per core first) for each thread count, the
 * node's DRAM bandwidth in GB/s; and a pointer chase alone on one thread over growing footprints,
 * the load-to-use latency in cycles (the staircase of the L1, the L2 and DRAM).
 */
public final class MemoryKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "membench",
          "scenarios",
          "Memory benchmarks: STREAM triad against threads, load latency against footprint",
          Parameter.builder("triad_threads", ParamType.TEXT)
              .defaultValue("1,2,4,8,16,32,64")
              .source("workload definition")
              .description("STREAM triad thread counts, comma-separated (1 to 64)")
              .build(),
          Parameter.builder("footprints", ParamType.TEXT)
              .defaultValue(
                  "4KiB,8KiB,16KiB,32KiB,64KiB,256KiB,1MiB,4MiB,16MiB,32MiB,64MiB,256MiB,1GiB")
              .source("workload definition")
              .description("pointer-chase footprints, comma-separated sizes")
              .build(),
          Parameter.builder("instructions", ParamType.REAL)
              .unit("instructions")
              .defaultValue("4000000")
              .range("1000", "1e12")
              .source("workload definition")
              .description("instructions each thread computes per point")
              .build());

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String description() {
    return "STREAM triad bandwidth against thread count, load latency against footprint";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "memory.triad.*.bandwidth", "GB/s",
            "memory.latency.*.cycles", "cycles",
            "memory.latency.*.ns", "ns"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("memory.triad.*.bandwidth", "memory.latency.*.cycles");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ProfiledRuns.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    ProfiledRuns.integers(s, "membench", "triad_threads", 1, 64);
    footprints(s);
  }

  private static ImmutableList<DataSize> footprints(Scenario s) {
    ImmutableList.Builder<DataSize> b = ImmutableList.builder();
    for (String t : ProfiledRuns.split(s.section("membench").text("footprints"))) {
      try {
        DataSize d = DataSize.parse(t);
        if (d.bytes() <= 0) {
          throw new IllegalArgumentException("must be positive");
        }
        b.add(d);
      } catch (IllegalArgumentException e) {
        throw new CheckException("membench", "footprints", "a size such as 32KiB expected: " + t);
      }
    }
    ImmutableList<DataSize> out = b.build();
    if (out.isEmpty()) {
      throw new CheckException("membench", "footprints", "at least one size expected");
    }
    return out;
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    double n = s.section("membench").real("instructions");
    Metrics m = new Metrics();
    List<String> notes = new ArrayList<>();
    long simTime = 0;
    long events = 0;

    ImmutableList<Integer> counts = ProfiledRuns.integers(s, "membench", "triad_threads", 1, 64);
    Table.Builder triad = Table.builder("memory-triad", "threads:threads", "bandwidth:GB/s");
    double[] tx = new double[counts.size()];
    double[] ty = new double[counts.size()];
    for (int i = 0; i < counts.size(); i++) {
      int k = counts.get(i);
      ProfiledRuns.Measurement r =
          ProfiledRuns.measure(
              s, ctx, WorkProfiles.STREAM_TRIAD, n, ProfiledRuns.first(k), Math.min(k, 16));
      simTime += r.simTime();
      events += r.events();
      m.put("memory.triad." + k + "threads.bandwidth", r.bandwidth(), "GB/s");
      triad.row(k, r.bandwidth());
      tx[i] = k;
      ty[i] = r.bandwidth();
    }

    ImmutableList<DataSize> sizes = footprints(s);
    Table.Builder lat =
        Table.builder("memory-latency", "footprint:B", "latency:cycles", "latency:ns");
    double[] lx = new double[sizes.size()];
    double[] ly = new double[sizes.size()];
    double cycleNs = Machines.hardware(s).chip().cyclePs() / 1000.0;
    for (int i = 0; i < sizes.size(); i++) {
      DataSize f = sizes.get(i);
      WorkProfile chase = WorkProfiles.POINTER_CHASE.withFootprint(f.bytes());
      ProfiledRuns.Measurement r = ProfiledRuns.measure(s, ctx, chase, n, new int[] {0}, 1);
      simTime += r.simTime();
      events += r.events();
      double cycles = r.cyclesPerInstruction() / chase.load();
      String label = f.toString();
      m.put("memory.latency." + label + ".cycles", cycles, "cycles");
      m.put("memory.latency." + label + ".ns", cycles * cycleNs, "ns");
      lat.row(f.bytes(), cycles, cycles * cycleNs);
      lx[i] = f.bytes() / 1024.0;
      ly[i] = cycles;
    }
    notes.add(
        String.format(
            Locale.ROOT,
            "%s: STREAM triad %.1f GB/s on %d thread(s), %.1f GB/s on %d; pointer chase %.0f"
                + " cycles per load over %s, %.0f over %s",
            ctx.personality(),
            ty[0],
            counts.get(0),
            ty[ty.length - 1],
            counts.get(counts.size() - 1),
            ly[0],
            sizes.get(0),
            ly[ly.length - 1],
            sizes.get(sizes.size() - 1)));
    Chart triadChart =
        new Chart(
            "memory-triad",
            "STREAM triad per node under " + ctx.personality(),
            "threads (breadth-first over the cores)",
            "bandwidth (GB/s)",
            ImmutableList.of(new Chart.Series("stream_triad", tx, ty)));
    Chart latChart =
        new Chart(
                "memory-latency",
                "Load-to-use latency of a pointer chase under " + ctx.personality(),
                "footprint (KiB)",
                "latency (cycles)",
                ImmutableList.of(new Chart.Series("pointer_chase", lx, ly)))
            .withLogAxes();
    return new RunOutput(
        simTime,
        events,
        m,
        ImmutableList.of(triad.build(), lat.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(triadChart, latChart));
  }
}
