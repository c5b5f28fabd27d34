package org.fusedsim.scenarios.torus;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusTraffic;
import org.fusedsim.bgq.torus.TorusTraffic.ContentionResult;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: torus-contention}: every node sends one message to its antipode at the same time;
 * reports aggregate throughput, the busiest link and the slowdown against a lone message.
 */
public final class TorusContentionKind implements ScenarioKind {
  static final ComponentSpec SPEC =
      ComponentSpec.of(
          "contention",
          "scenarios",
          "All-to-antipode traffic: every node sends one message to its antipode at once.",
          Parameter.builder("message_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("1MiB")
              .range("0B", "64MiB")
              .source("experiment design (issue: 1 MiB to the antipode)")
              .description("Payload each node sends.")
              .build());

  @Override
  public String name() {
    return "torus-contention";
  }

  @Override
  public String description() {
    return "every node sends to its antipode at once: link sharing and slowdown on the torus";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return org.fusedsim.scenarios.machine.Machines.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.of(
        "contention.aggregate_throughput", "GB/s",
        "contention.busiest_link_utilization", "1",
        "contention.lone_latency", "us",
        "contention.makespan", "us",
        "contention.max_flows_per_link", "flows",
        "contention.mean_latency", "us",
        "contention.nodes", "nodes",
        "contention.packet_hops", "packets",
        "contention.payload_per_node", "B",
        "contention.slowdown", "1");
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("contention.*");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ImmutableList.of();
  }

  @Override
  public void check(Scenario scenario) {
    TorusKinds.params(scenario);
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    TorusParams p = TorusKinds.params(scenario);
    long bytes = scenario.section("contention").size("message_size").bytes();
    org.fusedsim.core.Simulation sim = context.newSimulation(4 * p.shape().nodeCount());
    org.fusedsim.cl.machine.Machine machine =
        org.fusedsim.scenarios.machine.Machines.build(
            sim, scenario, context, 1, com.google.common.collect.ImmutableMap.of());
    ContentionResult r = TorusTraffic.contention(sim, machine.hardware().network(), bytes);
    Table t =
        Table.builder(
                "contention",
                "nodes:-",
                "message:B",
                "makespan:us",
                "lone_latency:us",
                "slowdown:-",
                "max_flows_per_link:-",
                "busiest_link:-",
                "busiest_utilization:-",
                "aggregate_throughput:GB/s")
            .row(
                p.shape().nodeCount(),
                bytes,
                Time.toMicros(r.makespanPs()),
                Time.toMicros(r.loneLatencyPs()),
                r.slowdown(),
                r.maxFlowsPerLink(),
                r.busiestLink(),
                r.busiestLinkUtilization(),
                r.aggregateGBps())
            .build();
    ImmutableList<String> notes =
        ImmutableList.of(
            "partition "
                + r.shape()
                + ", "
                + r.fidelity().name().toLowerCase(java.util.Locale.ROOT)
                + " level, "
                + p.routing().name().toLowerCase(java.util.Locale.ROOT)
                + " routing",
            "busiest link "
                + r.busiestLink()
                + ": "
                + r.maxFlowsPerLink()
                + " routes share the most loaded link, so a fair share predicts a slowdown of "
                + r.maxFlowsPerLink()
                + "; simulated "
                + Numbers.human(r.slowdown(), 4)
                + " (utilization "
                + Numbers.human(r.busiestLinkUtilization(), 4)
                + ")");
    Table.Builder load = Table.builder("link-load", "direction:-", "mean_utilization:1");
    double[] dx = new double[r.directionUtilization().length];
    for (int d = 0; d < dx.length; d++) {
      String name = "ABCDE".charAt(d / 2) + ((d & 1) == 0 ? "+" : "-");
      load.row(name, r.directionUtilization()[d]);
      dx[d] = d + 1;
    }
    Table.Builder hist =
        Table.builder("link-utilization-histogram", "utilization_from:1", "links:-");
    double[] hx = new double[r.utilizationHistogram().length];
    double[] hy = new double[hx.length];
    for (int b = 0; b < hx.length; b++) {
      hist.row(b / 10.0, r.utilizationHistogram()[b]);
      hx[b] = b + 1;
      hy[b] = r.utilizationHistogram()[b];
    }
    ImmutableList<Chart> charts =
        ImmutableList.of(
            Chart.bars(
                "link-load",
                "Mean link utilization per direction",
                "direction",
                "busy fraction of the makespan",
                ImmutableList.of("A+", "A-", "B+", "B-", "C+", "C-", "D+", "D-", "E+", "E-")
                    .subList(0, dx.length),
                ImmutableList.of(new Chart.Series("links", dx, r.directionUtilization())),
                false),
            Chart.bars(
                "link-utilization-histogram",
                "Links by utilization over the makespan",
                "busy fraction of the makespan",
                "links",
                histogramBins(hx.length),
                ImmutableList.of(new Chart.Series("links", hx, hy)),
                false));
    return new RunOutput(
        r.makespanPs(),
        r.events(),
        r.metrics(),
        ImmutableList.of(t, load.build(), hist.build()),
        notes,
        charts);
  }

  /** Bin labels of the utilization histogram: 0-0.1, 0.1-0.2, ... */
  private static ImmutableList<String> histogramBins(int n) {
    ImmutableList.Builder<String> b = ImmutableList.builder();
    for (int i = 0; i < n; i++) {
      b.add(Numbers.human(i / 10.0, 2) + "-" + Numbers.human((i + 1) / 10.0, 2));
    }
    return b.build();
  }
}
