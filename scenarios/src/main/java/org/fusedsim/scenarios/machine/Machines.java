package org.fusedsim.scenarios.machine;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.fusedsim.bgq.BgqComponents;
import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.node.HardwareParams;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.ConfigException;
import org.fusedsim.cl.node.Personalities;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.StuckException;
import org.fusedsim.core.Time;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.net.NetParams;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.net.roq.TcpParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.MetricPattern;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.torus.TorusKinds;

/**
 * From a scenario to the one assembled partition ({@link Machine}): the machine's parameter
 * sections (every kind that runs on a partition accepts them all), the personality registry, and
 * the checks a partition's values must pass before anything runs.
 */
public final class Machines {
  /**
   * The metrics an assembled partition reports under any personality: boot phases, the partition,
   * the Messaging Units, torus and IO traffic, each personality's own counters and Linux's noise.
   */
  public static final ImmutableList<MetricPattern> METRICS =
      MetricPattern.of(
          "boot.*", "ms",
          "partition.*", "nodes",
          "mu.bytes", "B",
          "mu.descriptors", "descriptors",
          "mu.misdelivered_packets", "packets",
          "mu.shared_fifos", "FIFOs",
          "torus.messages", "messages",
          "torus.packet_hops", "hops",
          "io.link_bytes", "B",
          "io_node.*.fs_bytes", "B",
          "io_node.*.fs_ops", "ops",
          "io_node.*.diod_requests", "requests",
          "roq.bursts", "bursts",
          "cl.aborted_jobs", "jobs",
          "cl.exceptions", "exceptions",
          "cl.served.*", "calls",
          "cl.clones", "threads",
          "cl.idle_wakeups", "wakeups",
          "cl.idle_rewaits", "wakeups",
          "cl.job_exit.count", "samples",
          "cl.job_exit.*", "ns",
          "cl.quit_ipis", "IPIs",
          "cl.exit_signals", "signals",
          "cl.threads_left", "threads",
          "cnk.local_calls", "calls",
          "cnk.shipped_calls", "calls",
          "cnk.ship_lock_wait.count", "samples",
          "cnk.ship_lock_wait.*", "ns",
          "cnk.stdio_lock_wait.count", "samples",
          "cnk.stdio_lock_wait.*", "ns",
          "cnk.ticks", "ticks",
          "fusedos.cl_wakeups", "wakeups",
          "fusedos.command_answers", "IPIs",
          "fusedos.ipi_handler_runs", "runs",
          "fusedos.ipis", "IPIs",
          "fusedos.spurious_ipis", "IPIs",
          "direct.ipi_handler_runs", "runs",
          "direct.served.*", "calls",
          "direct.ipis", "IPIs",
          "direct.spurious_ipis", "IPIs",
          "direct.worker_wakeups", "wakeups",
          "linux.context_switches", "switches",
          "linux.irqs", "interrupts",
          "linux.migrations", "tasks",
          "linux.ipi_lock_wait", "ns",
          "linux.futex_waits", "calls",
          "linux.futex_wakes", "calls",
          "cnk.futex_waits", "calls",
          "cnk.futex_wakes", "calls",
          "linux.resched_ipis", "IPIs",
          "linux.ticks", "ticks",
          "linux.wakeups", "wakeups",
          "node.cnk_app_threads", "threads",
          "node.gpc_threads", "threads",
          "node.linux_threads", "threads",
          "node.spc_threads", "threads",
          "node.roq_core", "core",
          "node.spc_memory_per_thread_mib", "MiB",
          "noise.*.activations", "activations",
          "syscalls.monitor_local", "calls",
          "syscalls.offloaded", "calls");

  /** The personalities of this build. */
  public static final Personalities PERSONALITIES = Personalities.builtin();

  /** The network software's sections. */
  public static final ImmutableList<ComponentSpec> NET =
      ImmutableList.of(PamiParams.SPEC, RoqParams.SPEC, TcpParams.SPEC, NinePParams.SPEC);

  private Machines() {}

  /**
   * Returns every section of the machine, in documentation order: hardware, network software, the
   * job, and every personality's sections.
   */
  public static ImmutableList<ComponentSpec> sections() {
    Map<String, ComponentSpec> m = new LinkedHashMap<>();
    for (ComponentSpec s : BgqComponents.specs()) {
      m.put(s.kind(), s);
    }
    for (ComponentSpec s : NET) {
      m.put(s.kind(), s);
    }
    m.put(PartitionParams.KIND, PartitionParams.SPEC);
    for (ComponentSpec s : PERSONALITIES.sections()) {
      m.putIfAbsent(s.kind(), s);
    }
    return ImmutableList.copyOf(m.values());
  }

  /** Returns the workload's sections followed by the machine's. */
  public static ImmutableList<ComponentSpec> with(ComponentSpec... workload) {
    ImmutableList.Builder<ComponentSpec> b = ImmutableList.builder();
    for (ComponentSpec w : workload) {
      b.add(w);
    }
    return b.addAll(sections()).build();
  }

  /** Returns every personality name, {@code first} first. */
  public static ImmutableList<String> personalities(String first) {
    ImmutableList.Builder<String> b = ImmutableList.builder();
    b.add(first);
    for (String n : PERSONALITIES.names()) {
      if (!n.equals(first)) {
        b.add(n);
      }
    }
    return b.build();
  }

  /**
   * Returns the sections of {@code s} as one run under {@code personality} sees them: the
   * scenario's values with the settings of the personality's variant on top (e.g. {@code
   * fusedos-released} sets {@code cl.profile}).
   */
  public static Sections sections(Scenario s, String personality) {
    return sections(s, personality, ImmutableMap.of());
  }

  /**
   * As {@link #sections(Scenario, String)}, with {@code extra} {@code section.key -> value}
   * settings on top (a kind comparing settings of one knob).
   */
  public static Sections sections(
      Scenario s, String personality, ImmutableMap<String, String> extra) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (PERSONALITIES.find(personality) != null) {
      settings.putAll(PERSONALITIES.settings(personality));
    }
    settings.putAll(extra);
    return Sections.with(s::section, settings);
  }

  /** Returns the hardware parameters of a scenario. */
  public static HardwareParams hardware(Scenario s) {
    return hardware(s::section);
  }

  /** Returns the hardware parameters of a run's sections. */
  public static HardwareParams hardware(Sections s) {
    // the torus section's shape is checked where a scenario's errors are reported
    TorusKinds.params(s.section(TorusParams.KIND));
    return Machine.hardware(s);
  }

  /** Returns the network software's parameters of a scenario. */
  public static NetParams net(Scenario s) {
    return net(s::section);
  }

  /** Returns the network software's parameters of a run's sections. */
  public static NetParams net(Sections s) {
    return Machine.net(s);
  }

  /** Returns the job's node count: {@code partition.nodes}, or {@code defaultNodes} for 0. */
  public static int jobNodes(Sections s, int defaultNodes) {
    int n = PartitionParams.from(s.section(PartitionParams.KIND)).nodes();
    int all = TorusKinds.params(s.section(TorusParams.KIND)).shape().nodeCount();
    return n > 0 ? n : Math.min(defaultNodes, all);
  }

  /**
   * Assembles the partition of one run.
   *
   * @param defaultNodes the job's node count when {@code partition.nodes} is 0
   * @param mounts path prefixes mounted from the IO node (true) or local (false)
   */
  public static Machine build(
      Simulation sim,
      Scenario s,
      RunContext ctx,
      int defaultNodes,
      ImmutableMap<String, Boolean> mounts) {
    return build(sim, s, ctx, defaultNodes, mounts, ImmutableMap.of());
  }

  /** As {@link #build(Simulation, Scenario, RunContext, int, ImmutableMap)} with extra settings. */
  public static Machine build(
      Simulation sim,
      Scenario s,
      RunContext ctx,
      int defaultNodes,
      ImmutableMap<String, Boolean> mounts,
      ImmutableMap<String, String> extra) {
    String p = ctx.personality().equals("none") ? "fusedos" : ctx.personality();
    Personality personality = PERSONALITIES.get(p);
    Sections run = sections(s, p, extra);
    return new Machine(
        sim,
        new Machine.Spec(
            hardware(run),
            net(run),
            run,
            personality,
            jobNodes(run, defaultNodes),
            mounts,
            ctx.streams()));
  }

  /** Returns how many application threads a node offers under {@code personality}. */
  public static int maxThreads(Scenario s, String personality) {
    return PERSONALITIES.get(personality).appThreads(sections(s, personality));
  }

  /** As {@link #maxThreads(Scenario, String)} with extra settings. */
  public static int maxThreads(Scenario s, String personality, ImmutableMap<String, String> extra) {
    return PERSONALITIES.get(personality).appThreads(sections(s, personality, extra));
  }

  /** Returns whether {@code personality} reads section {@code section}. */
  public static boolean reads(String personality, String section) {
    return PERSONALITIES.get(personality).sections().stream()
        .anyMatch(c -> c.kind().equals(section));
  }

  /**
   * Checks that every personality of {@code s} can run {@code threads} application threads per node
   * (0: none asked), and that the job fits the partition, before anything runs.
   *
   * @throws CheckException at the key whose value is at fault ({@code section.key} for the threads)
   */
  public static void check(Scenario s, int threads, String section, String key) {
    int all = TorusKinds.params(s).shape().nodeCount();
    int nodes = PartitionParams.from(s.section(PartitionParams.KIND)).nodes();
    if (nodes > all) {
      throw new CheckException(
          PartitionParams.KIND,
          "nodes",
          "a job of " + nodes + " nodes does not fit the " + all + " nodes of the partition");
    }
    checkFifos(s);
    for (String p : s.personalities()) {
      check(s, p, threads, section, key);
    }
  }

  /**
   * Checks that personality {@code p} can run {@code threads} application threads per node of
   * {@code s} (a workload whose thread count depends on the personality checks each on its own).
   *
   * @throws CheckException at the key whose value is at fault
   */
  public static void check(Scenario s, String p, int threads, String section, String key) {
    Personality personality = PERSONALITIES.get(p);
    Sections cfg = sections(s, p);
    try {
      personality.check(cfg, threads);
    } catch (ConfigException e) {
      boolean workload = e.section().isEmpty();
      throw new CheckException(
          workload ? section : e.section(), workload ? key : e.key(), e.getMessage());
    }
    int max = personality.appThreads(cfg);
    if (threads > max) {
      throw new CheckException(
          section, key, p + " offers " + max + " application threads, not " + threads);
    }
  }

  /**
   * Boots one node's FIFO allocation as every node does, so a layout in which RoQ and PAMI claim
   * the same FIFO is rejected before anything runs, unless {@code roq.allow_conflicts} lets it boot
   * with shared FIFOs.
   *
   * @throws CheckException at {@code roq.fifo_layout} on a conflict, at {@code
   *     pami.contexts_per_rank} when the contexts do not fit
   */
  public static void checkFifos(Scenario s) {
    PamiParams p;
    try {
      p =
          PamiParams.from(
              s.section(PamiParams.KIND), s.section(org.fusedsim.bgq.torus.TorusParams.KIND));
    } catch (IllegalArgumentException e) {
      // the one PAMI rule that spans sections: a single-packet message fits the torus's packet
      throw new CheckException(
          PamiParams.KIND, "short_limit", e.getMessage().replaceFirst("^pami\\.", ""));
    }
    RoqParams roq = RoqParams.from(s.section(RoqParams.KIND));
    FifoLayout layout = roq.layout();
    try {
      FifoAllocation.boot(
          new FifoOwnershipTable(0), layout, p.contextsPerNode(), roq.allowConflicts());
    } catch (FifoConflictException e) {
      throw new CheckException(
          RoqParams.KIND,
          "fifo_layout",
          "RoQ's FIFO layout '"
              + layout.name().toLowerCase(java.util.Locale.ROOT)
              + "' collides with PAMI at boot: "
              + e.getMessage()
              + "; use fifo_layout: fusedos");
    } catch (IllegalArgumentException e) {
      throw new CheckException(PamiParams.KIND, "contexts_per_rank", e.getMessage());
    }
  }

  /** No workload may run longer than this much simulated time (noise never stops). */
  public static final long LIMIT = Time.s(1000);

  /**
   * Runs until the workload is done or an OS ended the job.
   *
   * @return whether an OS ended the job
   * @throws StuckException if neither happens within {@link #LIMIT}, naming what is stuck
   */
  public static boolean runToEnd(Simulation sim, Machine m, BooleanSupplier done, String what) {
    sim.runUntil(LIMIT);
    for (var os : m.builtNodes().values()) {
      if (os.jobEnded()) {
        return true;
      }
    }
    if (!done.getAsBoolean()) {
      String stuck = m.stuck();
      throw new StuckException(
          what
              + " did not finish within "
              + Time.format(LIMIT)
              + (stuck.isEmpty() ? "" : " (" + stuck + ")"));
    }
    return false;
  }
}
