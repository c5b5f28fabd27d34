package org.fusedsim.scenarios.node;

import com.google.common.base.Splitter;
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
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.workload.CallStats;
import org.fusedsim.scenarios.workload.SyscallLoop;
import org.fusedsim.spc.Syscall;

/**
 * {@code kind: syscall-storm}: n application threads issue one call back to back, for each n of a
 * list; one fresh node per n. Shows where the offload path saturates: all SPC IPIs go to CPU 0 and
 * all CL pthreads share the GPC threads.
 */
public final class SyscallStormKind implements ScenarioKind {
  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          "storm",
          "scenarios",
          "n threads calling back to back, for each n of a list",
          Parameter.builder("thread_counts", ParamType.TEXT)
              .unit("threads")
              .defaultValue("1,4,15,30,60")
              .source("workload definition")
              .description("comma-separated thread counts, one run of the node each")
              .build(),
          Parameter.builder("call", ParamType.TEXT)
              .unit("-")
              .defaultValue("getpid")
              .source("workload definition")
              .description("the call every thread issues")
              .build(),
          Parameter.builder("calls_per_thread", ParamType.INTEGER)
              .unit("calls")
              .defaultValue("200")
              .range("1", "1000000")
              .source("workload definition")
              .description("calls each thread issues")
              .build());

  @Override
  public String name() {
    return "syscall-storm";
  }

  @Override
  public String description() {
    return "latency of one call as 1 to 60 threads call back to back (contention on the path)";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SPEC);
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  static List<Integer> counts(ParamValues v) {
    List<Integer> out = new ArrayList<>();
    for (String c :
        Splitter.on(',').trimResults().omitEmptyStrings().split(v.text("thread_counts"))) {
      try {
        out.add(Integer.parseInt(c));
      } catch (NumberFormatException e) {
        throw new CheckException("storm", "thread_counts", "not a whole number: " + c);
      }
    }
    return out;
  }

  @Override
  public void check(Scenario s) {
    List<Integer> counts = counts(s.section("storm"));
    if (counts.isEmpty()) {
      throw new CheckException("storm", "thread_counts", "at least one thread count expected");
    }
    org.fusedsim.cl.ClParams cl = org.fusedsim.cl.ClParams.from(s.section("cl"));
    String call = s.section("storm").text("call");
    if (s.personalities().contains("fusedos")
        && org.fusedsim.cl.RoutingTable.load()
            .fusedos(Syscall.of(call), cl.profile(), p -> false)
            .abortsJob()) {
      throw new CheckException(
          "storm", "call", call + " ends the job under profile " + cl.profile().id());
    }
    for (int n : counts) {
      if (n < 1) {
        throw new CheckException("storm", "thread_counts", "thread counts must be >= 1: " + n);
      }
      NodeSections.checkThreads(s, n, "storm", "thread_counts");
    }
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section("storm");
    String call = v.text("call");
    int per = (int) v.integer("calls_per_thread");
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder(
            "storm-latency",
            "threads:threads",
            "p50:ns",
            "p99:ns",
            "mean:ns",
            "ipi:ns",
            "cpu0_handler:ns",
            "cl_wakeup:ns",
            "service:ns",
            "calls_per_us:calls/us");
    List<Integer> counts = counts(v);
    double[] xs = new double[counts.size()];
    double[] p50 = new double[counts.size()];
    double[] p99 = new double[counts.size()];
    long simTime = 0;
    long events = 0;
    List<String> notes = new ArrayList<>();
    CallStats first = null;
    CallStats last = null;
    double lastRate = 0;
    for (int k = 0; k < counts.size(); k++) {
      int n = counts.get(k);
      Simulation sim = ctx.newSimulation(1024);
      NodeConfig cfg = NodeSections.config(s, ctx.streams());
      NodeOs os = NodeSections.create(ctx.personality(), sim, cfg);
      SyscallLoop loop = new SyscallLoop(os, ImmutableList.of(Syscall.of(call)), per, 0);
      os.boot(loop.entries(n));
      if (NodeSections.runToEnd(sim, os, loop::done, "storm with " + n + " threads")) {
        throw new IllegalStateException(
            "the OS ended the job during the storm: choose a call the profile serves");
      }
      CallStats cs = loop.stats().get(call);
      String prefix = "storm.threads_" + n;
      cs.report(m, prefix);
      double rate = cs.total().count() / Time.toMicros(loop.finishedAt() - loop.startedAt());
      m.put(prefix + ".throughput", rate, "calls/us");
      Metrics node = new Metrics();
      os.report(node);
      for (String key : List.of("fusedos.ipi_handler_runs", "fusedos.spurious_ipis")) {
        node.get(key).ifPresent(x -> m.put(prefix + "." + key.substring(8), x.value(), x.unit()));
      }
      xs[k] = n;
      p50[k] = Time.toNanos(cs.total().percentile(50));
      p99[k] = Time.toNanos(cs.total().percentile(99));
      boolean full = cs.fullPath() == cs.total().count();
      t.row(
          n,
          p50[k],
          p99[k],
          cs.meanNs(),
          full ? cs.stepMeanNs(1) : 0.0,
          full ? cs.stepMeanNs(2) : 0.0,
          full ? cs.stepMeanNs(3) : 0.0,
          full ? cs.stepMeanNs(4) : 0.0,
          rate);
      simTime += sim.now();
      events += sim.eventCount();
      if (first == null) {
        first = cs;
      }
      last = cs;
      lastRate = rate;
    }
    if (first != null && last != first && first.fullPath() > 0 && last.fullPath() > 0) {
      notes.add(
          "from "
              + counts.get(0)
              + " to "
              + counts.get(counts.size() - 1)
              + " threads the mean grows from "
              + Numbers.human(first.meanNs(), 5)
              + " to "
              + Numbers.human(last.meanNs(), 5)
              + " ns while throughput levels off at "
              + Numbers.human(lastRate, 4)
              + " calls/us. Every SPC IPI goes to CPU 0: the ipi step (waiting for CPU 0) goes"
              + " from "
              + Numbers.human(first.stepMeanNs(1), 5)
              + " to "
              + Numbers.human(last.stepMeanNs(1), 5)
              + " ns and cpu0_handler (one handler run serves every SPC marked when it scans,"
              + " then wakes them all) from "
              + Numbers.human(first.stepMeanNs(2), 5)
              + " to "
              + Numbers.human(last.stepMeanNs(2), 5)
              + " ns; cl_wakeup (CL pthreads queueing for the 4 GPC threads, CPU 0 busy with"
              + " interrupts) from "
              + Numbers.human(first.stepMeanNs(3), 5)
              + " to "
              + Numbers.human(last.stepMeanNs(3), 5)
              + " ns");
    }
    Chart chart =
        new Chart(
            "storm-latency",
            "System-call storm: latency of " + call + " vs calling threads",
            "threads calling back to back",
            "latency (ns)",
            ImmutableList.of(new Chart.Series("p50", xs, p50), new Chart.Series("p99", xs, p99)));
    return new RunOutput(
        simTime,
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }
}
