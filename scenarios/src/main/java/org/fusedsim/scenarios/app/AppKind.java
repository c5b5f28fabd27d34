package org.fusedsim.scenarios.app;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.run.Chart;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;
import org.fusedsim.scenarios.run.Table;
import org.fusedsim.scenarios.torus.TorusKinds;

/**
 * {@code kind: app}: one MPI job, or two side by side, running a motif on the partition under each
 * personality: where its time goes (compute, MPI, system calls) and, with a second job, how much
 * each slows the other (each also runs alone, on the same nodes).
 */
public final class AppKind implements ScenarioKind {
  /** The first job's section. */
  public static final ComponentSpec JOB =
      JobSection.spec("job", "halo3d", "an MPI job: its motif, nodes, ranks and numbers");

  /** The second job's section. */
  public static final ComponentSpec SECOND =
      JobSection.spec(
          "second_job", "none", "a second MPI job on the same partition (motif none: no job)");

  /** The motifs whose steps end in a collective: their steady state starts after the first. */
  private static final java.util.Set<String> STEPPED = java.util.Set.of("bsp", "halo3d", "sweep3d");

  /** Where the IO node's file system is mounted on every compute node. */
  static final String MOUNT = "/gpfs";

  @Override
  public String name() {
    return "app";
  }

  @Override
  public String description() {
    return "MPI jobs (halo3d, sweep3d, bsp, fwq, syscalls, io) on the partition, one or two at once";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return Machines.with(JOB, SECOND);
  }

  @Override
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "app.*.nodes", "nodes",
            "app.*.first_node", "node",
            "app.*.ranks", "ranks",
            "app.*.launch", "ms",
            "app.*.runtime", "ns",
            "app.*.iteration", "ns",
            "app.*.iteration.p99", "ns",
            "app.*.iteration.max", "ns",
            "app.*.compute.mean", "ns",
            "app.*.compute.max", "ns",
            "app.*.compute_share", "1",
            "app.*.mpi_share", "1",
            "app.*.syscall_share", "1",
            "app.*.messages", "messages",
            "app.*.collectives", "calls",
            "app.*.syscalls", "calls",
            "app.*.alone.iteration", "ns",
            "app.*.interference", "1"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of(
        "app.*.iteration", "app.*.compute_share", "app.*.mpi_share", "app.*.syscall_share");
  }

  @Override
  public ImmutableList<String> personalities() {
    return Machines.personalities("fusedos");
  }

  private static List<ParamValues> jobs(Scenario s) {
    List<ParamValues> out = new ArrayList<>();
    out.add(s.section(JOB.kind()));
    if (JobSection.present(s.section(SECOND.kind()))) {
      out.add(s.section(SECOND.kind()));
    }
    return out;
  }

  private static String kindOf(int j) {
    return j == 0 ? JOB.kind() : SECOND.kind();
  }

  private static List<Placement> place(Scenario s) {
    List<Integer> sizes = new ArrayList<>();
    for (ParamValues v : jobs(s)) {
      sizes.add(Math.toIntExact(v.integer("nodes")));
    }
    Torus torus = new Torus(TorusKinds.params(s).shape());
    try {
      return Placement.place(torus, sizes);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new CheckException(m.startsWith("job 2") ? SECOND.kind() : JOB.kind(), "nodes", m);
    }
  }

  @Override
  public void check(Scenario s) {
    place(s);
    List<ParamValues> jobs = jobs(s);
    long cyclePs = Machines.hardware(s).chip().cyclePs();
    int threads = 0;
    for (int j = 0; j < jobs.size(); j++) {
      ParamValues v = jobs.get(j);
      JobSection.program(kindOf(j), v, cyclePs, MOUNT + "/check");
      threads =
          Math.max(
              threads,
              Math.toIntExact(v.integer("ranks_per_node") * v.integer("threads_per_rank")));
    }
    Machines.check(s, threads, JOB.kind(), "ranks_per_node");
  }

  private static List<AppRun.JobSpec> specs(Scenario s, long cyclePs) {
    List<ParamValues> jobs = jobs(s);
    List<Placement> where = place(s);
    List<AppRun.JobSpec> out = new ArrayList<>();
    for (int j = 0; j < jobs.size(); j++) {
      ParamValues v = jobs.get(j);
      String name = v.text("motif");
      if (j == 1 && name.equals(jobs.get(0).text("motif"))) {
        name = name + "2";
      }
      out.add(
          new AppRun.JobSpec(
              name,
              JobSection.program(kindOf(j), v, cyclePs, MOUNT + "/" + name),
              where.get(j),
              Math.toIntExact(v.integer("ranks_per_node")),
              Math.toIntExact(v.integer("threads_per_rank")),
              STEPPED.contains(v.text("motif"))));
    }
    return out;
  }

  /** One simulation of some of the jobs: what each did. */
  private record Outcome(List<AppRun.Job> jobs, Machine machine, Simulation sim) {}

  private static Outcome simulate(
      Scenario s, RunContext ctx, List<AppRun.JobSpec> jobs, String label) {
    Simulation sim = ctx.newSimulation(1 << 16, label);
    Machine m =
        AppMachine.build(
            sim,
            Machines.sections(s, ctx.personality()),
            ctx.personality(),
            jobs,
            ImmutableMap.of(MOUNT, true),
            ctx.streams());
    AppRun app = new AppRun(m, jobs, TiParams.defaults());
    app.boot();
    sim.runUntil(Time.s(3600));
    if (!app.done()) {
      String stuck = m.stuck();
      throw new StuckException(
          "the jobs did not finish: "
              + app.waiting()
              + (stuck.isEmpty() ? "" : " (" + stuck + ")"));
    }
    return new Outcome(app.jobs(), m, sim);
  }

  /** A job's time per iteration: between its collectives, or its run over its steps. */
  static LatencyHistogram iterations(AppRun.Job j, int steps) {
    LatencyHistogram h = new LatencyHistogram("app." + j.spec().name() + ".iteration");
    List<Long> ends = j.collectiveEnds();
    if (ends.size() >= 2) {
      // the first iteration also holds the launch's skew between ranks
      for (int i = 1; i < ends.size(); i++) {
        h.record(ends.get(i) - ends.get(i - 1));
      }
    } else {
      h.record(j.runtime() / Math.max(1, steps));
    }
    return h;
  }

  @Override
  public RunOutput run(Scenario s, RunContext ctx) {
    long cyclePs = Machines.hardware(s).chip().cyclePs();
    List<AppRun.JobSpec> specs = specs(s, cyclePs);
    List<ParamValues> sections = jobs(s);
    Outcome together = simulate(s, ctx, specs, "together");
    List<Outcome> alone = new ArrayList<>();
    if (specs.size() > 1) {
      for (AppRun.JobSpec j : specs) {
        alone.add(simulate(s, ctx, List.of(j), j.name() + " alone"));
      }
    }
    Metrics m = new Metrics();
    Table.Builder t =
        Table.builder(
            "app-jobs",
            "job:-",
            "nodes:-",
            "first_node:-",
            "ranks:-",
            "iteration:ns",
            "compute:1",
            "mpi:1",
            "syscalls:1",
            "alone_iteration:ns",
            "interference:1");
    List<String> notes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    double[][] parts = new double[3][specs.size()];
    double[] ratio = new double[specs.size()];
    for (int k = 0; k < specs.size(); k++) {
      AppRun.Job j = together.jobs().get(k);
      String p = "app." + j.spec().name();
      int steps = Math.toIntExact(sections.get(k).integer("steps"));
      LatencyHistogram it = iterations(j, steps);
      double total = j.computePs() + j.mpiPs() + j.syscallPs();
      double cs = total > 0 ? j.computePs() / total : 0;
      double ms = total > 0 ? j.mpiPs() / total : 0;
      double ss = total > 0 ? j.syscallPs() / total : 0;
      m.put(p + ".nodes", j.spec().placement().nodes(), "nodes");
      m.put(p + ".first_node", j.spec().placement().first(), "node");
      m.put(p + ".ranks", j.spec().ranks(), "ranks");
      m.put(p + ".launch", Time.toMicros(j.lastStart()) / 1000.0, "ms");
      m.put(p + ".runtime", Time.toNanos(j.runtime()), "ns");
      m.put(p + ".iteration", it.mean() / Time.NS, "ns");
      if (it.count() > 1) {
        m.put(p + ".iteration.p99", Time.toNanos(it.percentile(99)), "ns");
        m.put(p + ".iteration.max", Time.toNanos(it.max()), "ns");
      }
      if (j.computes().count() > 0) {
        m.put(p + ".compute.mean", j.computes().mean() / Time.NS, "ns");
        m.put(p + ".compute.max", Time.toNanos(j.computes().max()), "ns");
      }
      m.put(p + ".compute_share", cs, "1");
      m.put(p + ".mpi_share", ms, "1");
      m.put(p + ".syscall_share", ss, "1");
      m.put(p + ".messages", j.messages(), "messages");
      m.put(p + ".collectives", j.collectives(), "calls");
      m.put(p + ".syscalls", j.syscalls(), "calls");
      double aloneIt = Double.NaN;
      double interference = Double.NaN;
      if (!alone.isEmpty()) {
        aloneIt = iterations(alone.get(k).jobs().get(0), steps).mean() / Time.NS;
        interference = it.mean() / Time.NS / aloneIt;
        m.put(p + ".alone.iteration", aloneIt, "ns");
        m.put(p + ".interference", interference, "1");
      }
      double itNs = it.mean() / Time.NS;
      t.row(
          j.spec().name(),
          j.spec().placement().nodes(),
          j.spec().placement().first(),
          j.spec().ranks(),
          itNs,
          cs,
          ms,
          ss,
          alone.isEmpty() ? "" : aloneIt,
          alone.isEmpty() ? "" : interference);
      names.add(j.spec().name());
      parts[0][k] = itNs * cs / 1000;
      parts[1][k] = itNs * ms / 1000;
      parts[2][k] = itNs * ss / 1000;
      ratio[k] = interference;
      notes.add(
          String.format(
              Locale.ROOT,
              "%s: %s on %d nodes from node %d (%d ranks): %.1f us per iteration, %.0f%% compute,"
                  + " %.0f%% MPI, %.0f%% system calls%s; launched %.2f ms after boot began",
              ctx.personality(),
              j.spec().name(),
              j.spec().placement().nodes(),
              j.spec().placement().first(),
              j.spec().ranks(),
              itNs / 1000,
              100 * cs,
              100 * ms,
              100 * ss,
              alone.isEmpty()
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; %.1f us alone on the same nodes (x%.3f beside the other job)",
                      aloneIt / 1000,
                      interference),
              Time.toMicros(j.lastStart()) / 1000.0));
    }
    together.machine().node(specs.get(0).placement().first()).report(m);
    together.machine().report(m);
    double[] xs = new double[specs.size()];
    for (int k = 0; k < xs.length; k++) {
      xs[k] = k + 1;
    }
    // one job: where its time goes; two: how much each slows the other (their iterations can
    // differ by orders of magnitude, which one time axis would hide)
    Chart chart =
        specs.size() == 1
            ? Chart.bars(
                "app-iteration",
                "Time per iteration under " + ctx.personality() + ", by where it goes",
                "job",
                "time per iteration (us)",
                ImmutableList.copyOf(names),
                ImmutableList.of(
                    new Chart.Series("compute", xs, parts[0]),
                    new Chart.Series("MPI", xs, parts[1]),
                    new Chart.Series("system calls", xs, parts[2])),
                true)
            : Chart.bars(
                "app-interference",
                "Each job beside the other under " + ctx.personality() + ", against alone",
                "job",
                "time per iteration beside / alone",
                ImmutableList.copyOf(names),
                ImmutableList.of(new Chart.Series("beside / alone", xs, ratio)),
                false);
    long events = together.sim().eventCount();
    for (Outcome o : alone) {
      events += o.sim().eventCount();
    }
    return new RunOutput(
        together.sim().now(),
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }
}
