package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.workload.Fwq;
import org.fusedsim.scenarios.workload.SyscallLoop;

/**
 * {@code kind: node-tour}: the two questions FusedOS raises, on one node at once and under each
 * personality: application thread 0 runs the system-call loop ({@link SyscallLatencyKind}: what an
 * offloaded call costs and where its time goes) while the node's other application threads run FWQ
 * ({@link FwqKind}: what they see of OS noise, the calls of thread 0 included). Every thread runs
 * on its own hardware thread of the one node.
 */
public final class NodeTourKind implements ScenarioKind {
  @Override
  public String name() {
    return "node-tour";
  }

  @Override
  public String description() {
    return "system-call path and OS noise of one node under fusedos, cnk and linux";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return NodeSections.with(SyscallLatencyKind.SPEC, FwqKind.SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        SyscallLatencyKind.OWN_METRICS, FwqKind.OWN_METRICS, Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "syscall.*.latency.p50",
        "syscall.*.latency.p99",
        "fwq.noise.cv",
        "node.gpc_threads",
        "node.spc_threads",
        "node.roq_core",
        "node.spc_memory_per_thread_mib");
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    new SyscallLatencyKind().check(s);
    NodeSections.checkThreadsKey(s, "fwq");
    int calls = (int) s.section("syscalls").integer("threads");
    for (String p : s.personalities()) {
      int fwq = FwqKind.threads(s, p);
      Machines.check(s, p, Math.min(calls + fwq, Machines.maxThreads(s, p)), "fwq", "threads");
    }
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues sv = s.section("syscalls");
    ParamValues fv = s.section("fwq");
    Simulation sim = ctx.newSimulation(1024);
    Machine machine = Machines.build(sim, s, ctx, 1, ImmutableMap.of());
    int calls = (int) sv.integer("threads");
    int max = Machines.maxThreads(s, ctx.personality());
    int fwqThreads = Math.min(FwqKind.threads(s, ctx.personality()), max - calls);
    long work = fv.time("work");
    SyscallLoop[] loop = new SyscallLoop[1];
    Fwq[] fwq = new Fwq[1];
    NodeSections.Runs<NodeOs> runs =
        NodeSections.runOnNodes(
            sim,
            machine,
            "the tour",
            (os, finished) -> {
              int[] parts = {2};
              Runnable one =
                  () -> {
                    if (--parts[0] == 0) {
                      finished.run();
                    }
                  };
              loop[0] =
                  new SyscallLoop(
                      os,
                      SyscallLatencyKind.calls(sv),
                      (int) sv.integer("iterations"),
                      sv.time("think"),
                      one);
              fwq[0] =
                  new Fwq(
                      os,
                      (int) fv.integer("samples"),
                      FwqKind.work(s, machine.spec().hardware().chip().cyclePs()),
                      work,
                      one);
              Runnable[] a = loop[0].entries(calls);
              Runnable[] b = fwq[0].entries(calls, fwqThreads);
              Runnable[] all = new Runnable[a.length + b.length];
              System.arraycopy(a, 0, all, 0, a.length);
              System.arraycopy(b, 0, all, a.length, b.length);
              os.boot(all);
              return os;
            });
    Metrics base = new Metrics();
    machine.node(0).report(base);
    machine.report(base);
    Metrics ma = new Metrics();
    Metrics mb = new Metrics();
    RunOutput a = SyscallLatencyKind.analyse(loop[0], runs.ended(), ctx.personality(), ma, sim);
    RunOutput b =
        FwqKind.analyse(fwq[0].steadyDurations(), work, fwqThreads, ctx.personality(), mb, sim);
    Metrics m = new Metrics();
    for (Metrics part : new Metrics[] {base, a.metrics(), b.metrics()}) {
      for (Metric x : part.all()) {
        if (m.get(x.name()).isEmpty()) {
          m.put(x.name(), x.value(), x.unit());
        }
      }
    }
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        ImmutableList.<Table>builder().addAll(a.tables()).addAll(b.tables()).build(),
        ImmutableList.<String>builder().addAll(a.notes()).addAll(b.notes()).build(),
        ImmutableList.<Chart>builder().addAll(a.charts()).addAll(b.charts()).build());
  }
}
