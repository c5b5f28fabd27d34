package org.fusedsim.scenarios.torus;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.torus.Fidelity;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusPatterns;
import org.fusedsim.bgq.torus.TorusPatterns.Outcome;
import org.fusedsim.bgq.torus.TorusPatterns.Pattern;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: torus-patterns}: the traffic pattern suite ({@link TorusPatterns}) at packet and at
 * flow level on the same partition, makespans side by side. Each pattern and level runs on a
 * freshly assembled partition (the scenario's, with {@code torus.fidelity} set), so the two levels
 * see the same messages on the same routing and nothing else.
 */
public final class TorusPatternsKind implements ScenarioKind {
  static final String SECTION = "patterns";

  static final ComponentSpec SPEC =
      ComponentSpec.of(
          SECTION,
          "scenarios",
          "Traffic pattern suite: every pattern at packet and at flow level.",
          Parameter.builder("patterns", ParamType.TEXT)
              .defaultValue("neighbor,antipode,permutation,transpose,alltoall,hotspot,bisection")
              .source("experiment design (issue 18: the pattern suite)")
              .description(
                  "Comma-separated patterns: neighbor, antipode, permutation, transpose,"
                      + " alltoall, hotspot, bisection.")
              .build(),
          Parameter.builder("message_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("64KiB")
              .range("0B", "64MiB")
              .source("experiment design: large enough that links, not latency, set the makespan")
              .description("Payload of each message of every pattern but alltoall.")
              .build(),
          Parameter.builder("alltoall_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("4KiB")
              .range("0B", "64MiB")
              .source("experiment design: the all-to-all sends n - 1 messages per node")
              .description("Payload each node sends to each other node in alltoall.")
              .build());

  private static final ImmutableList<Fidelity> LEVELS =
      ImmutableList.of(Fidelity.PACKET, Fidelity.FLOW);

  @Override
  public String name() {
    return "torus-patterns";
  }

  @Override
  public String description() {
    return "the traffic pattern suite at packet and flow level: makespans side by side";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return Machines.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.of(
        "patterns.*.packet.makespan", "us",
        "patterns.*.flow.makespan", "us",
        "patterns.*.packet_over_flow", "1",
        "patterns.*.messages", "messages");
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("patterns.*.packet.makespan", "patterns.*.flow.makespan");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ImmutableList.of();
  }

  @Override
  public void check(Scenario scenario) {
    TorusKinds.params(scenario);
    patterns(scenario);
  }

  private static ImmutableList<Pattern> patterns(Scenario s) {
    List<Pattern> out = new ArrayList<>();
    for (String p : s.section(SECTION).text("patterns").split(",", -1)) {
      try {
        Pattern pat = Pattern.of(p);
        if (out.contains(pat)) {
          throw new CheckException(SECTION, "patterns", "pattern " + pat.key() + " twice");
        }
        out.add(pat);
      } catch (IllegalArgumentException e) {
        throw new CheckException(
            SECTION,
            "patterns",
            "unknown pattern '"
                + p.trim()
                + "'; expected neighbor, antipode, permutation, transpose, alltoall, hotspot"
                + " or bisection");
      }
    }
    return ImmutableList.copyOf(out);
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    TorusParams p = TorusKinds.params(scenario);
    long bytes = scenario.section(SECTION).size("message_size").bytes();
    long a2a = scenario.section(SECTION).size("alltoall_size").bytes();
    ImmutableList<Pattern> pats = patterns(scenario);
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder(
            "patterns",
            "pattern:-",
            "messages:-",
            "payload_per_message:B",
            "packet_makespan:us",
            "flow_makespan:us",
            "packet_over_flow:1");
    double[] x = new double[pats.size()];
    double[] packet = new double[pats.size()];
    double[] flow = new double[pats.size()];
    long simulated = 0;
    long events = 0;
    for (int i = 0; i < pats.size(); i++) {
      Pattern pat = pats.get(i);
      long size = pat == Pattern.ALLTOALL ? a2a : bytes;
      long[] makespan = new long[2];
      int messages = 0;
      for (int f = 0; f < LEVELS.size(); f++) {
        String level = LEVELS.get(f).name().toLowerCase(Locale.ROOT);
        Simulation sim = context.newSimulation(4 * p.shape().nodeCount(), pat.key() + "/" + level);
        Machine machine =
            Machines.build(
                sim,
                scenario,
                context,
                1,
                ImmutableMap.of(),
                ImmutableMap.of(TorusParams.KIND + ".fidelity", level));
        var net = machine.hardware().network();
        // both levels draw the same random pattern: the stream is named by the pattern only
        var msgs =
            TorusPatterns.messages(
                pat, net.torus(), size, context.streams().stream(SECTION, pat.key()));
        Outcome o = TorusPatterns.run(sim, net, msgs);
        makespan[f] = o.makespanPs();
        messages = o.messages();
        simulated += o.makespanPs();
        events += o.events();
        m.put(
            "patterns." + pat.key() + "." + level + ".makespan",
            Time.toMicros(o.makespanPs()),
            "us");
      }
      double ratio = makespan[1] == 0 ? 1 : makespan[0] / (double) makespan[1];
      m.put("patterns." + pat.key() + ".packet_over_flow", ratio, "1");
      m.put("patterns." + pat.key() + ".messages", messages, "messages");
      t.row(
          pat.key(), messages, size, Time.toMicros(makespan[0]), Time.toMicros(makespan[1]), ratio);
      x[i] = i + 1;
      packet[i] = Time.toMicros(makespan[0]);
      flow[i] = Time.toMicros(makespan[1]);
    }
    ImmutableList<String> notes =
        ImmutableList.of(
            "partition "
                + p.shape()
                + ", "
                + p.routing().name().toLowerCase(Locale.ROOT)
                + " routing, ties "
                + p.tieBreak().name().toLowerCase(Locale.ROOT)
                + "; every message starts at time 0; makespan = last byte of the last message",
            "packet_over_flow above 1: buffers, head-of-line blocking and arbitration cost the"
                + " packet level what the flow level's max-min sharing does not see (see"
                + " docs/validation.md, pattern suite)");
    ImmutableList.Builder<String> cats = ImmutableList.builder();
    for (Pattern pat : pats) {
      cats.add(pat.key());
    }
    Chart chart =
        Chart.bars(
            "patterns-makespan",
            "Pattern makespan at packet and flow level, "
                + p.shape()
                + ", "
                + p.routing().name().toLowerCase(Locale.ROOT)
                + " routing",
            "pattern",
            "makespan (us)",
            cats.build(),
            ImmutableList.of(
                new Chart.Series("packet", x, packet), new Chart.Series("flow", x, flow)),
            false);
    return new RunOutput(
        simulated, events, m, ImmutableList.of(t.build()), notes, ImmutableList.of(chart));
  }
}
