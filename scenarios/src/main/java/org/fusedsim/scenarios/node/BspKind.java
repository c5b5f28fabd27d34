package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.workload.Bsp;

/**
 * {@code kind: bsp}: compute + node-wide barrier steps on the application threads; a step lasts as
 * long as the slowest thread, so the noise of one thread is paid by all.
 */
public final class BspKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "bsp",
          "scenarios",
          "bulk-synchronous loop: compute, then a node-wide barrier",
          Parameter.builder("steps", ParamType.INTEGER)
              .unit("steps")
              .defaultValue("500")
              .range("2", "10000000")
              .source("workload definition")
              .description("compute + barrier steps (the first, with start-up skew, is not timed)")
              .build(),
          Parameter.builder("work", ParamType.TIME)
              .unit("us")
              .defaultValue("200us")
              .range("1ns", "10s")
              .source("workload definition")
              .description("undisturbed computation per thread and step")
              .build(),
          Parameter.builder("barrier", ParamType.TIME)
              .unit("cycles")
              .defaultValue("160cycles")
              .range("0cycles", "100000000cycles")
              .source(
                  "estimate: the last arrival's L2 atomic increment (~80 cycles) and the release"
                      + " store seen by spinning threads one L2 line transfer later (~80 cycles)")
              .description("the last arriver's cost to release the barrier")
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
                  "none: a step's computation is work of plain cost; a profile name"
                      + " (stream_triad, dgemm, stencil7, pointer_chase, integer): work / cycle"
                      + " instructions of that kernel per step, rated by the core and memory model"
                      + " (so a step lasts longer than work, as the kernel's CPI says)")
              .build());

  @Override
  public String name() {
    return "bsp";
  }

  @Override
  public String description() {
    return "compute + barrier steps: how one thread's noise slows every step";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "bsp.slowdown", "1",
            "bsp.step.count", "samples",
            "bsp.step.*", "ns",
            "bsp.threads", "threads"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "bsp.step.mean", "bsp.step.p99", "bsp.step.max", "bsp.slowdown", "bsp.threads");
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    NodeSections.checkThreadsKey(s, "bsp");
    if (!s.section("bsp").text("profile").equals("none")
        && ProfiledRuns.profiles(s, "bsp", "profile").size() != 1) {
      throw new org.fusedsim.scenarios.load.CheckException(
          "bsp", "profile", "one profile name expected");
    }
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section("bsp");
    Simulation sim = ctx.newSimulation(1024);
    Machine machine = Machines.build(sim, s, ctx, 1, com.google.common.collect.ImmutableMap.of());
    int n = NodeSections.threadsFor(s, "bsp", ctx.personality());
    long work = v.time("work");
    org.fusedsim.bgq.chip.Work profiled =
        v.text("profile").equals("none")
            ? null
            : org.fusedsim.bgq.chip.Work.of(
                ProfiledRuns.profiles(s, "bsp", "profile").get(0),
                work / (double) machine.spec().hardware().chip().cyclePs());
    NodeSections.Runs<Bsp> runs =
        NodeSections.runOnNodes(
            sim,
            machine,
            "BSP",
            (os, finished) -> {
              Bsp b =
                  new Bsp(
                      os, (int) v.integer("steps"), work, profiled, v.time("barrier"), finished);
              os.boot(b.entries(n));
              return b;
            });
    // each node steps on its own: the partition's step is the slowest node's
    long[] ends = runs.workloads().get(0).stepEnds();
    for (Bsp b : runs.workloads()) {
      long[] e = b.stepEnds();
      for (int i = 0; i < ends.length; i++) {
        ends[i] = Math.max(ends[i], e[i]);
      }
    }
    LatencyHistogram steps = new LatencyHistogram("bsp.step");
    Table.Builder t = Table.builder("bsp-steps", "step:-", "duration:ns");
    // Step 1 also holds the start-up skew between threads; steps are timed from the first
    // barrier on, from one last arrival to the next.
    double[] xs = new double[Math.max(0, ends.length - 2)];
    double[] ys = new double[xs.length];
    for (int i = 2; i < ends.length; i++) {
      long d = ends[i] - ends[i - 1];
      steps.record(d);
      xs[i - 2] = i;
      ys[i - 2] = Time.toNanos(d);
      t.row(i, ys[i - 2]);
    }
    Metrics m = new Metrics();
    machine.node(0).report(m);
    machine.report(m);
    m.put("bsp.threads", n, "threads");
    m.putLatency("bsp.step", steps);
    // with a profile the undisturbed step is the kernel's CPI times work, not work: compare the
    // step times across personalities instead
    if (steps.count() > 0 && profiled == null) {
      double ideal = Time.toNanos(work) + Time.toNanos(v.time("barrier"));
      m.put("bsp.slowdown", steps.mean() / Time.NS / ideal, "1");
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        ctx.personality()
            + ": mean step "
            + Numbers.human(steps.mean() / Time.NS, 6)
            + " ns for "
            + Numbers.human(Time.toNanos(work), 6)
            + " ns of work, slowest "
            + Numbers.human(Time.toNanos(steps.max()), 6)
            + " ns");
    Chart chart =
        new Chart(
            "bsp-steps",
            "BSP under " + ctx.personality() + ": step durations (" + n + " threads)",
            "step",
            "duration (ns)",
            ImmutableList.of(new Chart.Series(ctx.personality(), xs, ys)));
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }
}
