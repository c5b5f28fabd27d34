package org.fusedsim.scenarios.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.chip.ChipParams;
import org.fusedsim.bgq.chip.WorkProfiles;
import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.bgq.torus.TorusShape;
import org.fusedsim.bgq.torus.TorusTraffic;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.core.Tracer;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.ninep.FileServer;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.pami.Algorithm;
import org.fusedsim.net.pami.Collectives;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The validation tier: each published figure we can compare with, its source, its value, ours, the
 * tolerance and why, and pass or fail. It writes {@code docs/validation.md}; the normal build fails
 * when a comparison fails or the document is out of date ({@code mvn verify -Pvalidation}
 * regenerates it). Figures that were used to set a parameter are marked as consistency checks, not
 * independent validation.
 */
@Tag("validation")
class ValidationTest {
  record Comparison(
      String what,
      String source,
      double published,
      double ours,
      String unit,
      double tolerance,
      String why,
      boolean independent) {
    boolean passes() {
      return published == 0
          ? ours == 0
          : Math.abs(ours - published) <= tolerance * Math.abs(published);
    }
  }

  private static final List<String> NOT_VALIDATED =
      List.of(
          "Compute profiles (smt-scaling): the instruction mixes, dependency distances and reuse"
              + " profiles of stream_triad, dgemm, stencil7, pointer_chase and integer are"
              + " estimates from the kernels' source; no per-thread IPC or SMT scaling of the A2"
              + " was available to compare with; the DGEMM share of peak is held only to the"
              + " HPL bound above, not to a measured single-node DGEMM.",
          "System-call offload steps (trap and save, IPI, CPU-0 handler, CL wakeup, service,"
              + " resume store, waitrsv wake, restore): no per-step latencies were published for"
              + " the FusedOS prototype; every step is an estimate with its reasoning in"
              + " docs/parameters.md.",
          "Link-level flow control: router buffer sizes are not published (4 KiB estimate);"
              + " contention results depend on it at small buffer sizes.",
          "Dynamic (adaptive) routing: the hardware's algorithms (routing zones) and their"
              + " published all-to-all efficiency (85-95% of peak, Chen et al. SC12) are not"
              + " reproduced; our dynamic mode is minimal-adaptive on a dynamic VC with the"
              + " deterministic VC as bubble escape, deadlock-free by construction (DeadlockTest).",
          "Collective latency: the class route (per level the stored packet, the combine and"
              + " the hop; pieces pipelined with the node's shared-memory phases) and the"
              + " optimized trees are closed forms without contention; no published small-message"
              + " allreduce latency is compared, only the large-message throughputs above.",
          "Torus neighbour latency, 80 ns (High Performance Parallel I/O, ch. 4.1.2): the hop"
              + " default follows the 40 ns per hop of Chen et al. SC11 (router 20 + SerDes 16 +"
              + " wire 4, a split that is an estimate), so the network span of one hop is 40 ns; the"
              + " other 40 ns are the injection and reception ports, which the model counts in the"
              + " MU's descriptor_fetch and reception_deposit (100 ns together). The published"
              + " figure lies between the two spans (40 and 140 ns MU to MU); the row across Mira"
              + " compares 27 hops against 1 so that this end-point part cancels.",
          "Caches and SMT: hit rates come from each profile's reuse classes over the shares of"
              + " the L1, TLB and L2 it holds; of the hierarchy only the L2 round trip and the"
              + " DRAM bandwidth are compared with measurements (above), and no published"
              + " per-workload IPC or SMT speed-up of the A2 is.");

  /**
   * Packet against flow level on the pattern suite, midplane, as last measured (a
   * model-against-model comparison, not a published figure).
   */
  private static final String PATTERNS =
      """

      ## Packet against flow level: the pattern suite on a midplane

      `fusedsim run scenarios/catalog/torus-patterns.yaml --set torus.shape=midplane \
      --set patterns.message_size=64KiB --set patterns.alltoall_size=1KiB` (and with
      `--set torus.routing=dynamic`); makespans in us, every message started at time 0. Target:
      within 10%. Where a pattern misses it the difference is a mechanism the flow level does not
      have, bounded by the figure in the row.

      | pattern | routing | packet | flow | packet / flow | within 10% | why, bound |
      |---|---|---:|---:|---:|---|---|
      | neighbor | deterministic | 35.368 | 35.368 | 1.000 | yes | one route per link |
      | antipode | deterministic | 71.684 | 71.016 | 1.009 | yes | two routes per link, equal shares |
      | permutation | deterministic | 153.540 | 141.632 | 1.084 | yes | |
      | transpose | deterministic | 146.128 | 70.976 | 2.059 | no | head-of-line blocking: one FIFO per VC and link, so a packet whose next link is saturated holds the packets of other flows behind it; max-min sharing has no queues. Bound 2.1 |
      | alltoall | deterministic | 531.356 | 212.328 | 2.503 | no | the same blocking over 261,632 two-packet messages, and no per-node injection limit at either level; the flow figure is the max-min optimum. Bound 2.5 |
      | hotspot | deterministic | 9044.008 | 9044.328 | 1.000 | yes | the destination's links bound both |
      | bisection | deterministic | 176.840 | 176.960 | 0.999 | yes | |
      | neighbor | dynamic | 35.368 | 35.368 | 1.000 | yes | |
      | antipode | dynamic | 75.468 | 71.016 | 1.063 | yes | |
      | permutation | dynamic | 62.456 | 73.291 | 0.852 | no | the flow level spreads each message evenly over its dimension orders at one rate; the packet level picks the emptier link per hop. Bound 0.85 |
      | transpose | dynamic | 42.112 | 88.640 | 0.475 | no | the even spread loads links that adaptive choice avoids. Bound 0.47 |
      | alltoall | dynamic | 381.776 | 212.328 | 1.798 | no | head-of-line blocking as above, less of it. Bound 1.8 |
      | hotspot | dynamic | 2440.708 | 2607.566 | 0.936 | yes | |
      | bisection | dynamic | 72.352 | 93.899 | 0.771 | no | as permutation. Bound 0.77 |

      Before the dynamic VC and the spread at flow level, a dynamic random permutation of 1 MiB
      messages on a midplane deadlocked (45-126 of 511 messages delivered, reported as success),
      and the flow level routed dynamic traffic in dimension order (deterministic figures above).
      """;

  /** A published qualitative claim and whether our results show it. */
  record Claim(String claim, String source, String ours, boolean holds) {}

  private static List<RunRecord> runCatalog(String name, String... sets) {
    try {
      List<org.fusedsim.scenarios.load.SetOverride> overrides = new ArrayList<>();
      for (int i = 0; i < sets.length; i++) {
        overrides.add(org.fusedsim.scenarios.load.SetOverride.parse(sets[i], i + 1));
      }
      Scenario s =
          new ScenarioLoader(new Components().kinds())
              .load(Path.of("catalog", name + ".yaml"), overrides);
      return new Runner(Tracer.OFF).run(s);
    } catch (RuntimeException e) {
      throw new IllegalStateException("catalog scenario " + name + " did not run", e);
    }
  }

  /** Counts the protocol cut-offs where the neighbour latency jumps by more than 100 ns. */
  private static double protocolSteps(List<RunRecord> runs) {
    int steps = 0;
    for (long c : new long[] {112, 496, 2048}) {
      double below = metric(runs, "cnk", "mpi.pingpong.neighbour." + c + "B.latency");
      double above = metric(runs, "cnk", "mpi.pingpong.neighbour." + (c + 1) + "B.latency");
      if (above - below > 100) {
        steps++;
      }
    }
    return steps;
  }

  private static double metric(List<RunRecord> runs, String personality, String name) {
    return runs.stream()
        .filter(r -> r.personality().equals(personality))
        .findFirst()
        .orElseThrow()
        .output()
        .metrics()
        .get(name)
        .orElseThrow(() -> new IllegalStateException("no metric " + name))
        .value();
  }

  private static List<Claim> claims() {
    List<Claim> out = new ArrayList<>();
    List<RunRecord> fwq = runCatalog("fwq");
    double f = metric(fwq, "fusedos", "fwq.noise.cv");
    double c = metric(fwq, "cnk", "fwq.noise.cv");
    double l = metric(fwq, "linux", "fwq.noise.cv");
    out.add(
        new Claim(
            "FWQ on the SPCs is as quiet as under CNK, and far quieter than under Linux",
            "text: FusedOS, Park et al., SBAC-PAD 2012 (FWQ on SPCs vs CNK vs Linux)",
            "cv fusedos "
                + Numbers.human(f, 3)
                + ", cnk "
                + Numbers.human(c, 3)
                + ", linux "
                + Numbers.human(l, 3),
            f <= 10 * Math.max(c, 1e-9) && l >= 10 * Math.max(f, c)));
    List<RunRecord> sys = runCatalog("syscall-latency");
    double ipis = metric(sys, "fusedos", "fusedos.ipis");
    double wakeups = metric(sys, "fusedos", "fusedos.cl_wakeups");
    double offloaded = metric(sys, "fusedos", "syscalls.offloaded");
    out.add(
        new Claim(
            "every offloaded call raises one IPI to CPU 0 and wakes one CL pthread (no"
                + " monitor-local calls configured)",
            "code: the system-call path in bgq-facts.md, steps 2-4",
            Numbers.human(ipis, 6)
                + " IPIs, "
                + Numbers.human(wakeups, 6)
                + " CL wakeups, "
                + Numbers.human(offloaded, 6)
                + " offloaded calls",
            ipis == wakeups && wakeups == offloaded && offloaded > 0));
    double getpidF = metric(sys, "fusedos", "syscall.getpid.latency.p50");
    double getpidC = metric(sys, "cnk", "syscall.getpid.latency.p50");
    out.add(
        new Claim(
            "a system call offloaded to Linux costs more than one served locally by CNK",
            "design: bgq-facts.md, \"One system call from an SPC\" (an IPI, a Linux wakeup and a"
                + " remote store against a local trap)",
            "getpid p50 fusedos "
                + Numbers.human(getpidF, 5)
                + " ns, cnk "
                + Numbers.human(getpidC, 5)
                + " ns",
            getpidF > getpidC));
    List<RunRecord> rare = runCatalog("noise-injection");
    List<RunRecord> often =
        runCatalog("noise-injection", "noise.inject_period=1ms", "noise.inject_duration=25us");
    double longRare = metric(rare, "linux", "bsp.slowdown.8192nodes.100us");
    double longRareCoarse = metric(rare, "linux", "bsp.slowdown.8192nodes");
    double shortOften = metric(often, "linux", "bsp.slowdown.8192nodes");
    out.add(
        new Claim(
            "the same 2.5% net noise, injected into every node of a collective-bound loop at"
                + " about 10,000 processes, ranges from no effect to a slowdown of more than 20x"
                + " with its frequency and duration alone (ours: 8,192 ranks, compute then an"
                + " allreduce; holds if 10 Hz x 2.5 ms slows 100 us steps more than 20x and"
                + " 1 kHz x 25 us slows 1 ms steps by less than 10%, four times the net noise)",
            "text: Ferreira, Bridges, Brightwell, SC08, kernel-level noise injection on Red"
                + " Storm (bgq-facts.md, noise amplification); catalog noise-injection.yaml",
            "10 Hz x 2.5 ms: "
                + Numbers.human(longRare, 4)
                + "x at a 100 us grain ("
                + Numbers.human(longRareCoarse, 4)
                + "x at 1 ms); 1 kHz x 25 us: "
                + Numbers.human(shortOften, 4)
                + "x at 1 ms",
            longRare > 20 && shortOften < 1.1));
    List<RunRecord> smt = runCatalog("smt-scaling");
    double dgemmIpc = metric(smt, "cnk", "smt.dgemm.4threads.16cores.core_ipc");
    double dgemmPeak = dgemmIpc * WorkProfiles.DGEMM.fp() / ChipParams.defaults().fpIssue();
    out.add(
        new Claim(
            "a node's DGEMM reaches at least the share of peak that HPL, which spends most of its"
                + " time in DGEMM and loses the rest to panel factorization and communication,"
                + " reached on a whole machine: 17.17 of 20.13 PF on Sequoia (85.3%), and no more"
                + " than the peak (ours: the dgemm profile on 16 cores x 4 threads, its AXU"
                + " instructions per cycle per core over the one AXU slot, every FP instruction a"
                + " 4-wide FMA)",
            "text: TOP500 lists, Sequoia's Linpack 16.32 PF in June 2012, 17.17 PF from the"
                + " next list on; peak 98,304 nodes x 204.8 GF (bgq-facts.md); catalog"
                + " smt-scaling.yaml",
            "dgemm at 4 threads per core: " + Numbers.human(dgemmPeak, 3) + " of the FP peak",
            dgemmPeak >= 17.17 / 20.13 && dgemmPeak <= 1));
    return out;
  }

  private static List<Comparison> comparisons() {
    List<Comparison> out = new ArrayList<>();
    List<RunRecord> node = runCatalog("syscall-latency");
    out.add(
        new Comparison(
            "GPC hardware threads of a FusedOS node (Linux CPUs kept for Linux)",
            "code: nr_gpcs = 4, arch/powerpc/platforms/bgq/fusedos.c (bgq-facts.md)",
            4,
            metric(node, "fusedos", "node.gpc_threads"),
            "threads",
            0,
            "a count: exact",
            false));
    out.add(
        new Comparison(
            "SPC hardware threads of a FusedOS node",
            "code: 64 Linux threads - 4 GPCs (bgq-facts.md)",
            60,
            metric(node, "fusedos", "node.spc_threads"),
            "threads",
            0,
            "a count: exact",
            false));
    out.add(
        new Comparison(
            "core running the RoQ microcode",
            "code: common/boot/boot_bgq.sh (bgq-facts.md)",
            16,
            metric(node, "fusedos", "node.roq_core"),
            "core",
            0,
            "an index: exact",
            false));
    out.add(
        new Comparison(
            "memory per SPC thread",
            "code: fusedos_config.h (bgq-facts.md)",
            192,
            metric(node, "fusedos", "node.spc_memory_per_thread_mib"),
            "MiB",
            0,
            "a size: exact",
            false));
    List<RunRecord> pp = runCatalog("mpi-pingpong");
    out.add(
        new Comparison(
            "MPI small-message latency alpha (neighbour ping-pong 0 B to 4 MiB, fit t = alpha"
                + " + m / bandwidth, relative least squares)",
            "secondary: Fischer et al., measured-parameter table for BG/Q at ALCF (bgq-facts.md)",
            3.8,
            metric(pp, "cnk", "mpi.pingpong.alpha"),
            "us",
            0.05,
            "the small-message protocol steps of pami (send_call, inject, poll, match,"
                + " recv_complete) are scaled to meet this figure: a consistency check; 5% for"
                + " the unpublished size range of the fit",
            false));
    out.add(
        new Comparison(
            "MPI bandwidth per process (same fit: 1 / slope)",
            "secondary: Fischer et al., same table (beta = 0.0045 us per 8 B word)",
            1.78,
            metric(pp, "cnk", "mpi.pingpong.bandwidth"),
            "GB/s",
            0.05,
            "no parameter is set from it: the link rate and packet format set the asymptote"
                + " (1.855 GB/s at 4 MiB), the rendezvous handshake the bend below it; the fit's"
                + " size range is not published and moves the slope by a few percent",
            true));
    out.add(
        new Comparison(
            "MPI latency steps up at the protocol switches (neighbour, cut-off to the byte above"
                + " it, steps over 100 ns)",
            "secondary: the measured curve steps up near 128 B, 512 B and 2 KiB (bgq-facts.md);"
                + " cut-offs 112, 496, 2,048 B from the LLNL BG/Q tutorial",
            3,
            protocolSteps(pp),
            "steps",
            0,
            "a count: exact; the cut-offs are parameters set from the tutorial, so this checks"
                + " that each switch, not the bytes, makes the step",
            false));
    Simulation sim = new Simulation();
    Metrics m =
        TorusTraffic.pingPong(
                sim, TorusNetwork.create(sim, TorusParams.defaults()), List.of(0L, 4L << 20))
            .metrics();
    double lat1 = m.get("latency.0B.1hop").orElseThrow().value();
    double lat9 = m.get("latency.0B.9hop").orElseThrow().value();
    double bw = m.get("bandwidth.neighbor.4MiB").orElseThrow().value();
    out.add(
        new Comparison(
            "payload bandwidth of one torus link, one direction (4 MiB message, neighbours)",
            "text: IBM Redbook SG24-7872, ch. 2 (2 GB/s raw per direction, ~10% packet"
                + " overhead, 3.6 GB/s payload both ways)",
            1.8,
            bw,
            "GB/s",
            0.05,
            "the Redbook rounds the overhead to 10%; full 512 B packets carry 40 B of header"
                + " and trailer per 552 B (7.2%)",
            true));
    out.add(
        new Comparison(
            "zero-load latency per additional hop (0 B message, 1 vs 9 hops)",
            "secondary: ~40 ns per hop, Chen et al. SC11, quoted in bgq-facts.md",
            40.0,
            (lat9 - lat1) / 8,
            "ns",
            0.01,
            "the hop latency parameter is set from this figure: a consistency check of the"
                + " forwarding model, not an independent validation",
            false));
    out.add(
        new Comparison(
            "raw link rate seen on the wire (4 MiB message: wire bytes over transfer time)",
            "text: IBM Redbook SG24-7872, ch. 2 (2 GB/s raw per direction)",
            2.0,
            bw * 552.0 / 512.0,
            "GB/s",
            0.01,
            "the link rate parameter is set from this figure: a consistency check",
            false));
    // The file system behind one IO node: 64 writes of 1 MiB reach it at once (as from 64 compute
    // nodes); the rate is the bytes over the time the last one took, less its latency.
    Simulation fsSim = new Simulation();
    NinePParams ninep = NinePParams.defaults();
    FileServer fs = new FileServer(fsSim, ninep);
    long[] fsLast = {0};
    for (int i = 0; i < 64; i++) {
      fs.op(1L << 20, () -> fsLast[0] = fsSim.now());
    }
    fsSim.run();
    out.add(
        new Comparison(
            "file-system rate behind one IO node (64 writes of 1 MiB at once)",
            "text + arithmetic: ALCF, Mira's IOR 240 GB/s over 384 IO nodes (bgq-facts.md)",
            0.625,
            (double) (64L << 20) / Time.toNanos(fsLast[0] - ninep.fsLatencyPs()),
            "GB/s",
            0.01,
            "ninep.fs_bandwidth is set from this figure: a consistency check that the IO node's"
                + " clients share it and nothing else bounds it",
            false));
    Torus mira = new Torus(TorusShape.parse("mira"));
    int far = mira.antipode(0);
    TorusParams tp = TorusParams.defaults();
    double across =
        Time.toNanos(
            tp.closedFormLatency(0, mira.distance(0, far), mira.cableHops(0, far))
                - tp.closedFormLatency(0, 1, 0));
    out.add(
        new Comparison(
            "zero-load latency across Mira beyond the neighbour's (node 0 to its antipode, 27"
                + " hops, 6 of them over cables between midplanes, against 1 hop)",
            "text: High Performance Parallel I/O, ch. 4.1.2 (1.5 us across, 80 ns neighbour;"
                + " bgq-facts.md)",
            1420,
            across,
            "ns",
            0.01,
            "cable_latency is set from this figure ((1,500 - 80 - 26 x 40) / 6): a consistency"
                + " check; the difference of the two figures leaves out the end points, which"
                + " both spans share",
            false));
    long mib = 1 << 20;
    double product = mib * 1000.0 / allreduce(16, Algorithm.CLASSROUTE, mib);
    out.add(
        new Comparison(
            "large allreduce throughput, product algorithm (class route, 1 MiB double sum, 16"
                + " ranks per node, midplane; bytes per rank over latency)",
            "text: Kumar and Faraj, EuroMPI 2013 abstract (the product collective-network"
                + " algorithm is 3.75x slower than 6.3 GB/s)",
            1.7,
            product,
            "GB/s",
            0.10,
            "no parameter is set from it: the pieces pipeline at the link's payload rate"
                + " (1.855 GB/s, 9% above the figure) behind the fill of the first piece; the"
                + " abstract gives neither message size nor node count",
            true));
    double optimized = 4 * mib * 1000.0 / allreduce(1, Algorithm.OPTIMIZED, 4 * mib);
    out.add(
        new Comparison(
            "large allreduce throughput, optimized algorithm (10 torus trees, 4 MiB double"
                + " sum, 1 rank per node, midplane)",
            "text: Kumar and Faraj, EuroMPI 2013 abstract (6.3 GB/s with communication"
                + " threads)",
            6.3,
            optimized,
            "GB/s",
            0.10,
            "comm_threads is set from this figure (3 threads combine and forward at 8 GB/s"
                + " together, 6.0 GB/s asymptote): a consistency check; 10% because the thread"
                + " count is an integer",
            false));
    // FIFO split of the released prototype: boot the fusedos layout on a node's ownership table
    // and count where RoQ's injection FIFOs landed.
    FifoOwnershipTable table = new FifoOwnershipTable(0);
    FifoAllocation.boot(table, FifoLayout.FUSEDOS, 16);
    int roqIn5963 = 0;
    int roqElsewhere = 0;
    for (int id = 0; id < FifoKind.INJECTION.count(); id++) {
      if (FifoAllocation.ROQ.equals(table.owner(FifoKind.INJECTION, id))) {
        int sg = id / FifoKind.INJECTION.perSubgroup();
        if (sg >= 59 && sg <= 63) {
          roqIn5963++;
        } else if (sg != 58) {
          roqElsewhere++;
        }
      }
    }
    out.add(
        new Comparison(
            "RoQ injection FIFOs in subgroups 59-63 after booting the fusedos layout with 16"
                + " PAMI contexts (no conflict)",
            "code: roq/microcode bgq_hw_us_abstraction.c, roq_init.c (bgq-facts.md)",
            36,
            roqIn5963,
            "FIFOs",
            0,
            "a count: exact",
            false));
    out.add(
        new Comparison(
            "RoQ injection FIFOs outside subgroups 58-63",
            "code: as above (RoQ moved there so PAMI keeps its numbers)",
            0,
            roqElsewhere,
            "FIFOs",
            0,
            "a count: exact",
            false));
    List<RunRecord> mem = runCatalog("memory");
    out.add(
        new Comparison(
            "DRAM bandwidth per node, STREAM triad on 64 threads",
            "ERT 1.1.0 result for mira.alcf.anl.gov, best of 1/2/4 ranks x 16-64 threads"
                + " (repository ebugger/Empirical-Roofline-Toolkit; bgq-facts.md)",
            28.25,
            metric(mem, "cnk", "memory.triad.64threads.bandwidth"),
            "GB/s",
            0.10,
            "chip.dram_efficiency (0.7) was chosen knowing ERT's 66%: a consistency check; 10%"
                + " for ERT's read-modify-write kernel against the triad's 2 reads and a write",
            false));
    out.add(
        new Comparison(
            "L2 round trip of one thread (pointer chase over 4 MiB, all L2 hits)",
            "raw outputs of the L2-atomics tests, one thread, 99 cycles per load-increment with"
                + " its loop (repositories jeffhammond/HPCInfo, ospri; bgq-facts.md)",
            99,
            metric(mem, "cnk", "memory.latency.4MiB.cycles"),
            "cycles",
            0.25,
            "chip.l2_latency (80) is the commonly quoted figure, not set from this one; the"
                + " measured atomic adds the loop and the atomic unit's work, hence 25%",
            true));
    return out;
  }

  /**
   * MPI_Alltoall against the published share of network peak, as last measured by the catalog run
   * (a known failure with its cause and bound, so it cannot be a passing comparison row).
   */
  private static final String ALLTOALL =
      """

      ## MPI_Alltoall: share of network peak

      Published: 85-95% of network peak up to 16K nodes, > 90% at 65,536 ranks (text: Chen et al.
      SC12; Kumar et al., bgq-facts.md). Tolerance: inside the published band, since the band
      already spans partition sizes. Peak: every minimal route spread perfectly over every link,
      the busiest dimension bounding, payload at the link rate after packet headers
      (`MpiAlltoallKind.peakTime`). Ours: metric `mpi.alltoall.<N>nodes.<size>B.peak_fraction`,
      16 ranks per node, flow level, `torus.tie_break=split`, cnk. 32 nodes: `mpi-alltoall.yaml`,
      the whole machine simulated; 512 and 4,096 nodes: `mpi-alltoall-512.yaml` and
      `mpi-alltoall-4096.yaml`, `mpi_alltoall.network=classes` (the flow level folded by
      translation, `AlltoallClasses`). A midplane simulated flow by flow at 64 KiB:
      `scenarios/bench/alltoall-midplane-64k.yaml`, 4.6 minutes (docs/performance.md).

      The simulated runs are PAMI's many-to-many protocol, which MPICH selects for
      MPI_Alltoall on BG/Q (`I0:M2MComposite:MU:MU`): direct puts into memory the receiver
      prepared, no request-to-send, remote get or acknowledgement. A node's puts go through its
      ranks' own contexts' FIFOs (the put to node d through context d mod 16), each FIFO works
      through its descriptors in order, and the node's MU injects at most `mu.injection_engines`
      (16, an estimate) descriptors at once. One descriptor per node pair stands for the 256
      messages between the two nodes' ranks (16 MiB at 64 KiB).

      | nodes x ranks | how | 8 B | 512 B | 2 KiB | 8 KiB | 32 KiB | 64 KiB |
      |---|---|---:|---:|---:|---:|---:|---:|
      | 32 x 16 | simulated, every descriptor at once (before) | 0.005 | 0.194 | 0.449 | 0.728 | 0.912 | 0.953 |
      | 32 x 16 | simulated, rendezvous, FIFOs in order (before) | 0.005 | 0.132 | 0.197 | 0.220 | 0.224 | 0.226 |
      | 32 x 16 | simulated, many-to-many puts, 32 engines or more | 0.005 | 0.199 | 0.457 | 0.732 | 0.914 | 0.954 |
      | 32 x 16 | simulated | 0.005 | 0.184 | 0.375 | 0.538 | 0.628 | 0.646 |
      | 32 x 16 | classes (cross-check) | 0.005 | 0.202 | 0.460 | 0.735 | 0.915 | 0.954 |
      | 512 x 16 | simulated (bench, 64 KiB only) | | | | | | 0.327 |
      | 512 x 16 | classes | 0.010 | 0.330 | 0.624 | 0.845 | 0.956 | 0.977 |
      | 4,096 x 16 | classes | 0.040 | 0.663 | 0.869 | 0.956 | 0.989 | 0.994 |

      | result (85-95%) | 8 B | 512 B | 2 KiB | 8 KiB | 32 KiB | 64 KiB |
      |---|---|---|---|---|---|---|
      | 32 nodes | FAIL (below) | FAIL (below) | FAIL (below) | FAIL (below) | FAIL (below) | FAIL (below) |
      | 512 nodes, classes | FAIL (below) | FAIL (below) | FAIL (below) | FAIL (below) | FAIL (above) | FAIL (above) |
      | 4,096 nodes, classes | FAIL (below) | FAIL (below) | pass | FAIL (above) | FAIL (above) | FAIL (above) |

      Small messages are bound by each rank's software per message ((N - 1) x 16 sends and
      receives), as on the real machine; the published band is for large messages. The classes
      rows start every node pair's flow at once and share every link max-min, with no
      head-of-line blocking, buffer or injection limit: the top of what the routing allows,
      which passes through the band and ends above it. The simulated rows end below it, and
      why is measured, not guessed: with 32 engines or more (a node board has 31 destinations,
      so nothing waits for an engine) the node board reaches 0.954, the all-at-once figure;
      with 16 a node's sixteen oldest puts hold its engines, each at the rate of its slowest
      link downstream, and 0.646 of peak is left; on a midplane (511 destinations per node)
      0.327. On the machine each rank's 64 KiB messages are descriptors of their own, 256 per
      node pair, so an engine is held by one throttled message 256 times shorter than by our
      aggregate and moves on; the aggregate is what keeps the simulated midplane to minutes
      (261,632 descriptors instead of 67 million). The simulated figures are therefore a
      lower bound of the protocol, the classes figures an upper bound of the network; the
      engine count, which sets where between them the simulated run lands, is not published
      in bgq-facts.md. Ties: with `plus` every destination half-way round a ring takes one
      direction, so a ring of 2 (every dimension of a node board) uses one of its two links:
      at most 0.5; `split` sends half each way, which the published band needs; bgq-facts.md
      does not say what the hardware does, so the default stays `plus` (a deterministic message
      keeps its packets in order on one path, as RoQ needs) and the all-to-all scenarios choose
      `split` (torus README). Before the many-to-many protocol the simulated kind sent
      rendezvous messages whose replies queued on the sender's ten remote-get FIFOs, one per
      direction: 0.226 on the node board, 0.141 on the midplane.
      """;

  @Test
  void publishedFiguresAreMatchedAndTheDocumentIsCurrent() throws IOException {
    List<Comparison> cs = comparisons();
    List<Claim> claims = claims();
    String doc = render(cs, claims);
    Path file = Path.of("..", "docs", "validation.md");
    if (Boolean.getBoolean("golden.update") || Boolean.getBoolean("validation.update")) {
      Files.writeString(file, doc, StandardCharsets.UTF_8);
    }
    for (Comparison c : cs) {
      assertTrue(
          c.passes(),
          c.what() + ": ours " + c.ours() + " vs published " + c.published() + " " + c.unit());
    }
    for (Claim c : claims) {
      assertTrue(c.holds(), c.claim() + ": " + c.ours());
    }
    assertEquals(
        doc,
        Files.readString(file, StandardCharsets.UTF_8),
        "docs/validation.md is out of date: mvn verify -Pvalidation regenerates it");
  }

  private static String render(List<Comparison> cs, List<Claim> claims) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Validation\n\n")
        .append("Generated by the validation tier (`mvn verify -Pvalidation`, test")
        .append(" `ValidationTest`); the normal build fails when a comparison fails or this file")
        .append(" is out of date. \"consistency\" marks a figure that was also used to set a")
        .append(" parameter: it shows the model reproduces it, not that the model is right.\n\n")
        .append("| what | source | published | ours | tolerance | kind | result |\n")
        .append("|---|---|---:|---:|---:|---|---|\n");
    for (Comparison c : cs) {
      sb.append("| ")
          .append(c.what())
          .append(" | ")
          .append(c.source())
          .append(" | ")
          .append(Numbers.human(c.published(), 4))
          .append(' ')
          .append(c.unit())
          .append(" | ")
          .append(Numbers.human(c.ours(), 4))
          .append(' ')
          .append(c.unit())
          .append(" | ")
          .append(Numbers.human(100 * c.tolerance(), 3))
          .append("% | ")
          .append(c.independent() ? "validation" : "consistency")
          .append(" | ")
          .append(c.passes() ? "pass" : "FAIL")
          .append(" |\n");
    }
    sb.append("\nWhy each tolerance:\n\n");
    for (Comparison c : cs) {
      sb.append("- ").append(c.what()).append(": ").append(c.why()).append(".\n");
    }
    sb.append("\n## Published qualitative results\n\n")
        .append("| claim | source | ours | result |\n|---|---|---|---|\n");
    for (Claim c : claims) {
      sb.append("| ")
          .append(c.claim())
          .append(" | ")
          .append(c.source())
          .append(" | ")
          .append(c.ours())
          .append(" | ")
          .append(c.holds() ? "holds" : "DOES NOT HOLD")
          .append(" |\n");
    }
    sb.append(PATTERNS);
    sb.append(ALLTOALL);
    sb.append("\n## Not validated\n\n");
    for (String n : NOT_VALIDATED) {
      sb.append("- ").append(n).append('\n');
    }
    return sb.toString();
  }

  /** Returns the closed-form allreduce latency in ps on a midplane with default parameters. */
  private static long allreduce(int ppn, Algorithm a, long bytes) {
    TorusParams t = TorusParams.defaults();
    ClassRoute route = new ClassRoute(new Torus(t.shape()), t, ClassRoute.defaults(), 0);
    Collectives c =
        Collectives.closedForm(
            route,
            MuParams.defaults(),
            PamiParams.defaults().withRanksPerNode(ppn),
            t.shape().nodeCount());
    return a == Algorithm.OPTIMIZED
        ? c.optimized(bytes).latencyPs()
        : c.classRoute("allreduce", bytes).latencyPs();
  }
}
