package org.fusedsim.scenarios.node;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.Metric;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;

/**
 * {@code kind: node-tour}: the two questions FusedOS raises, on one node and under each
 * personality: what an offloaded system call costs and where its time goes ({@link
 * SyscallLatencyKind}), and what the application threads see of OS noise ({@link FwqKind}). The two
 * parts run as separate simulations of the same node configuration; their metrics, tables, notes
 * and plots are put side by side.
 */
public final class NodeTourKind implements ScenarioKind {
  private final SyscallLatencyKind calls = new SyscallLatencyKind();
  private final FwqKind noise = new FwqKind();

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
    return ImmutableList.<ComponentSpec>builder()
        .addAll(NodeSections.SPECS)
        .add(SyscallLatencyKind.SPEC)
        .add(FwqKind.SPEC)
        .build();
  }

  @Override
  public ImmutableList<String> personalities() {
    return NodeSections.PERSONALITIES;
  }

  @Override
  public void check(Scenario s) {
    calls.check(s);
    noise.check(s);
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    RunOutput a = calls.run(s, ctx);
    RunOutput b = noise.run(s, ctx);
    Metrics m = new Metrics();
    for (Metric x : a.metrics().all()) {
      m.put(x.name(), x.value(), x.unit());
    }
    for (Metric x : b.metrics().all()) {
      // The node description (node.*, boot.*) is the same in both parts: keep it once.
      if (m.get(x.name()).isEmpty()) {
        m.put(x.name(), x.value(), x.unit());
      }
    }
    return new RunOutput(
        a.simulatedTimePs() + b.simulatedTimePs(),
        a.events() + b.events(),
        m,
        ImmutableList.<org.fusedsim.scenarios.run.Table>builder()
            .addAll(a.tables())
            .addAll(b.tables())
            .build(),
        ImmutableList.<String>builder().addAll(a.notes()).addAll(b.notes()).build(),
        ImmutableList.<org.fusedsim.scenarios.run.Chart>builder()
            .addAll(a.charts())
            .addAll(b.charts())
            .build());
  }
}
