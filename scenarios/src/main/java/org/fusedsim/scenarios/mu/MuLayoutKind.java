package org.fusedsim.scenarios.mu;

import com.google.common.collect.ImmutableList;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;

/**
 * {@code kind: mu-layout}: applies a FIFO allocation plan to a node's Messaging Unit ownership
 * table, as the software stacks do at boot, and reports who owns what. A FIFO claimed by two owners
 * is rejected before anything runs, naming both owners and the FIFO ids.
 */
public final class MuLayoutKind implements ScenarioKind {
  static final ComponentSpec SPEC =
      ComponentSpec.of(
          "mu_layout",
          "scenarios",
          "A Messaging Unit FIFO allocation plan, applied to every node's ownership table.",
          Parameter.builder("claims", ParamType.TEXT)
              .source("user; FIFO geometry from code (MU_Macros.h, via bgq-facts.md)")
              .description(
                  "Claims 'OWNER KIND IDS; ...', KIND injection or reception, IDS like 0-9, 12,"
                      + " sg59-63 (subgroups).")
              .build());

  @Override
  public String name() {
    return "mu-layout";
  }

  @Override
  public String description() {
    return "checks a Messaging Unit FIFO allocation plan: owners, free FIFOs, conflicts";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return org.fusedsim.scenarios.machine.Machines.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.of(
        "mu.injection.owner.*", "fifos",
        "mu.reception.owner.*", "fifos",
        "mu.injection.*", "fifos",
        "mu.reception.*", "fifos");
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "mu.injection.owner.*", "mu.reception.owner.*", "mu.injection.free", "mu.reception.free");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ImmutableList.of();
  }

  @Override
  public void check(Scenario scenario) {
    FifoPlan plan = plan(scenario);
    try {
      plan.applyTo(new FifoOwnershipTable(0));
    } catch (FifoConflictException e) {
      throw new CheckException("mu_layout", "claims", e.getMessage());
    }
  }

  private static FifoPlan plan(Scenario scenario) {
    try {
      return FifoPlan.parse(scenario.section("mu_layout").text("claims"));
    } catch (IllegalArgumentException e) {
      throw new CheckException("mu_layout", "claims", e.getMessage());
    }
  }

  @Override
  public RunOutput run(Scenario scenario, RunContext context) {
    FifoPlan plan = plan(scenario);
    // the plan goes onto node 0's Messaging Unit of the partition, before any stack boots there
    org.fusedsim.cl.machine.Machine machine =
        org.fusedsim.scenarios.machine.Machines.build(
            context.newSimulation(16),
            scenario,
            context,
            1,
            com.google.common.collect.ImmutableMap.of());
    FifoOwnershipTable table = machine.hardware().mu().fifos(0);
    plan.applyTo(table);
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder("mu-fifo-owners", "owner:-", "kind:-", "fifos:-", "first:-", "last:-");
    for (FifoKind kind : FifoKind.values()) {
      Map<String, int[]> byOwner = new TreeMap<>();
      for (int id = 0; id < kind.count(); id++) {
        String owner = table.owner(kind, id);
        if (owner != null) {
          int[] a = byOwner.computeIfAbsent(owner, o -> new int[] {0, Integer.MAX_VALUE, -1});
          a[0]++;
          a[1] = Math.min(a[1], id);
          a[2] = Math.max(a[2], id);
        }
      }
      int free = table.free(kind).length;
      m.put("mu." + kind.label() + ".free", free, "fifos");
      m.put("mu." + kind.label() + ".claimed", kind.count() - free, "fifos");
      for (Map.Entry<String, int[]> e : byOwner.entrySet()) {
        m.put("mu." + kind.label() + ".owner." + e.getKey(), e.getValue()[0], "fifos");
        t.row(e.getKey(), kind.label(), e.getValue()[0], e.getValue()[1], e.getValue()[2]);
      }
    }
    ImmutableList<String> notes =
        ImmutableList.of(
            plan.claims().size()
                + " claims applied without conflict; per node "
                + FifoKind.INJECTION.count()
                + " injection and "
                + FifoKind.RECEPTION.count()
                + " reception FIFOs in 68 subgroups");
    // FIFOs per owner, injection and reception side by side
    java.util.List<String> kinds = new java.util.ArrayList<>();
    for (FifoKind kind : FifoKind.values()) {
      kinds.add(kind.label());
    }
    Map<String, double[]> perOwner = new TreeMap<>();
    for (FifoKind kind : FifoKind.values()) {
      for (int id = 0; id < kind.count(); id++) {
        String owner = table.owner(kind, id);
        if (owner != null) {
          perOwner.computeIfAbsent(owner, o -> new double[kinds.size()])[kind.ordinal()]++;
        }
      }
    }
    ImmutableList.Builder<org.fusedsim.scenarios.run.Chart.Series> series = ImmutableList.builder();
    double[] x = new double[kinds.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    perOwner.forEach(
        (owner, counts) ->
            series.add(new org.fusedsim.scenarios.run.Chart.Series(owner, x, counts)));
    return new RunOutput(
        0,
        0,
        m,
        ImmutableList.of(t.build()),
        notes,
        ImmutableList.of(
            org.fusedsim.scenarios.run.Chart.bars(
                "mu-fifo-owners",
                "Messaging Unit FIFOs claimed at boot, per owner",
                "FIFO kind",
                "FIFOs",
                ImmutableList.copyOf(kinds),
                series.build(),
                false)));
  }
}
