package org.fusedsim.scenarios.node;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.LatencyHistogram;
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
import org.fusedsim.scenarios.workload.OmpBarrier;

/**
 * {@code kind: openmp-barrier}: an OpenMP-style parallel loop with a futex-based barrier after
 * every region ({@link OmpBarrier}), for each barrier interval in {@code openmp.intervals}: the
 * time per barrier, its critical path in steps, and the share of it in the offload path (fusedos
 * and direct: the steps that exist because the call leaves the SPC).
 */
public final class OpenmpBarrierKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "openmp",
          "scenarios",
          "OpenMP-style parallel loop with a futex barrier after every region",
          Parameter.builder("intervals", ParamType.TEXT)
              .defaultValue("10us,100us,1000us")
              .source("workload definition")
              .description(
                  "computation of the least loaded thread between barriers (a thread alone on its"
                      + " core), one run of the loop per value")
              .build(),
          Parameter.builder("imbalance", ParamType.REAL)
              .unit("1")
              .defaultValue("0.1")
              .range("0", "10")
              .source(
                  "workload definition: a static schedule of a loop whose iterations grow in cost,"
                      + " the last thread computing 10% more than the first, so that the threads"
                      + " reach the barrier one after another as in a real loop rather than all in"
                      + " the same cycle")
              .description("extra work of the most loaded thread, as a share of the interval")
              .build(),
          Parameter.builder("regions", ParamType.INTEGER)
              .unit("regions")
              .defaultValue("50")
              .range("1", "1000000")
              .source("workload definition")
              .description("parallel regions (barriers) per interval; the first is not timed")
              .build(),
          Parameter.builder("atomic", ParamType.TIME)
              .unit("cycles")
              .defaultValue("99cycles")
              .range("0cycles", "1000000cycles")
              .source(
                  "measured L2 atomic load-increment by one thread, 99 cycles (reference"
                      + " bgq-facts.md, compute-side figures; contention among arrivals not"
                      + " modelled)")
              .description("an arrival's atomic increment of the barrier count")
              .build(),
          Parameter.builder("threads", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("0")
              .range("0", "68")
              .source("workload definition")
              .description("application threads; 0 = every application thread of the personality")
              .build());

  /** The personalities offloading calls, whose steps are counted as the offload path. */
  private static final ImmutableList<String> OFFLOADING = ImmutableList.of("fusedos", "direct");

  @Override
  public String name() {
    return "openmp-barrier";
  }

  @Override
  public String description() {
    return "OpenMP-style loop with futex barriers: time per barrier and the offload path's share";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "openmp.*.barrier.count", "samples",
            "openmp.*.barrier.*", "ns",
            "openmp.*.step.*", "ns",
            "openmp.*.offload_share", "1",
            "openmp.*.region", "ns",
            "openmp.*.team_start", "ns",
            "openmp.*.exit", "ns",
            "openmp.threads", "threads"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "openmp.*.barrier.mean", "openmp.*.offload_share", "openmp.*.region", "openmp.threads");
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    NodeSections.checkThreadsKey(s, "openmp");
    intervals(s.section("openmp"));
  }

  static ImmutableList<Long> intervals(ParamValues v) {
    ImmutableList.Builder<Long> b = ImmutableList.builder();
    for (String t : Splitter.on(',').trimResults().omitEmptyStrings().split(v.text("intervals"))) {
      long ps;
      try {
        ps = Time.parse(t);
      } catch (IllegalArgumentException e) {
        throw new CheckException("openmp", "intervals", "a time such as 10us expected: " + t);
      }
      if (ps <= 0) {
        throw new CheckException("openmp", "intervals", "a positive time expected: " + t);
      }
      b.add(ps);
    }
    ImmutableList<Long> out = b.build();
    if (out.isEmpty()) {
      throw new CheckException("openmp", "intervals", "at least one interval expected");
    }
    return out;
  }

  private static String label(long ps) {
    return Numbers.human(Time.toMicros(ps), 6) + "us";
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section("openmp");
    int n = NodeSections.threadsFor(s, "openmp", ctx.personality());
    boolean offloads = OFFLOADING.contains(ctx.personality());
    Metrics m = new Metrics();
    m.put("openmp.threads", n, "threads");
    List<String> notes = new ArrayList<>();
    Table.Builder t =
        Table.builder(
            "openmp-barrier",
            "interval:us",
            "barrier_mean:ns",
            "barrier_p99:ns",
            "entry:ns",
            "wake:ns",
            "reschedule:ns",
            "resume:ns",
            "offload_share:1");
    ImmutableList<Long> intervals = intervals(v);
    double[] xs = new double[intervals.size()];
    double[] ys = new double[intervals.size()];
    long simTime = 0;
    long events = 0;
    for (int i = 0; i < intervals.size(); i++) {
      long work = intervals.get(i);
      String l = label(work);
      // a machine per interval: each loop starts on a freshly booted node
      Simulation sim = ctx.newSimulation(1024);
      Machine machine = Machines.build(sim, s, ctx, 1, com.google.common.collect.ImmutableMap.of());
      int regions = (int) v.integer("regions");
      NodeSections.Runs<OmpBarrier> runs =
          NodeSections.runOnNodes(
              sim,
              machine,
              "openmp-barrier",
              (os, finished) -> {
                OmpBarrier b =
                    new OmpBarrier(
                        os, regions, work, v.real("imbalance"), v.time("atomic"), finished);
                os.boot(b.entries(n));
                return b;
              });
      simTime += sim.now();
      events += sim.eventCount();
      OmpBarrier b = runs.workloads().get(0);
      if (i == intervals.size() - 1) {
        machine.node(0).report(m);
        machine.report(m);
      }
      List<long[]> bars = b.barriers();
      LatencyHistogram h = new LatencyHistogram("openmp." + l + ".barrier");
      double[] steps = new double[OmpBarrier.STEPS.size()];
      int timed = 0;
      for (int k = 1; k < bars.size(); k++) { // the first barrier holds the start-up skew
        long[] x = bars.get(k);
        h.record(x[0]);
        for (int j = 0; j < steps.length; j++) {
          steps[j] += x[j + 1];
        }
        timed++;
      }
      m.putLatency("openmp." + l + ".barrier", h);
      double mean = timed > 0 ? h.mean() / Time.NS : 0;
      for (int j = 0; j < steps.length; j++) {
        steps[j] = timed > 0 ? steps[j] / timed / Time.NS : 0;
        m.put("openmp." + l + ".step." + OmpBarrier.STEPS.get(j), steps[j], "ns");
      }
      double offload = offloads ? steps[0] + steps[2] + steps[3] : 0;
      double share = mean > 0 ? offload / mean : 0;
      m.put("openmp." + l + ".offload_share", share, "1");
      long loop = b.loopEndAt() - b.teamAt();
      m.put("openmp." + l + ".region", Time.toNanos(loop) / regions, "ns");
      // the team's creation by clone, and the threads' exits to the end of the job
      m.put("openmp." + l + ".team_start", Time.toNanos(b.teamAt() - b.startedAt()), "ns");
      m.put("openmp." + l + ".exit", Time.toNanos(sim.now() - b.loopEndAt()), "ns");
      t.row(
          Time.toMicros(work),
          mean,
          timed > 0 ? Time.toNanos(h.percentile(99)) : 0,
          steps[0],
          steps[1],
          steps[2],
          steps[3],
          share);
      xs[i] = Time.toMicros(work);
      ys[i] = mean / 1000.0;
      int top = 0;
      for (int j = 1; j < steps.length; j++) {
        if (steps[j] > steps[top]) {
          top = j;
        }
      }
      notes.add(
          String.format(
              Locale.ROOT,
              "%s, barrier every %s of work on %d threads: %s ns per barrier (last arrival to"
                  + " last thread back), %.0f%% in the offload path; the largest step is %s"
                  + " (%s ns: %s)",
              ctx.personality(),
              l,
              n,
              Numbers.human(mean, 6),
              100 * share,
              OmpBarrier.STEPS.get(top),
              Numbers.human(steps[top], 6),
              why(OmpBarrier.STEPS.get(top), ctx.personality())));
    }
    Chart chart =
        new Chart(
                "openmp-barrier",
                "Time per futex barrier against the barrier interval",
                "computation between barriers (us)",
                "time per barrier (us)",
                ImmutableList.of(new Chart.Series(ctx.personality(), xs, ys)))
            .withLogAxes();
    return new RunOutput(
        simTime,
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }

  /** What a step is made of under a personality, for the notes. */
  private static String why(String step, String personality) {
    boolean offloads = OFFLOADING.contains(personality);
    return switch (step) {
      case "entry" -> "the wake call's trap, IPI to CPU 0, handler and wakeup of its server";
      case "wake" -> "the futex wake's body and one try-to-wake-up per waiter";
      case "reschedule" ->
          offloads
              ? "the woken servers queueing for the GPC CPUs, one after another"
              : personality.equals("cnk")
                  ? "an IPI to each waiter's hardware thread and CNK's interrupt there"
                  : "the woken tasks' reschedule IPIs and context switches";
      default -> "RESUME, waitrsv and the context restore on the last SPC";
    };
  }
}
