package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.node.NodeConfig;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
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
                  "undisturbed duration of one sample on a thread whose core siblings also run"
                      + " FWQ")
              .build(),
          Parameter.builder("threads", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("0")
              .range("0", "68")
              .source("workload definition")
              .description("application threads; 0 = every application thread of the personality")
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

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    NodeSections.checkThreadsKey(s, "fwq");
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section("fwq");
    Simulation sim = ctx.newSimulation(1024);
    NodeConfig cfg = NodeSections.config(s, ctx.streams());
    NodeOs os = NodeSections.create(ctx.personality(), sim, cfg);
    int n = NodeSections.threadsFor(s, "fwq", ctx.personality());
    long work = v.time("work");
    Fwq fwq = new Fwq(os, (int) v.integer("samples"), work);
    os.boot(fwq.entries(n));
    NodeSections.runToEnd(sim, os, fwq::done, "FWQ");
    long[][] d = fwq.durations();
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
    Metrics m = new Metrics();
    os.report(m);
    m.put("fwq.threads", n, "threads");
    m.put("fwq.samples", count, "samples");
    m.put("fwq.sample.min", Time.toNanos(min), "ns");
    m.put("fwq.sample.mean", mean / Time.NS, "ns");
    m.put("fwq.sample.max", Time.toNanos(max), "ns");
    m.put("fwq.noise.cv", cv, "1");
    m.put("fwq.noise.max_over_min", (double) max / min, "1");
    m.put("fwq.noise.share_above_1pct", (double) above / count, "1");
    m.put("fwq.noise.overhead", mean / work - 1, "1");

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
        ctx.personality()
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
            "FWQ under " + ctx.personality() + ": sample times of thread " + worst,
            "sample",
            "duration (ns)",
            ImmutableList.of(new Chart.Series(ctx.personality(), xs, ys)));
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        ImmutableList.of(perThread.build(), samples.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }
}
