package org.fusedsim.scenarios.phold;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: phold}: runs PHOLD on the kernel and reports what the workload did, with the
 * closed-form expectations a correct engine must approach (mean delay = lookahead + mean; a
 * fraction 1 - 1/N of events go to another process; a steady event rate of N x population /
 * (lookahead + mean)).
 */
public final class PholdKind implements ScenarioKind {
  @Override
  public String name() {
    return "phold";
  }

  @Override
  public String description() {
    return "PHOLD benchmark of the event kernel; needs no Blue Gene/Q model";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return ImmutableList.of(PholdParams.SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.of(
        "phold.delay.count", "samples",
        "phold.delay.*", "ns",
        "phold.events", "events",
        "phold.simulated_time", "us",
        "phold.event_rate", "events/us",
        "phold.event_rate.expected", "events/us",
        "phold.remote_fraction", "1",
        "phold.lp_events.*", "events");
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "phold.event_rate",
        "phold.event_rate.expected",
        "phold.delay.mean",
        "phold.remote_fraction",
        "phold.events");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ImmutableList.of();
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext ctx) {
    PholdParams p = PholdParams.from(scenario.section("phold"));
    int pending = (int) Math.min(Integer.MAX_VALUE / 4, (long) p.lps() * p.population());
    Simulation sim = ctx.newSimulation(pending + 16);
    PholdModel model = new PholdModel(sim, p, ctx.streams().stream("phold", "events"), true);
    sim.run();

    long[] perLp = model.perProcess();
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long c : perLp) {
      min = Math.min(min, c);
      max = Math.max(max, c);
    }
    long scheduled = model.delays().count();
    double simUs = Time.toMicros(sim.now());
    double expectedMeanNs = Time.toNanos(p.lookahead() + p.meanDelay());
    double expectedRate =
        (double) p.lps() * p.population() / Time.toMicros(p.lookahead() + p.meanDelay());
    Metrics m = new Metrics();
    m.put("phold.events", model.processed(), "events");
    m.put("phold.simulated_time", simUs, "us");
    m.put("phold.event_rate", simUs > 0 ? model.processed() / simUs : 0, "events/us");
    m.put("phold.event_rate.expected", expectedRate, "events/us");
    m.put("phold.remote_fraction", scheduled == 0 ? 0 : (double) model.remote() / scheduled, "1");
    m.put("phold.lp_events.min", min, "events");
    m.put("phold.lp_events.max", max, "events");
    m.putLatency("phold.delay", model.delays());

    Table.Builder quantiles =
        Table.builder("phold-delay-quantiles", "quantile:%", "delay:ns", "expected:ns");
    for (double q : new double[] {1, 10, 25, 50, 75, 90, 99}) {
      // Exponential quantile: lookahead + mean x -ln(1 - q).
      double expected =
          Time.toNanos(p.lookahead()) + Time.toNanos(p.meanDelay()) * -StrictMath.log1p(-q / 100);
      quantiles.row(q, Time.toNanos(model.delays().percentile(q)), expected);
    }
    ImmutableList<String> notes =
        ImmutableList.of(
            "mean delay: simulated "
                + Numbers.human(model.delays().mean() / Time.NS, 6)
                + " ns, expected "
                + Numbers.human(expectedMeanNs, 6)
                + " ns (lookahead + mean_delay)",
            "event rate: simulated "
                + Numbers.human(simUs > 0 ? model.processed() / simUs : 0, 6)
                + " events/us, expected "
                + Numbers.human(expectedRate, 6)
                + " events/us (lps x population / (lookahead + mean_delay))");
    Table q = quantiles.build();
    double[] qs = new double[q.rows().size()];
    double[] simulated = new double[qs.length];
    double[] expected = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      qs[i] = ((Number) q.rows().get(i).get(0)).doubleValue();
      simulated[i] = ((Number) q.rows().get(i).get(1)).doubleValue();
      expected[i] = ((Number) q.rows().get(i).get(2)).doubleValue();
    }
    return new RunOutput(
        sim.now(),
        sim.eventCount(),
        m,
        ImmutableList.of(q),
        notes,
        ImmutableList.of(
            new org.fusedsim.scenarios.run.Chart(
                "phold-delay-quantiles",
                "PHOLD: event delay quantiles against the distribution they are drawn from",
                "quantile (%)",
                "delay (ns)",
                ImmutableList.of(
                    new org.fusedsim.scenarios.run.Chart.Series("simulated", qs, simulated),
                    new org.fusedsim.scenarios.run.Chart.Series(
                        "expected (lookahead + exponential)", qs, expected)))));
  }
}
