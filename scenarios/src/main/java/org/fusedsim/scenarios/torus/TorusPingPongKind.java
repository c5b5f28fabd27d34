package org.fusedsim.scenarios.torus;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusTraffic;
import org.fusedsim.bgq.torus.TorusTraffic.PingPongResult;
import org.fusedsim.bgq.torus.TorusTraffic.PingPongRow;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: torus-pingpong}: one message at a time between a node and its neighbour and between
 * a node and its antipode, for a sweep of sizes, with the closed-form expectation of each
 * contention-free message next to the simulated latency.
 */
public final class TorusPingPongKind implements ScenarioKind {
  @Override
  public String name() {
    return "torus-pingpong";
  }

  @Override
  public String description() {
    return "point-to-point latency and bandwidth on the 5D torus against the closed form";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return org.fusedsim.scenarios.machine.Machines.with(PingPongParams.SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.of(
        "bandwidth.*.*", "GB/s",
        "expected_latency.*.*", "ns",
        "latency.*.*", "ns");
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("bandwidth.*.*", "latency.*.*");
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
    PingPongParams pp = PingPongParams.from(scenario.section("pingpong"));
    org.fusedsim.core.Simulation sim = context.newSimulation(1024);
    org.fusedsim.cl.machine.Machine machine =
        org.fusedsim.scenarios.machine.Machines.build(
            sim, scenario, context, 1, com.google.common.collect.ImmutableMap.of());
    PingPongResult r = TorusTraffic.pingPong(sim, machine.hardware().network(), pp.sizes());
    Table.Builder t =
        Table.builder(
            "pingpong",
            "size:B",
            "hops:-",
            "latency:ns",
            "expected:ns",
            "difference:%",
            "bandwidth:GB/s");
    double worst = 0;
    for (PingPongRow row : r.rows()) {
      worst = Math.max(worst, row.relativeError());
      t.row(
          row.sizeBytes(),
          row.hops(),
          Time.toNanos(row.latencyPs()),
          Time.toNanos(row.expectedPs()),
          100 * row.relativeError(),
          row.bandwidthGBps());
    }
    ImmutableList.Builder<String> notes = ImmutableList.builder();
    notes.add(
        "partition "
            + r.shape()
            + ", "
            + r.fidelity().name().toLowerCase(java.util.Locale.ROOT)
            + " level; closed form = hops x (router + SerDes + wire) + cable hops x cable_latency"
            + " + serialization of header, payload and"
            + " trailer at the link rate");
    for (PingPongRow row : r.rows()) {
      if (row.sizeBytes() == 0 || row.sizeBytes() == 1L << 20) {
        notes.add(
            DataSize.ofBytes(row.sizeBytes())
                + " over "
                + row.hops()
                + (row.hops() == 1 ? " hop" : " hops")
                + ": simulated "
                + Numbers.human(Time.toNanos(row.latencyPs()), 7)
                + " ns, closed form "
                + Numbers.human(Time.toNanos(row.expectedPs()), 7)
                + " ns");
      }
    }
    notes.add(
        "largest difference from the closed form over the sweep: "
            + Numbers.human(100 * worst, 3)
            + "%");
    Table table = t.build();
    return new RunOutput(
        r.simulatedPs(),
        r.events(),
        r.metrics(),
        ImmutableList.of(table),
        notes.build(),
        ImmutableList.of(
            Chart.fromTable(
                    "pingpong-latency",
                    "Torus ping-pong: one-way latency against message size",
                    table,
                    "size",
                    "latency",
                    "hops")
                .withLogAxes(),
            Chart.fromTable(
                    "pingpong-bandwidth",
                    "Torus ping-pong: payload bandwidth against message size",
                    table,
                    "size",
                    "bandwidth",
                    "hops")
                .withLogAxes()));
  }
}
