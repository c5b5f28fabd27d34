package org.fusedsim.scenarios.node;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.fusedsim.scenarios.trace.SyscallClasses;
import org.fusedsim.scenarios.workload.CallStats;
import org.fusedsim.scenarios.workload.SyscallLoop;
import org.fusedsim.spc.Syscall;

/**
 * {@code kind: syscall-latency}: a system-call loop on a few application threads; per call the
 * latency distribution and, under fusedos, the per-step breakdown of the offload path measured from
 * the simulated event times.
 */
public final class SyscallLatencyKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "syscalls",
          "scenarios",
          "system-call loop: calls issued back to back after a short compute phase",
          Parameter.builder("calls", ParamType.TEXT)
              .unit("-")
              .defaultValue("getpid,write")
              .source("workload definition")
              .description("comma-separated calls issued once per iteration, in order")
              .build(),
          Parameter.builder("iterations", ParamType.INTEGER)
              .unit("iterations")
              .defaultValue("1000")
              .range("1", "10000000")
              .source("workload definition")
              .description("iterations per thread")
              .build(),
          Parameter.builder("threads", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("1")
              .range("1", "68")
              .source("workload definition")
              .description("application threads running the loop")
              .build(),
          Parameter.builder("think", ParamType.TIME)
              .unit("us")
              .defaultValue("20us")
              .range("0ns", "1s")
              .source("workload definition")
              .description("computation before each iteration's calls")
              .build(),
          Parameter.builder("write_bytes", ParamType.SIZE)
              .unit("B")
              .defaultValue("64B")
              .range("0B", "1GiB")
              .source("workload definition")
              .description("bytes per read/write call")
              .build(),
          Parameter.builder("write_fd", ParamType.INTEGER)
              .unit("-")
              .defaultValue("1")
              .range("0", "1023")
              .source("workload definition")
              .description("descriptor of read/write calls (1 = stdout)")
              .build(),
          Parameter.builder("write_path", ParamType.TEXT)
              .unit("-")
              .defaultValue("")
              .source("workload definition")
              .description("path behind the descriptor (empty for stdio); decides CNK's route")
              .build());

  @Override
  public String name() {
    return "syscall-latency";
  }

  @Override
  public String description() {
    return "system-call latency and its per-step breakdown under fusedos, cnk and linux";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  /** The metrics of the system-call loop itself (the tour reports them too). */
  static final ImmutableList<MetricPattern> OWN_METRICS =
      MetricPattern.of(
          "job.ended_by_os", "1",
          "syscall.*.latency.count", "samples",
          "syscall.*.latency.*", "ns",
          "syscall.*.breakdown.*", "ns");

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(OWN_METRICS, Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "syscall.*.latency.mean", "syscall.*.latency.p50", "syscall.*.latency.p99");
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    ParamValues v = s.section("syscalls");
    Machines.check(s, (int) v.integer("threads"), "syscalls", "threads");
    if (calls(v).isEmpty()) {
      throw new CheckException("syscalls", "calls", "at least one call expected");
    }
    checkCallNames(calls(v).stream().map(Syscall::name).toList(), "syscalls", "calls");
  }

  /**
   * Refuses a call the system-call table does not list: a workload of made-up calls would be
   * simulated with some class's costs and look like a result.
   *
   * @throws CheckException at {@code section.key}
   */
  static void checkCallNames(List<String> names, String section, String key) {
    SyscallClasses table = SyscallClasses.load();
    for (String n : names) {
      if (!table.lists(n)) {
        throw new CheckException(
            section,
            key,
            "unknown system call '" + n + "' (not in the call table, docs/trace-formats.md)");
      }
    }
  }

  static ImmutableList<Syscall> calls(ParamValues v) {
    List<Syscall> out = new ArrayList<>();
    long bytes = v.size("write_bytes").bytes();
    int fd = (int) v.integer("write_fd");
    String path = v.text("write_path");
    for (String c : Splitter.on(',').trimResults().omitEmptyStrings().split(v.text("calls"))) {
      boolean data = c.equals("write") || c.equals("read");
      out.add(data ? new Syscall(c, fd, path, bytes) : Syscall.of(c));
    }
    return ImmutableList.copyOf(out);
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section("syscalls");
    Simulation sim = ctx.newSimulation(1024);
    Machine machine = Machines.build(sim, s, ctx, 1, com.google.common.collect.ImmutableMap.of());
    NodeSections.Runs<SyscallLoop> runs =
        NodeSections.runOnNodes(
            sim,
            machine,
            "the system-call loop",
            (os, finished) -> {
              SyscallLoop l =
                  new SyscallLoop(
                      os, calls(v), (int) v.integer("iterations"), v.time("think"), finished);
              os.boot(l.entries((int) v.integer("threads")));
              return l;
            });
    Metrics m = new Metrics();
    machine.node(0).report(m);
    machine.report(m);
    return analyse(runs.workloads().get(0), runs.ended(), ctx.personality(), m, sim);
  }

  /** Adds the call metrics of {@code loop} to {@code m} and returns the run's output. */
  static RunOutput analyse(
      SyscallLoop loop, boolean ended, String personality, Metrics m, Simulation sim) {
    m.put("job.ended_by_os", ended ? 1 : 0, "1");
    Table.Builder lat =
        Table.builder(
            "syscall-latency", "call:-", "p50:ns", "p99:ns", "max:ns", "mean:ns", "count:calls");
    Table.Builder breakdown =
        Table.builder("syscall-breakdown", "call:-", "step:-", "mean:ns", "p50:ns", "max:ns");
    List<String> notes = new ArrayList<>();
    if (ended) {
      notes.add(
          "the OS ended the job before the loop finished (released CL: a call missing from its"
              + " switch); latencies cover the calls completed before");
    }
    List<Chart.Series> bars = new ArrayList<>();
    List<String> barCalls = new ArrayList<>();
    List<Chart.Series> cdf = new ArrayList<>();
    for (Map.Entry<String, CallStats> e : loop.stats().entrySet()) {
      CallStats cs = e.getValue();
      cs.report(m, "syscall." + e.getKey());
      if (cs.total().count() == 0) {
        continue; // the job ended before the first such call returned
      }
      if (cs.total().count() > 0) {
        // The latency distribution as a CDF: the value at each percentile from 0 to 100.
        double[] px = new double[101];
        double[] py = new double[101];
        for (int q = 0; q <= 100; q++) {
          px[q] = Time.toNanos(cs.total().percentile(q));
          py[q] = q;
        }
        cdf.add(new Chart.Series(e.getKey(), px, py));
      }
      lat.row(
          e.getKey(),
          Time.toNanos(cs.total().percentile(50)),
          Time.toNanos(cs.total().percentile(99)),
          Time.toNanos(cs.total().max()),
          cs.meanNs(),
          cs.total().count());
      if (cs.fullPath() > 0) {
        StringBuilder sb = new StringBuilder(e.getKey() + " mean " + fmt(cs.meanNs()) + " ns =");
        double[] x = new double[CallStats.steps().length];
        double[] y = new double[x.length];
        for (int i = 0; i < CallStats.steps().length; i++) {
          String step = CallStats.steps()[i].stepName();
          breakdown.row(
              e.getKey(),
              step,
              cs.stepMeanNs(i),
              Time.toNanos(cs.step(i).percentile(50)),
              Time.toNanos(cs.step(i).max()));
          sb.append(i == 0 ? " " : " + ").append(step).append(' ').append(fmt(cs.stepMeanNs(i)));
          x[i] = i + 1;
          y[i] = cs.stepMeanNs(i);
        }
        notes.add(sb.toString());
        bars.add(new Chart.Series(e.getKey(), x, y));
        barCalls.add(e.getKey());
      }
    }
    ImmutableList.Builder<Chart> chartList = ImmutableList.builder();
    if (!cdf.isEmpty()) {
      chartList.add(
          new Chart(
                  "syscall-latency-cdf",
                  "System-call latency under " + personality + " (cumulative distribution)",
                  "latency (ns)",
                  "calls at or below (%)",
                  ImmutableList.copyOf(cdf))
              .withLogX());
    }
    if (!bars.isEmpty()) {
      // one stacked bar per call, its parts the steps of the offload path in order
      ImmutableList.Builder<Chart.Series> steps = ImmutableList.builder();
      for (int i = 0; i < CallStats.steps().length; i++) {
        double[] cx = new double[bars.size()];
        double[] cy = new double[bars.size()];
        for (int k = 0; k < bars.size(); k++) {
          cx[k] = k + 1;
          cy[k] = bars.get(k).y()[i];
        }
        steps.add(new Chart.Series(CallStats.steps()[i].stepName(), cx, cy));
      }
      chartList.add(
          Chart.bars(
              "syscall-breakdown",
              "Offload path: mean time per step under " + personality,
              "system call",
              "mean time (ns)",
              ImmutableList.copyOf(barCalls),
              steps.build(),
              true));
    }
    ImmutableList<Chart> charts = chartList.build();
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        bars.isEmpty()
            ? ImmutableList.of(lat.build())
            : ImmutableList.of(lat.build(), breakdown.build()),
        ImmutableList.copyOf(notes),
        charts);
  }

  private static String fmt(double ns) {
    return Numbers.human(ns, 5);
  }
}
