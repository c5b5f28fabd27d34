package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.machine.Machines;
import org.fusedsim.scenarios.phold.PholdBench;
import org.fusedsim.scenarios.phold.PholdParams;
import org.fusedsim.scenarios.report.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fusedsim bench}: performance benchmarks that print figures and ratios. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Performance benchmarks; each prints figures and ratios against a baseline run in the same process.",
    subcommands = {
      BenchCommand.Phold.class,
      BenchCommand.Queue.class,
      BenchCommand.Torus.class,
      BenchCommand.ChipUnits.class,
      BenchCommand.Partition.class,
      TraceBenchCommand.class,
      ReplayBenchCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code fusedsim bench phold}. */
  @Command(
      name = "phold",
      mixinStandardHelpOptions = true,
      description = {
        "PHOLD on the fusedsim kernel and on SSJ's Simulator (splay tree, one Event object per",
        "event) in the same process with identical draws. Checks both executed the same",
        "(time, process) sequence and prints events per second and their ratio.",
        "Without --lps, runs 1,024 and 1,048,576 processes."
      })
  public static final class Phold implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--lps",
        paramLabel = "N",
        split = ",",
        description = "Logical processes (list allowed).")
    List<Integer> lps = new ArrayList<>();

    @Option(
        names = "--events",
        paramLabel = "M",
        description = "Events per run (default ${DEFAULT-VALUE}).",
        defaultValue = "20000000")
    long events;

    @Option(
        names = "--repeat",
        paramLabel = "R",
        description = "Measured repetitions; medians are printed (default ${DEFAULT-VALUE}).",
        defaultValue = "1")
    int repeat;

    @Option(
        names = "--seed",
        paramLabel = "N",
        defaultValue = "1",
        description = "Seed of the draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<Integer> sizes = lps.isEmpty() ? List.of(1024, 1 << 20) : lps;
      if (events < 1 || repeat < 1 || sizes.stream().anyMatch(n -> n < 1)) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--lps, --events and --repeat must be >= 1");
      }
      PholdBench bench = new PholdBench(seed);
      out.println(
          "# PHOLD: lookahead 1ns, mean delay 1us, population 1; JVM "
              + System.getProperty("java.version")
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " processors");
      out.flush();
      for (int n : sizes) {
        // Warm up both engines (JIT) on a shorter run of the same shape; not reported.
        long warm = Math.max(1, Math.min(events / 5, 2_000_000));
        bench.compare(new PholdParams(n, 1, 1_000, 1_000_000, warm));
        PholdParams p = new PholdParams(n, 1, 1_000, 1_000_000, events);
        double[] f = new double[repeat];
        double[] s = new double[repeat];
        boolean match = true;
        for (int i = 0; i < repeat; i++) {
          PholdBench.Result r = bench.compare(p);
          f[i] = r.fusedsimEps();
          s[i] = r.ssjEps();
          match &= r.hashMatch();
          if (repeat > 1) {
            out.println(
                String.format(
                    Locale.ROOT,
                    "#   rep %d: fusedsim %.3f s, ssj %.3f s",
                    i + 1,
                    r.fusedsimSeconds(),
                    r.ssjSeconds()));
            out.flush();
          }
        }
        double fe = median(f);
        double se = median(s);
        out.println(
            "phold lps="
                + n
                + " events="
                + events
                + " fusedsim_eps="
                + Numbers.human(fe, 4)
                + " ssj_eps="
                + Numbers.human(se, 4)
                + " ratio="
                + Numbers.human(fe / se, 3)
                + " hash_match="
                + match);
        out.flush();
      }
      return ExitCodes.OK;
    }

    static double median(double[] v) {
      double[] c = v.clone();
      Arrays.sort(c);
      int n = c.length;
      return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }
  }

  /** {@code fusedsim bench queue}. */
  @Command(
      name = "queue",
      mixinStandardHelpOptions = true,
      description = {
        "Hold model on the pending-event set: the kernel's calendar queue against a plain",
        "4-ary heap, in the same process with the same operations. Without --size, runs",
        "1,024 and 1,048,576 pending events."
      })
  public static final class Queue implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--size",
        paramLabel = "N",
        split = ",",
        description = "Pending events (list allowed).")
    List<Integer> sizes = new ArrayList<>();

    @Option(
        names = "--ops",
        paramLabel = "M",
        defaultValue = "10000000",
        description = "Steps per run (default ${DEFAULT-VALUE}).")
    long ops;

    @Option(
        names = "--repeat",
        paramLabel = "R",
        defaultValue = "3",
        description = "Measured repetitions; medians are printed (default ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<Integer> ns = sizes.isEmpty() ? List.of(1024, 1 << 20) : sizes;
      if (ops < 1 || repeat < 1 || ns.stream().anyMatch(n -> n < 1)) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--size, --ops and --repeat must be >= 1");
      }
      for (int n : ns) {
        org.fusedsim.core.QueueBenchmark warm =
            new org.fusedsim.core.QueueBenchmark(n, Math.max(1, ops / 5), 2);
        warm.heap();
        warm.calendar();
        double[] h = new double[repeat];
        double[] c = new double[repeat];
        boolean agree = true;
        for (int i = 0; i < repeat; i++) {
          org.fusedsim.core.QueueBenchmark b = new org.fusedsim.core.QueueBenchmark(n, ops, 1);
          org.fusedsim.core.QueueBenchmark.Result rh = b.heap();
          org.fusedsim.core.QueueBenchmark.Result rc = b.calendar();
          h[i] = rh.nanosPerOp();
          c[i] = rc.nanosPerOp();
          agree &= rh.checksum() == rc.checksum();
        }
        double hm = Phold.median(h);
        double cm = Phold.median(c);
        out.println(
            "queue size="
                + n
                + " ops="
                + ops
                + " heap_ns_per_op="
                + Numbers.human(hm, 4)
                + " calendar_ns_per_op="
                + Numbers.human(cm, 4)
                + " speedup="
                + Numbers.human(hm / cm, 3)
                + " same_order="
                + agree);
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  /** {@code fusedsim bench torus}. */
  @Command(
      name = "torus",
      mixinStandardHelpOptions = true,
      description = {
        "The contention workload (every node sends to its antipode at once) at packet level,",
        "printing packet-hops per second of wall time; the same workload at flow level runs in",
        "the same process as the baseline."
      })
  public static final class Torus implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--shape",
        paramLabel = "SHAPE",
        defaultValue = "midplane",
        description = "Partition shape (default ${DEFAULT-VALUE}).")
    String shape;

    @Option(
        names = "--size",
        paramLabel = "BYTES",
        defaultValue = "1MiB",
        description = "Message size (default ${DEFAULT-VALUE}).")
    String size;

    @Option(
        names = "--repeat",
        paramLabel = "R",
        defaultValue = "3",
        description = "Measured repetitions; medians are printed (default ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      org.fusedsim.bgq.torus.TorusParams p;
      long bytes;
      try {
        p =
            org.fusedsim.bgq.torus.TorusParams.defaults()
                .withShape(org.fusedsim.bgq.torus.TorusShape.parse(shape));
        bytes = org.fusedsim.core.DataSize.parse(size).bytes();
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      if (repeat < 1) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--repeat must be >= 1");
      }
      // Warm-up run (JIT), not reported.
      antipode(p.withFidelity(org.fusedsim.bgq.torus.Fidelity.PACKET), bytes);
      double[] packetSeconds = new double[repeat];
      double[] flowSeconds = new double[repeat];
      org.fusedsim.bgq.torus.TorusTraffic.BenchResult r = null;
      for (int i = 0; i < repeat; i++) {
        long t0 = wallNanos();
        r = antipode(p.withFidelity(org.fusedsim.bgq.torus.Fidelity.PACKET), bytes);
        long t1 = wallNanos();
        antipode(p.withFidelity(org.fusedsim.bgq.torus.Fidelity.FLOW), bytes);
        long t2 = wallNanos();
        packetSeconds[i] = (t1 - t0) / 1e9;
        flowSeconds[i] = (t2 - t1) / 1e9;
      }
      double ps = Phold.median(packetSeconds);
      double fs = Phold.median(flowSeconds);
      out.println(
          "torus shape="
              + p.shape()
              + " message="
              + bytes
              + "B messages="
              + r.messages()
              + " packet_hops="
              + r.packetHops()
              + " simulated_us="
              + Numbers.human(org.fusedsim.core.Time.toMicros(r.simulatedPs()), 7)
              + " packet_wall_s="
              + Numbers.human(ps, 4)
              + " flow_wall_s="
              + Numbers.human(fs, 4)
              + " packet_over_flow_wall="
              + Numbers.human(ps / fs, 3)
              + " packet_hops_per_s="
              + Numbers.human(r.packetHops() / ps, 4));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code fusedsim bench chip}. */
  @Command(
      name = "chip",
      mixinStandardHelpOptions = true,
      description = {
        "Work units on every hardware thread of one chip, each start and end re-rating it:",
        "profiled units (the A2 core and memory model) against units of the same sizes as",
        "costs (the throughput model's arithmetic) in the same process; prints work units and",
        "simulated core-seconds per second of wall time and their ratio."
      })
  public static final class ChipUnits implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--units",
        paramLabel = "N",
        defaultValue = "20000",
        description = "Work units per hardware thread (default ${DEFAULT-VALUE}).")
    int units;

    @Option(
        names = "--repeat",
        paramLabel = "R",
        defaultValue = "3",
        description = "Measured repetitions; medians are printed (default ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() {
      if (units < 1 || repeat < 1) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--units and --repeat must be >= 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      // Warm-up (JIT), not reported.
      org.fusedsim.bgq.chip.ChipBench.run(units / 4 + 1, true);
      org.fusedsim.bgq.chip.ChipBench.run(units / 4 + 1, false);
      double[] prof = new double[repeat];
      double[] cost = new double[repeat];
      org.fusedsim.bgq.chip.ChipBench p = null;
      org.fusedsim.bgq.chip.ChipBench c = null;
      for (int i = 0; i < repeat; i++) {
        long t0 = wallNanos();
        p = org.fusedsim.bgq.chip.ChipBench.run(units, true);
        long t1 = wallNanos();
        c = org.fusedsim.bgq.chip.ChipBench.run(units, false);
        long t2 = wallNanos();
        prof[i] = (t1 - t0) / 1e9;
        cost[i] = (t2 - t1) / 1e9;
      }
      double ps = Phold.median(prof);
      double cs = Phold.median(cost);
      out.println(
          "chip units="
              + p.units()
              + " profiled_events="
              + p.events()
              + " profiled_wall_s="
              + Numbers.human(ps, 4)
              + " cost_wall_s="
              + Numbers.human(cs, 4)
              + " profiled_units_per_s="
              + Numbers.human(p.units() / ps, 4)
              + " cost_units_per_s="
              + Numbers.human(c.units() / cs, 4)
              + " profiled_over_cost_wall="
              + Numbers.human(ps / cs, 3)
              + " profiled_core_s_per_wall_s="
              + Numbers.human(p.coreSeconds() / ps, 4)
              + " cost_core_s_per_wall_s="
              + Numbers.human(c.coreSeconds() / cs, 4));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code fusedsim bench partition}. */
  @Command(
      name = "partition",
      mixinStandardHelpOptions = true,
      description = {
        "A BSP (compute, then an 8-byte allreduce, every step) filling a block, every node",
        "booted with its OS model, then PHOLD with as many events on the same kernel in the",
        "same process; prints events per second, simulated node-seconds per wall second,",
        "heap bytes per node and the ratio to PHOLD's event rate.",
        "Without --nodes, runs 512, 8,192 and 98,304 nodes (the last needs about 8 GB of heap:",
        "FUSEDSIM_JAVA_OPTS=-Xmx16g)."
      })
  public static final class Partition implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--nodes",
        paramLabel = "N",
        split = ",",
        description =
            "Block sizes (32, 512, 1024, 2048, 4096, 8192, 49152 or 98304; list allowed).")
    List<Integer> nodes = new ArrayList<>();

    @Option(
        names = "--os",
        paramLabel = "P",
        defaultValue = "linux",
        description = "Personality (default ${DEFAULT-VALUE}).")
    String personality;

    @Option(
        names = "--steps",
        paramLabel = "S",
        defaultValue = "10",
        description = "BSP steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
        names = "--ranks-per-node",
        paramLabel = "R",
        defaultValue = "16",
        description = "MPI ranks per node (default ${DEFAULT-VALUE}).")
    int ranksPerNode;

    @Option(
        names = "--grain",
        paramLabel = "T",
        defaultValue = "1ms",
        description = "Computation per rank and step (default ${DEFAULT-VALUE}).")
    String grain;

    @Override
    public Integer call() {
      if (nodes.isEmpty()) {
        nodes = List.of(512, 8192, 98304);
      }
      if (steps < 2 || ranksPerNode < 1 || ranksPerNode > 64) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--steps must be >= 2 and --ranks-per-node 1-64");
      }
      if (Machines.PERSONALITIES.find(personality) == null) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--os: unknown personality '"
                + personality
                + "': expected one of "
                + String.join(", ", Machines.PERSONALITIES.names()));
      }
      long grainPs;
      try {
        grainPs = org.fusedsim.core.Time.parse(grain);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--grain: " + e.getMessage());
      }
      for (int n : nodes) {
        if (org.fusedsim.scenarios.app.PartitionBench.block(n) == null) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "--nodes: no block of " + n + " nodes is known");
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      // Warm-up (JIT) on a node board, not reported.
      org.fusedsim.scenarios.app.PartitionBench.run(
          personality,
          org.fusedsim.scenarios.app.PartitionBench.block(32),
          ranksPerNode,
          steps,
          grainPs,
          1);
      for (int n : nodes) {
        var r =
            org.fusedsim.scenarios.app.PartitionBench.run(
                personality,
                org.fusedsim.scenarios.app.PartitionBench.block(n),
                ranksPerNode,
                steps,
                grainPs,
                1);
        long[] hash = new long[1];
        double[] ph =
            new PholdBench(1)
                .runFusedsim(
                    new PholdParams(1024, 1, 1_000, 1_000_000, Math.max(1, r.events())), hash);
        double pholdEps = ph[1] / ph[0];
        out.println(
            "partition nodes="
                + n
                + " os="
                + personality
                + " ranks="
                + (long) n * ranksPerNode
                + " steps="
                + steps
                + " events="
                + r.events()
                + " wall_s="
                + Numbers.human(r.wallSeconds(), 4)
                + " events_per_s="
                + Numbers.human(r.eventsPerSecond(), 4)
                + " node_s_per_wall_s="
                + Numbers.human(r.nodeSecondsPerSecond(), 4)
                + " bytes_per_node="
                + r.bytesPerNode()
                + " step_us="
                + Numbers.human(r.stepPs() / 1e6, 6)
                + " phold_events_per_s="
                + Numbers.human(pholdEps, 4)
                + " events_per_s_over_phold="
                + Numbers.human(r.eventsPerSecond() / pholdEps, 3));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  /** Every node of a partition's torus sends to its antipode: the partition assembled for it. */
  static org.fusedsim.bgq.torus.TorusTraffic.BenchResult antipode(
      org.fusedsim.bgq.torus.TorusParams p, long bytes) {
    org.fusedsim.core.Simulation sim =
        new org.fusedsim.core.Simulation(org.fusedsim.core.Tracer.OFF, 4 * p.shape().nodeCount());
    org.fusedsim.bgq.node.PartitionHardware hw =
        new org.fusedsim.bgq.node.PartitionHardware(
            sim, org.fusedsim.bgq.node.HardwareParams.defaults(p));
    return org.fusedsim.bgq.torus.TorusTraffic.allToAntipode(sim, hw.network(), bytes);
  }

  @org.fusedsim.core.SuppressForbidden(reason = "a benchmark measures wall time")
  static long wallNanos() {
    return System.nanoTime();
  }
}
