package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.torus.ShapeException;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.fusedosfs.NoiseParams;
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

/**
 * {@code kind: noise-at-scale}: a bulk-synchronous MPI code (compute, then an allreduce, every
 * step) on blocks from a node board to the full machine, each run with the personality's noise and
 * again with none: the slowdown noise causes at each scale, and which noise source the critical
 * path (the last rank to reach each allreduce) lost its time to.
 */
public final class NoiseScaleKind implements ScenarioKind {
  static final String SECTION = "noise_at_scale";

  /** The workload section. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          SECTION,
          "scenarios",
          "BSP (compute + allreduce) on blocks of growing size, with noise and without",
          Parameter.builder("blocks", ParamType.TEXT)
              .defaultValue("nodeboard,midplane,16x8x8x4x2,sequoia")
              .source("workload definition: BG/Q blocks from a node board (32 nodes) up")
              .description(
                  "the blocks the job fills, a comma list of shapes (AxBxCxDxE or a preset name)")
              .build(),
          Parameter.builder("steps", ParamType.TEXT)
              .defaultValue("200,100,20,8")
              .source(
                  "experiment design: a small block needs many steps to meet its rare noise, a"
                      + " large one meets some every step")
              .description("steps per block (one value: every block), the first untimed")
              .build(),
          Parameter.builder("grains", ParamType.TEXT)
              .defaultValue("1ms,100us")
              .source("workload definition (Ferreira et al. SC08 vary the grain the same way)")
              .description("computation per rank and step, a comma list of times")
              .build(),
          Parameter.builder("ranks_per_node", ParamType.INTEGER)
              .unit("ranks")
              .defaultValue("16")
              .range("1", "64")
              .source("workload definition")
              .description("MPI ranks on each node")
              .build(),
          Parameter.builder("reduce", ParamType.SIZE)
              .unit("B")
              .defaultValue("8B")
              .range("0B", "1GiB")
              .source("workload definition")
              .description("the allreduce per rank and step")
              .build());

  @Override
  public String name() {
    return "noise-at-scale";
  }

  @Override
  public String description() {
    return "BSP from a node board to the full machine: the slowdown noise causes at each scale";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return Machines.with(SPEC);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "bsp.slowdown.*", "1",
            "bsp.slowdown.*.*", "1",
            "bsp.step.*", "ns",
            "bsp.step.*.*", "ns",
            "bsp.quiet_step.*", "ns",
            "bsp.quiet_step.*.*", "ns",
            "bsp.critical.*.*", "ns",
            "bsp.critical.*.*.*", "ns"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("bsp.slowdown.*");
  }

  @Override
  public ImmutableList<String> personalities() {
    return ImmutableList.of("fusedos", "cnk", "linux", "direct");
  }

  private static List<TorusShape> blocks(ParamValues v) {
    List<TorusShape> out = new ArrayList<>();
    for (String part : v.text("blocks").split(",")) {
      String t = part.strip();
      try {
        out.add(TorusShape.parse(TorusShape.PRESETS.getOrDefault(t, t)));
      } catch (ShapeException e) {
        throw new CheckException(SECTION, "blocks", e.getMessage());
      }
    }
    return out;
  }

  private static List<Integer> steps(ParamValues v, int blocks) {
    List<Integer> out = new ArrayList<>();
    String[] parts = v.text("steps").split(",");
    if (parts.length != 1 && parts.length != blocks) {
      throw new CheckException(
          SECTION, "steps", "one value, or one per block (" + blocks + "), expected");
    }
    for (int b = 0; b < blocks; b++) {
      String t = parts[parts.length == 1 ? 0 : b].strip();
      int n;
      try {
        n = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new CheckException(SECTION, "steps", "an integer expected: " + t);
      }
      if (n < 3 || n > 1_000_000) {
        throw new CheckException(SECTION, "steps", n + " is outside [3, 1000000]");
      }
      out.add(n);
    }
    return out;
  }

  private static List<Long> grains(ParamValues v) {
    List<Long> out = new ArrayList<>();
    for (String part : v.text("grains").split(",")) {
      String t = part.strip();
      try {
        long ps = Time.parse(t);
        if (ps <= 0) {
          throw new IllegalArgumentException("a positive time expected");
        }
        out.add(ps);
      } catch (IllegalArgumentException e) {
        throw new CheckException(SECTION, "grains", "'" + t + "': " + e.getMessage());
      }
    }
    return out;
  }

  @Override
  public void check(Scenario s) {
    ParamValues v = s.section(SECTION);
    List<TorusShape> blocks = blocks(v);
    steps(v, blocks.size());
    grains(v);
    Machines.check(s, Math.toIntExact(v.integer("ranks_per_node")), SECTION, "ranks_per_node");
  }

  /** What one run of the BSP gave. */
  private record Outcome(
      List<LatencyHistogram> steps,
      List<Map<String, Long>> critical,
      long simulated,
      long events) {}

  private static String label(long grainPs) {
    if (grainPs % Time.ms(1) == 0) {
      return grainPs / Time.ms(1) + "ms";
    }
    return Numbers.human(Time.toNanos(grainPs) / 1000.0, 6).replace(" ", "") + "us";
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    ParamValues v = s.section(SECTION);
    List<TorusShape> blocks = blocks(v);
    List<Integer> steps = steps(v, blocks.size());
    List<Long> grains = grains(v);
    int ppn = Math.toIntExact(v.integer("ranks_per_node"));
    String p = ctx.personality();
    // a personality without a noise section has no noise to switch off: its quiet run is the same
    boolean noisy = Machines.reads(p, NoiseParams.KIND);
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder(
            "noise-at-scale",
            "grain:ns",
            "nodes:-",
            "ranks:-",
            "steps:-",
            "step:ns",
            "quiet_step:ns",
            "slowdown:1",
            "critical_noise:ns",
            "dominant:-");
    List<Chart.Series> series = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long simulated = 0;
    long events = 0;
    double[][] ys = new double[grains.size()][blocks.size()];
    double[] xs = new double[blocks.size()];
    List<List<String>> dominant = new ArrayList<>();
    for (int g = 0; g < grains.size(); g++) {
      dominant.add(new ArrayList<>());
    }
    for (int b = 0; b < blocks.size(); b++) {
      TorusShape block = blocks.get(b);
      int nodes = block.nodeCount();
      xs[b] = nodes;
      // one boot per block and setting: the grains run one after the other in the same job
      Outcome on = bsp(s, ctx, block, ppn, steps.get(b), grains, v, true);
      Outcome off = noisy ? bsp(s, ctx, block, ppn, steps.get(b), grains, v, false) : on;
      simulated += on.simulated() + (noisy ? off.simulated() : 0);
      events += on.events() + (noisy ? off.events() : 0);
      for (int g = 0; g < grains.size(); g++) {
        long grain = grains.get(g);
        String key = nodes + "nodes" + (g == 0 ? "" : "." + label(grain));
        LatencyHistogram hOn = on.steps().get(g);
        LatencyHistogram hOff = off.steps().get(g);
        double slow = hOn.mean() / hOff.mean();
        m.put("bsp.slowdown." + key, slow, "1");
        m.put("bsp.step." + key, hOn.mean() / Time.NS, "ns");
        m.put("bsp.quiet_step." + key, hOff.mean() / Time.NS, "ns");
        long criticalTotal = 0;
        String top = "none";
        long topPs = 0;
        for (Map.Entry<String, Long> e : on.critical().get(g).entrySet()) {
          m.put("bsp.critical." + key + "." + e.getKey(), Time.toNanos(e.getValue()), "ns");
          criticalTotal += e.getValue();
          if (e.getValue() > topPs) {
            topPs = e.getValue();
            top = e.getKey();
          }
        }
        dominant.get(g).add(nodes + " nodes: " + top);
        ys[g][b] = slow;
        t.row(
            Time.toNanos(grain),
            nodes,
            (long) nodes * ppn,
            steps.get(b),
            hOn.mean() / Time.NS,
            hOff.mean() / Time.NS,
            slow,
            Time.toNanos(criticalTotal),
            top);
      }
    }
    for (int g = 0; g < grains.size(); g++) {
      String l = label(grains.get(g));
      series.add(new Chart.Series(l + " steps", xs, ys[g]));
      notes.add(
          String.format(
              Locale.ROOT,
              "%s, %s steps: slowdown %s; the noise the critical path met most: %s",
              p,
              l,
              format(ys[g], xs),
              String.join(", ", dominant.get(g))));
    }
    Chart chart =
        new Chart(
                "noise-at-scale",
                "BSP slowdown from noise under " + p,
                "nodes",
                "slowdown against the run without noise",
                ImmutableList.copyOf(series))
            .withLogX();
    return new RunOutput(
        simulated,
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }

  private static String format(double[] ys, double[] xs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ys.length; i++) {
      out.add(String.format(Locale.ROOT, "%.4f at %d", ys[i], (long) xs[i]));
    }
    return String.join(", ", out);
  }

  /**
   * One BSP run filling {@code block}, with the personality's noise or with none: {@code steps}
   * steps of each grain in turn. A grain's first step (the launch's skew, or the change of grain)
   * is not timed.
   */
  private static Outcome bsp(
      Scenario s,
      RunContext ctx,
      TorusShape block,
      int ppn,
      int steps,
      List<Long> grains,
      ParamValues v,
      boolean noise) {
    String p = ctx.personality();
    ImmutableMap.Builder<String, String> extra = ImmutableMap.builder();
    extra.put("torus.shape", block.toString().replaceFirst(":.*", ""));
    if (!noise) {
      extra.put(NoiseParams.KIND + ".enabled", "none");
    }
    var cfg = Machines.sections(s, p, extra.build());
    long cyclePs = Machines.hardware(cfg).chip().cyclePs();
    int nodes = block.nodeCount();
    Work[] work = new Work[grains.size()];
    for (int g = 0; g < work.length; g++) {
      work[g] = Work.integer(grains.get(g) / (double) cyclePs);
    }
    Op reduce = Op.collective(Op.Kind.ALLREDUCE, v.size("reduce").bytes(), 0, "bsp allreduce");
    Op[] compute = new Op[work.length];
    for (int g = 0; g < work.length; g++) {
      compute[g] = Op.compute(work[g], "bsp compute");
    }
    RankProgram program =
        new RankProgram() {
          @Override
          public int ranks() {
            return nodes * ppn;
          }

          @Override
          public String name() {
            return "bsp";
          }

          @Override
          public Op op(int rank, int i) {
            int phase = i / (2 * steps);
            if (phase >= compute.length) {
              return null;
            }
            return i % 2 == 0 ? compute[phase] : reduce;
          }
        };
    AppRun.JobSpec job =
        new AppRun.JobSpec("bsp", program, new Placement(0, nodes, block), ppn, 1, true);
    Simulation sim = ctx.newSimulation(1 << 16, nodes + " nodes " + (noise ? "noise" : "quiet"));
    Machine m = AppMachine.build(sim, cfg, p, List.of(job), ImmutableMap.of(), ctx.streams());
    AppRun app = new AppRun(m, List.of(job), TiParams.defaults());
    app.boot();
    sim.runUntil(Time.s(3600));
    if (!app.done()) {
      throw new StuckException("the BSP did not finish: " + app.waiting());
    }
    AppRun.Job j = app.jobs().get(0);
    List<Long> ends = j.collectiveEnds();
    List<LatencyHistogram> hs = new ArrayList<>();
    List<Map<String, Long>> critical = new ArrayList<>();
    for (int g = 0; g < grains.size(); g++) {
      LatencyHistogram h = new LatencyHistogram("bsp.step");
      Map<String, Long> c = new TreeMap<>();
      for (int k = g * steps + 1; k < (g + 1) * steps; k++) {
        h.record(ends.get(k) - ends.get(k - 1));
        j.criticalNoise(k).forEach((src, ps) -> c.merge(src, ps, Long::sum));
      }
      hs.add(h);
      critical.add(c);
    }
    return new Outcome(hs, critical, sim.now(), sim.eventCount());
  }
}
