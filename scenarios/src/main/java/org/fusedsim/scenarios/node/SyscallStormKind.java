package org.fusedsim.scenarios.node;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.cl.fusedos.FusedosParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.fusedosfs.LinuxParams;
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
              .build(),
          Parameter.builder("gpc_cores", ParamType.TEXT)
              .unit("cores")
              .defaultValue("")
              .source("experiment design")
              .description(
                  "comma-separated fusedos.gpc_cores settings to compare (empty: the fusedos"
                      + " section's)")
              .build(),
          Parameter.builder("ipi_targets", ParamType.TEXT)
              .unit("-")
              .defaultValue("")
              .source("experiment design")
              .description(
                  "comma-separated fusedos.ipi_target settings to compare (empty: the fusedos"
                      + " section's)")
              .build(),
          Parameter.builder("ipi_dispatch", ParamType.TEXT)
              .unit("cycles")
              .defaultValue("")
              .source("experiment design")
              .description(
                  "comma-separated linux.ipi_dispatch settings to compare, e.g. 0cycles (the"
                      + " global IPI lock held for no time) beside the default (empty: the linux"
                      + " section's)")
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
  public ImmutableList<MetricPattern> metrics() {
    return MetricPattern.concat(
        MetricPattern.of(
            "storm.**.latency.count", "samples",
            "storm.**.latency.*", "ns",
            "storm.**.breakdown.*", "ns",
            "storm.**.throughput", "calls/us",
            "storm.**.ipi_handler_runs", "runs",
            "storm.**.spurious_ipis", "IPIs"),
        Machines.METRICS);
  }

  @Override
  public ImmutableList<String> headline() {
    return ImmutableList.of("storm.**.latency.p50", "storm.**.throughput");
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

  /** One setting of the knobs compared: {@code section.key -> value}, and its name. */
  record Setting(String label, String prefix, ImmutableMap<String, String> values) {}

  static List<Setting> settings(Scenario s, String personality) {
    ParamValues v = s.section("storm");
    List<String> gpc = list(v.text("gpc_cores"));
    List<String> ipi = list(v.text("ipi_targets"));
    List<String> dispatch = list(v.text("ipi_dispatch"));
    List<Setting> out = new ArrayList<>();
    if (!Machines.reads(personality, FusedosParams.KIND)
        || (gpc.isEmpty() && ipi.isEmpty() && dispatch.isEmpty())) {
      out.add(new Setting("", "storm.", ImmutableMap.of()));
      return out;
    }
    FusedosParams base = FusedosParams.from(s.section(FusedosParams.KIND));
    List<String> gs = gpc.isEmpty() ? List.of(String.valueOf(base.gpcCores())) : gpc;
    List<String> is = ipi.isEmpty() ? List.of(base.ipiTarget().id()) : ipi;
    // the dispatch is named only when it is compared, so the other comparisons keep their names
    List<String> ds = dispatch.isEmpty() ? java.util.Collections.singletonList(null) : dispatch;
    for (String g : gs) {
      for (String i : is) {
        for (String d : ds) {
          ImmutableMap.Builder<String, String> values =
              ImmutableMap.<String, String>builder()
                  .put(FusedosParams.KIND + ".gpc_cores", g)
                  .put(FusedosParams.KIND + ".ipi_target", i);
          String label = "gpc_cores=" + g + " ipi_target=" + i;
          String prefix = "storm.gpc_cores_" + g + ".ipi_" + i + ".";
          if (d != null) {
            values.put(LinuxParams.KIND + ".ipi_dispatch", d);
            label += " ipi_dispatch=" + d;
            prefix += "dispatch_" + d + ".";
          }
          out.add(new Setting(label, prefix, values.build()));
        }
      }
    }
    return out;
  }

  private static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    for (String p : Splitter.on(',').trimResults().omitEmptyStrings().split(text)) {
      out.add(p);
    }
    return out;
  }

  @Override
  public void check(Scenario s) {
    Machines.check(s, 0, "storm", "thread_counts");
    SyscallLatencyKind.checkCallNames(List.of(s.section("storm").text("call")), "storm", "call");
    for (String g : list(s.section("storm").text("gpc_cores"))) {
      try {
        int n = Integer.parseInt(g);
        if (n < 1 || n > 4) {
          throw new CheckException("storm", "gpc_cores", "GPC cores are 1-4, not " + g);
        }
      } catch (NumberFormatException e) {
        throw new CheckException("storm", "gpc_cores", "not a whole number: " + g);
      }
    }
    for (String d : list(s.section("storm").text("ipi_dispatch"))) {
      try {
        org.fusedsim.core.param.ParamValues.builder(LinuxParams.SPEC)
            .set("ipi_dispatch", d)
            .build();
      } catch (org.fusedsim.core.param.ParamException e) {
        throw new CheckException("storm", "ipi_dispatch", e.getMessage());
      }
    }
    for (String i : list(s.section("storm").text("ipi_targets"))) {
      if (!List.of("cpu0", "spread", "cl-cpu").contains(i)) {
        throw new CheckException(
            "storm", "ipi_targets", "expected cpu0, spread or cl-cpu, got '" + i + "'");
      }
    }
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
    }
    // with a sweep of GPC cores a count may fit only some settings (the rest are left out with a
    // note); without one every count must fit the node
    boolean sweep = !list(s.section("storm").text("gpc_cores")).isEmpty();
    int need = sweep ? counts.get(0) : counts.stream().mapToInt(Integer::intValue).max().getAsInt();
    Machines.check(s, need, "storm", "thread_counts");
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
            "gpc_cores:cores",
            "ipi_target:-",
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
    List<Setting> settings = settings(s, ctx.personality());
    long simTime = 0;
    long events = 0;
    List<String> notes = new ArrayList<>();
    List<Chart.Series> series = new ArrayList<>();
    for (Setting st : settings) {
      List<Double> xs = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      CallStats first = null;
      CallStats last = null;
      int firstN = 0;
      int lastN = 0;
      double lastRate = 0;
      int max = Machines.maxThreads(s, ctx.personality(), st.values());
      String gpcLabel = st.values().getOrDefault(FusedosParams.KIND + ".gpc_cores", "-");
      String ipiLabel = st.values().getOrDefault(FusedosParams.KIND + ".ipi_target", "-");
      for (int n : counts) {
        if (n > max) {
          notes.add(
              (st.label().isEmpty() ? "" : st.label() + ": ")
                  + n
                  + " threads do not fit the "
                  + max
                  + " application threads; left out");
          continue;
        }
        Simulation sim = ctx.newSimulation(1024, st.prefix() + "threads_" + n);
        Machine machine = Machines.build(sim, s, ctx, 1, ImmutableMap.of(), st.values());
        NodeSections.Runs<SyscallLoop> runs =
            NodeSections.runOnNodes(
                sim,
                machine,
                "storm with " + n + " threads",
                (os, finished) -> {
                  SyscallLoop l =
                      new SyscallLoop(os, ImmutableList.of(Syscall.of(call)), per, 0, finished);
                  os.boot(l.entries(n));
                  return l;
                });
        if (runs.ended()) {
          throw new IllegalStateException(
              "the OS ended the job during the storm: choose a call the profile serves");
        }
        SyscallLoop loop = runs.workloads().get(0);
        CallStats cs = loop.stats().get(call);
        String prefix = st.prefix() + "threads_" + n;
        cs.report(m, prefix);
        double rate = cs.total().count() / Time.toMicros(loop.finishedAt() - loop.startedAt());
        m.put(prefix + ".throughput", rate, "calls/us");
        Metrics node = new Metrics();
        machine.node(0).report(node);
        for (String key : List.of("fusedos.ipi_handler_runs", "fusedos.spurious_ipis")) {
          node.get(key).ifPresent(x -> m.put(prefix + "." + key.substring(8), x.value(), x.unit()));
        }
        xs.add((double) n);
        p50.add(Time.toNanos(cs.total().percentile(50)));
        p99.add(Time.toNanos(cs.total().percentile(99)));
        boolean full = cs.fullPath() == cs.total().count();
        t.row(
            gpcLabel,
            ipiLabel,
            n,
            p50.get(p50.size() - 1),
            p99.get(p99.size() - 1),
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
          firstN = n;
        }
        last = cs;
        lastN = n;
        lastRate = rate;
      }
      if (first != null && last != first && first.fullPath() > 0 && last.fullPath() > 0) {
        notes.add(growth(st.label(), firstN, lastN, first, last, lastRate));
      }
      double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
      if (settings.size() == 1) {
        series.add(
            new Chart.Series("p50", x, p50.stream().mapToDouble(Double::doubleValue).toArray()));
        series.add(
            new Chart.Series("p99", x, p99.stream().mapToDouble(Double::doubleValue).toArray()));
      } else {
        series.add(
            new Chart.Series(
                st.label() + " p50", x, p50.stream().mapToDouble(Double::doubleValue).toArray()));
      }
    }
    Chart chart =
        new Chart(
            "storm-latency",
            "System-call storm under " + ctx.personality() + ": latency of " + call,
            "threads calling back to back",
            "latency (ns)",
            ImmutableList.copyOf(series));
    return new RunOutput(
        simTime,
        events,
        m,
        ImmutableList.of(t.build()),
        ImmutableList.copyOf(notes),
        ImmutableList.of(chart));
  }

  /** Names the step of the path whose mean grew most from the first thread count to the last. */
  private static String growth(
      String label, int firstN, int lastN, CallStats first, CallStats last, double rate) {
    String[] names = new String[CallStats.steps().length];
    int most = 0;
    double grow = Double.NEGATIVE_INFINITY;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      names[i] = CallStats.steps()[i].stepName();
      double d = last.stepMeanNs(i) - first.stepMeanNs(i);
      if (d > grow) {
        grow = d;
        most = i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      double a = first.stepMeanNs(i);
      double b = last.stepMeanNs(i);
      if (b - a > 0.05 * Math.max(1, last.meanNs() - first.meanNs())) {
        sb.append(sb.length() == 0 ? "" : ", ")
            .append(names[i])
            .append(' ')
            .append(Numbers.human(a, 4))
            .append(" -> ")
            .append(Numbers.human(b, 4))
            .append(" ns");
      }
    }
    return (label.isEmpty() ? "" : label + ": ")
        + "from "
        + firstN
        + " to "
        + lastN
        + " threads the mean grows from "
        + Numbers.human(first.meanNs(), 5)
        + " to "
        + Numbers.human(last.meanNs(), 5)
        + " ns (throughput "
        + Numbers.human(rate, 4)
        + " calls/us); "
        + names[most]
        + " grows most. Steps that grew: "
        + sb;
  }
}
