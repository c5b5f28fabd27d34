package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fusedsim.bgq.chip.Chip;
import org.fusedsim.bgq.chip.CoreRole;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.workload.Fwq;

/**
 * {@code kind: fwq}: the fixed work quantum benchmark on the application threads; the spread of the
 * sample times is the OS noise the application sees.
 */
public final class FwqKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "fwq",
          "scenarios",
          "FWQ: the same computation repeated, each repetition timed",
          Parameter.builder("samples", ParamType.INTEGER)
              .unit("samples")
              .defaultValue("1000")
              .range("2", "10000000")
              .source("workload definition")
              .description("samples per thread")
              .build(),
          Parameter.builder("work", ParamType.TIME)
              .unit("us")
              .defaultValue("200us")
              .range("1ns", "10s")
              .source("workload definition")
              .description(
                  "one sample's work: the instructions a thread alone on a core issues in this"
                      + " time (one per cycle)")
              .build(),
          Parameter.builder("fp_share", ParamType.REAL)
              .unit("1")
              .defaultValue("0")
              .range("0", "1")
              .source("workload definition (the classic FWQ loop is integer arithmetic)")
              .description("share of the sample's instructions that are floating point")
              .build(),
          Parameter.builder("dram_bytes", ParamType.SIZE)
              .unit("B")
              .defaultValue("0B")
              .range("0B", "1GiB")
              .source("workload definition (the classic FWQ loop stays in the L1)")
              .description("DRAM traffic of one sample (a working set beyond the L2)")
              .build(),
          Parameter.builder("per_core", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("4")
              .range("1", "4")
              .source("workload definition")
              .description(
                  "with threads = 0: FWQ threads per application core (1 leaves the SMT siblings"
                      + " idle)")
              .build(),
          Parameter.builder("threads", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("0")
              .range("0", "68")
              .source("workload definition")
              .description("application threads; 0 = every application thread of the personality")
              .build(),
          Parameter.builder("profile", ParamType.TEXT)
              .defaultValue("none")
              .source("workload definition (bgq-hardware WorkProfiles)")
              .description(
                  "none: the sample is a cost (work, fp_share, dram_bytes); a profile name"
                      + " (stream_triad, dgemm, stencil7, pointer_chase, integer): the sample is"
                      + " work / cycle instructions of that kernel, rated by the core and memory"
                      + " model (TLB misses under linux, the refill after OS work)")
              .build());

  @Override
  public String name() {
    return "fwq";
  }

  @Override
  public String description() {
    return "OS noise seen by the application threads (fixed work quantum) under each personality";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  /** The metrics of the FWQ workload itself (the tour reports them too). */
  static final ImmutableList<MetricPattern> OWN_METRICS =
      MetricPattern.of(
          "fwq.noise.*", "1",
          "fwq.sample.*", "ns",
          "fwq.samples", "samples",
          "fwq.threads", "threads");

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "fwq.noise.l2_refill_from.*", "1",
            "fwq.os_l2_touched.*", "MB"),
        OWN_METRICS,
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "fwq.noise.overhead",
        "fwq.noise.max_over_min",
        "fwq.noise.cv",
        "fwq.sample.mean",
        "fwq.sample.max",
        "fwq.threads");
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    NodeSections.checkThreadsKey(s, "fwq");
    ParamValues v = s.section("fwq");
    if (!v.text("profile").equals("none")) {
      if (ProfiledRuns.profiles(s, "fwq", "profile").size() != 1) {
        throw new CheckException("fwq", "profile", "one profile name expected");
      }
      if (v.real("fp_share") != 0 || v.size("dram_bytes").bytes() != 0) {
        throw new CheckException(
            "fwq",
            "profile",
            "a profile sets the mix and the traffic: leave fp_share and dram_bytes");
      }
    }
  }

  static int threads(Scenario s, String personality) {
    ParamValues v = s.section("fwq");
    int n = (int) v.integer("threads");
    if (n > 0) {
      return n;
    }
    int all = Machines.maxThreads(s, personality);
    return Math.max(1, all * (int) v.integer("per_core") / 4);
  }

  static Work work(Scenario s, long cyclePs) {
    ParamValues v = s.section("fwq");
    if (!v.text("profile").equals("none")) {
      return Work.of(
          ProfiledRuns.profiles(s, "fwq", "profile").get(0), v.time("work") / (double) cyclePs);
    }
    return new Work(
        v.time("work") / (double) cyclePs, v.real("fp_share"), v.size("dram_bytes").bytes());
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section("fwq");
    Simulation sim = ctx.newSimulation(1024);
    Machine machine = Machines.build(sim, s, ctx, 1, com.google.common.collect.ImmutableMap.of());
    int n = threads(s, ctx.personality());
    long work = v.time("work");
    Work w = work(s, machine.spec().hardware().chip().cyclePs());
    NodeSections.Runs<Fwq> runs =
        NodeSections.runOnNodes(
            sim,
            machine,
            "FWQ",
            (os, finished) -> {
              Fwq f = new Fwq(os, (int) v.integer("samples"), w, work, finished);
              os.boot(f.entries(n));
              return f;
            });
    List<long[]> all = new ArrayList<>();
    for (Fwq f : runs.workloads()) {
      for (long[] row : f.steadyDurations()) {
        all.add(row);
      }
    }
    Metrics m = new Metrics();
    machine.node(0).report(m);
    machine.report(m);
    long[][] steady = all.toArray(new long[0][]);
    if (w.profile() != null) {
      // a cost sample has no lines to lose: the split is of profiled samples only
      double[] refill = {0, 0};
      for (Fwq f : runs.workloads()) {
        double[] r = f.steadyRefillCycles();
        refill[0] += r[0];
        refill[1] += r[1];
      }
      bySource(
          machine.node(0).hardware().chip(),
          steady,
          refill,
          runs.workloads().get(0).steadyL2RefillBySource(),
          m);
    }
    return analyse(steady, work, n, ctx.personality(), m, sim);
  }

  /**
   * The noise split by mechanism and source, per steady sample against the quietest one: the cycles
   * the samples spent fetching back L2 lines that OS work displaced ({@code refill[1]}, split by
   * the role of the core the OS work ran on in the proportions of the steady window), refilling L1
   * lines OS work on their own thread displaced ({@code refill[0]}), and the rest of the overhead:
   * the time OS work took the thread, the DRAM bandwidth and latency the OS's traffic took, and SMT
   * siblings.
   */
  private static void bySource(
      Chip chip, long[][] steady, double[] refill, double[] sources, Metrics m) {
    long min = Long.MAX_VALUE;
    double sum = 0;
    long count = 0;
    for (long[] row : steady) {
      for (long x : row) {
        min = Math.min(min, x);
        sum += x;
        count++;
      }
    }
    double overhead = count == 0 ? 0 : sum / count / min - 1;
    double base = count == 0 ? 1 : count * (min / (double) chip.params().cyclePs());
    double l1 = refill[0] / base;
    double l2 = refill[1] / base;
    m.put("fwq.noise.l2_refill", l2, "1");
    m.put("fwq.noise.l1_refill", l1, "1");
    m.put("fwq.noise.other", overhead - l2 - l1, "1");
    EnumMap<CoreRole, double[]> roles = new EnumMap<>(CoreRole.class);
    double all = 0;
    for (int c = 0; c < chip.cores(); c++) {
      double[] r = roles.computeIfAbsent(chip.role(c), k -> new double[2]);
      r[0] += sources[c];
      r[1] += chip.l2TouchedBytes(c);
      all += sources[c];
    }
    for (Map.Entry<CoreRole, double[]> e : roles.entrySet()) {
      String role = e.getKey().name().toLowerCase(Locale.ROOT);
      m.put("fwq.noise.l2_refill_from." + role, all == 0 ? 0 : l2 * e.getValue()[0] / all, "1");
      // everything without a profile on the chip is OS work here: the samples are profiled
      m.put("fwq.os_l2_touched." + role, e.getValue()[1] / 1e6, "MB");
    }
  }

  /**
   * Adds the FWQ metrics of sample durations {@code d} (by thread, then sample) to {@code m} and
   * returns the run's output.
   */
  static RunOutput analyse(
      long[][] d, long work, int n, String personality, Metrics m, Simulation sim) {
    long min = Long.MAX_VALUE;
    long max = 0;
    double sum = 0;
    double sumSq = 0;
    long count = 0;
    for (long[] row : d) {
      for (long x : row) {
        min = Math.min(min, x);
        max = Math.max(max, x);
        sum += x;
        sumSq += (double) x * x;
        count++;
      }
    }
    double mean = sum / count;
    double var = Math.max(0, sumSq / count - mean * mean);
    double cv = StrictMath.sqrt(var) / mean;
    long above = 0;
    for (long[] row : d) {
      for (long x : row) {
        if (x > 1.01 * min) {
          above++;
        }
      }
    }
    m.put("fwq.threads", n, "threads");
    // samples taken while some thread had not started or had finished are left out (see Fwq)
    m.put("fwq.samples", count, "samples");
    m.put("fwq.sample.min", Time.toNanos(min), "ns");
    m.put("fwq.sample.mean", mean / Time.NS, "ns");
    m.put("fwq.sample.max", Time.toNanos(max), "ns");
    m.put("fwq.noise.cv", cv, "1");
    m.put("fwq.noise.max_over_min", (double) max / min, "1");
    m.put("fwq.noise.share_above_1pct", (double) above / count, "1");
    // noise against the quietest sample: what SMT siblings and memory share lengthens every sample
    m.put("fwq.noise.overhead", mean / min - 1, "1");
    m.put("fwq.sample.alone", Time.toNanos(work), "ns");

    Table.Builder perThread =
        Table.builder(
            "fwq-threads", "thread:-", "min:ns", "mean:ns", "max:ns", "above_1pct:samples");
    int worst = 0;
    long worstMax = 0;
    for (int t = 0; t < d.length; t++) {
      long tmin = Long.MAX_VALUE;
      long tmax = 0;
      double tsum = 0;
      long tabove = 0;
      for (long x : d[t]) {
        tmin = Math.min(tmin, x);
        tmax = Math.max(tmax, x);
        tsum += x;
        if (x > 1.01 * min) {
          tabove++;
        }
      }
      if (tmax > worstMax) {
        worstMax = tmax;
        worst = t;
      }
      perThread.row(
          t, Time.toNanos(tmin), tsum / d[t].length / Time.NS, Time.toNanos(tmax), tabove);
    }
    Table.Builder samples = Table.builder("fwq-samples", "sample:-", "duration:ns");
    double[] xs = new double[d[worst].length];
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i;
      ys[i] = Time.toNanos(d[worst][i]);
      samples.row(i, ys[i]);
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        personality
            + ": cv "
            + Numbers.human(cv, 4)
            + ", max/min "
            + Numbers.human((double) max / min, 6)
            + ", "
            + above
            + " of "
            + count
            + " samples more than 1% above the minimum; fwq-samples.csv is thread "
            + worst
            + " (the one with the longest sample)");
    Chart chart =
        new Chart(
            "fwq-samples",
            "FWQ under " + personality + ": sample times of the thread with the longest sample",
            "sample",
            "duration (ns)",
            ImmutableList.of(new Chart.Series(personality, xs, ys)));
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        ImmutableList.of(perThread.build(), samples.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }
}
