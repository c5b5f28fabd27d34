package org.fusedsim.scenarios.app;

import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.chip.Work;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.cl.machine.Machine;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.LatencyHistogram;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.pami.CollectiveResult;
import org.fusedsim.net.pami.Collectives;
import org.fusedsim.net.pami.PamiNetwork;
import org.fusedsim.spc.Timeline;

/**
 * MPI jobs running their rank programs on one assembled partition. Rank {@code j} of a job placed
 * on nodes {@code first ..} is application thread {@code j mod ranks_per_node} of node {@code first
 * + j / ranks_per_node}, booted and launched by the node's OS; its helper threads (threads per rank
 * above one) are application threads after the node's ranks.
 *
 * <p>A computation is work on the rank's hardware thread under its OS, split evenly over the rank's
 * threads, which the rank wakes and waits for as an OpenMP parallel region does (spinning under CNK
 * and FusedOS, sleeping in the kernel under Linux). A point-to-point action goes through PAMI on
 * the Messaging Units and the torus (a receive takes the rank's next message: matching is by count,
 * not by source or tag). A barrier, broadcast or reduction waits until every rank of the job has
 * arrived, then takes the class-route collective's time on the job's sub-block (the routers
 * combine; the closed form of {@link Collectives#classRoute}). An all-to-all is every rank's
 * messages to every other. A system call goes through the node's personality: CL and 9P under
 * FusedOS, CNK and sysiod under CNK, the Linux kernel under Linux.
 */
public final class AppRun {
  /**
   * One job on the partition.
   *
   * @param name the job's name in metrics
   * @param program what its ranks do
   * @param placement where it runs
   * @param ranksPerNode ranks on each node
   * @param threadsPerRank application threads of each rank (1: the rank's own)
   * @param fromFirstCollective whether where the time goes counts only what each rank does after
   *     its first collective (an iterative code's steady state, without the launch's skew)
   */
  public record JobSpec(
      String name,
      RankProgram program,
      Placement placement,
      int ranksPerNode,
      int threadsPerRank,
      boolean fromFirstCollective) {
    /** A job whose every action counts in where its time goes. */
    public JobSpec(
        String name,
        RankProgram program,
        Placement placement,
        int ranksPerNode,
        int threadsPerRank) {
      this(name, program, placement, ranksPerNode, threadsPerRank, false);
    }

    /** Returns the ranks of the job. */
    public int ranks() {
      return program.ranks();
    }
  }

  private final Machine machine;
  private final Simulation sim;
  private final PamiNetwork pami;
  private final int pamiPerNode;
  private final TiParams ti;
  private final List<Job> jobs = new ArrayList<>();
  private int running;
  private boolean started;

  /**
   * Prepares {@code specs} on {@code machine}; nothing runs until {@link #boot}.
   *
   * @param flopsPerInstruction floating-point operations per FP instruction, to turn a program's
   *     flops into work on the chip
   */
  public AppRun(Machine machine, List<JobSpec> specs, double flopsPerInstruction) {
    this(machine, specs, new TiParams(flopsPerInstruction, null));
  }

  /**
   * Creates the run of {@code specs} on {@code machine}, a compute action of a program becoming
   * work as {@code ti} says (plain FP instructions, or a profiled kernel).
   */
  public AppRun(Machine machine, List<JobSpec> specs, TiParams ti) {
    this.machine = machine;
    this.ti = ti;
    this.sim = machine.sim();
    this.pami = machine.pami();
    this.pamiPerNode = machine.spec().net().pami().ranksPerNode();
    for (JobSpec s : specs) {
      jobs.add(new Job(s));
    }
  }

  /** Boots every node of every job; the last rank's exit stops the simulation. */
  public void boot() {
    if (started) {
      throw new IllegalStateException("the jobs are already booted");
    }
    started = true;
    running = jobs.size();
    for (Job j : jobs) {
      j.boot();
    }
  }

  /** Returns whether every job has ended. */
  public boolean done() {
    return started && running == 0;
  }

  /** Returns the jobs, in the order given. */
  public List<Job> jobs() {
    return jobs;
  }

  /** Returns the ranks that have not finished, at most eight, with the action they are at. */
  public String waiting() {
    List<String> w = new ArrayList<>();
    for (Job j : jobs) {
      j.waiting(w);
    }
    return String.join(", ", w);
  }

  /** One job's ranks running. */
  public final class Job {
    private final JobSpec spec;
    private final RankProgram program;
    private final int ranks;
    private final int ppn;
    private final int threads;
    private final Collectives closed;
    private final int[] next;
    private final int[] pendingRecvs;
    private final long[] computePs;
    private final long[] mpiPs;
    private final long[] syscallPs;
    private final long[] end;
    private final boolean[] counting;
    private final long[] computeStart;
    private final int[] helpersUp;
    private final boolean[] mainUp;
    private final java.util.Map<String, Long> criticalNoise = new java.util.TreeMap<>();
    // per collective, the critical noise that led to it (null where there was none)
    private final List<java.util.Map<String, Long>> criticalByCollective = new ArrayList<>();
    private final Runnable[] afterCollective;
    private final List<Long> collectiveEnds = new ArrayList<>();
    private final LatencyHistogram computes;
    private long firstStart = -1;
    private long lastStart = -1;
    private int startedRanks;
    private int finished;
    private int arrived;
    private long messages;
    private long syscalls;

    Job(JobSpec spec) {
      this.spec = spec;
      this.program = spec.program();
      this.ranks = program.ranks();
      this.ppn = spec.ranksPerNode();
      this.threads = spec.threadsPerRank();
      Torus block = new Torus(spec.placement().shape());
      ClassRoute route =
          new ClassRoute(
              block, machine.spec().hardware().torus(), machine.spec().hardware().collective(), 0);
      this.closed =
          Collectives.closedForm(
              route,
              machine.spec().hardware().mu(),
              machine.spec().net().pami(),
              spec.placement().nodes());
      next = new int[ranks];
      pendingRecvs = new int[ranks];
      computePs = new long[ranks];
      mpiPs = new long[ranks];
      syscallPs = new long[ranks];
      end = new long[ranks];
      counting = new boolean[ranks];
      computeStart = new long[ranks];
      helpersUp = new int[spec.threadsPerRank() > 1 ? ranks : 0];
      mainUp = new boolean[spec.threadsPerRank() > 1 ? ranks : 0];
      java.util.Arrays.fill(counting, !spec.fromFirstCollective());
      afterCollective = new Runnable[ranks];
      computes = new LatencyHistogram("app." + spec.name() + ".compute");
    }

    /** Returns what the job was given. */
    public JobSpec spec() {
      return spec;
    }

    private int nodeOf(int r) {
      return spec.placement().first() + r / ppn;
    }

    private NodeOs os(int r) {
      return machine.node(nodeOf(r));
    }

    private int pamiRank(int r) {
      return nodeOf(r) * pamiPerNode + r % ppn;
    }

    private NetThread thread(int r) {
      return os(r).netThread(main(r));
    }

    /** The application thread on its node that rank {@code r} runs in (its threads follow it). */
    private int main(int r) {
      return (r % ppn) * threads;
    }

    void boot() {
      int nodes = spec.placement().nodes();
      for (int n = 0; n < nodes; n++) {
        int node = spec.placement().first() + n;
        NodeOs os = machine.node(node);
        int here = Math.min(ppn, ranks - n * ppn);
        if (here <= 0) {
          continue;
        }
        Runnable[] entries = new Runnable[here * threads];
        for (int t = 0; t < here; t++) {
          int rank = n * ppn + t;
          int main = t * threads;
          if (threads == 1) {
            entries[main] = () -> start(rank);
            continue;
          }
          // a rank begins once its helpers are up (an OS may start a process's threads one by
          // one); a helper then spins or sleeps until its rank hands it work
          entries[main] =
              () -> {
                mainUp[rank] = true;
                if (helpersUp[rank] == threads - 1) {
                  start(rank);
                } else {
                  os.park(main);
                }
              };
          for (int k = 1; k < threads; k++) {
            int helper = main + k;
            entries[helper] =
                () -> {
                  if (++helpersUp[rank] == threads - 1 && mainUp[rank]) {
                    os.unpark(main, helper, () -> start(rank));
                  }
                  os.park(helper);
                };
          }
        }
        os.boot(entries);
      }
    }

    private void start(int r) {
      if (firstStart < 0) {
        firstStart = sim.now();
      }
      lastStart = sim.now();
      startedRanks++;
      step(r);
    }

    /** Rank {@code r} goes on with its next action. */
    private void step(int r) {
      Op a = program.op(r, next[r]);
      if (a == null) {
        end[r] = sim.now();
        NodeOs os = os(r);
        int main = main(r);
        for (int k = 1; k < threads; k++) {
          int helper = main + k;
          os.unpark(helper, main, () -> os.exit(helper, () -> {}));
        }
        os.exit(main, () -> finish());
        return;
      }
      next[r]++;
      // an action begun before the rank's first collective counts nothing (steady state only)
      long t0 = counting[r] ? sim.now() : Long.MIN_VALUE;
      Runnable mpiDone =
          () -> {
            mpiPs[r] += steady(t0);
            step(r);
          };
      switch (a.kind()) {
        case NOTHING -> step(r);
        case COMPUTE -> compute(r, a.work() != null ? a.work() : flops(a.flops()), () -> step(r));
        case SLEEP ->
            sim.schedule(
                a.ps(),
                () -> {
                  computePs[r] += steady(t0);
                  step(r);
                });
        case SEND, ISEND -> {
          messages++;
          pami.send(pamiRank(r), peerRank(a), a.bytes(), mpiDone, () -> {});
        }
        case IRECV -> {
          pendingRecvs[r]++;
          step(r);
        }
        case RECV -> pami.expect(pamiRank(r), 1, mpiDone);
        case WAIT, WAITALL -> {
          int n = a.kind() == Op.Kind.WAIT ? Math.min(1, pendingRecvs[r]) : pendingRecvs[r];
          pendingRecvs[r] -= n;
          pami.expect(pamiRank(r), n, mpiDone);
        }
        case BARRIER -> collective(r, closed.classRoute("barrier", 0), 0, mpiDone);
        case BCAST -> collective(r, closed.classRoute("broadcast", a.bytes()), 0, mpiDone);
        case ALLREDUCE ->
            collective(r, closed.classRoute("allreduce", a.bytes()), a.flops(), mpiDone);
        case ALLTOALL -> alltoall(r, a.bytes(), mpiDone);
        case SYSCALL -> {
          syscalls++;
          os(r)
              .syscall(
                  main(r),
                  a.call(),
                  new Timeline(),
                  res -> {
                    syscallPs[r] += steady(t0);
                    step(r);
                  });
        }
      }
    }

    /** Returns the time since {@code t0}, or 0 for an action that does not count. */
    private long steady(long t0) {
      return t0 == Long.MIN_VALUE ? 0 : sim.now() - t0;
    }

    private int peerRank(Op a) {
      if (a.peer() < 0 || a.peer() >= ranks) {
        throw new IllegalStateException("rank " + a.peer() + " is not in job " + spec.name());
      }
      return pamiRank(a.peer());
    }

    private Work flops(double flops) {
      return ti.compute(flops);
    }

    private void finish() {
      if (++finished == ranks && --running == 0) {
        sim.stop();
      }
    }

    /**
     * Rank {@code r} computes {@code w}: alone, or with its helper threads each taking an equal
     * share (a parallel region: the rank wakes them, does its share, and waits for the last).
     */
    private void compute(int r, Work w, Runnable then) {
      long began = sim.now();
      long t0 = counting[r] ? began : Long.MIN_VALUE;
      computeStart[r] = began;
      NodeOs os = os(r);
      int t = main(r);
      Runnable done =
          () -> {
            computePs[r] += steady(t0);
            computes.record(sim.now() - began);
            then.run();
          };
      if (threads == 1) {
        os.compute(t, w, done);
        return;
      }
      Work share = w.part(1.0 / threads);
      int[] left = {threads};
      for (int k = 1; k < threads; k++) {
        int helper = t + k;
        os.unpark(
            helper,
            t,
            () ->
                os.compute(
                    helper,
                    share,
                    () -> {
                      if (--left[0] == 0) {
                        os.unpark(t, helper, done);
                      }
                      os.park(helper);
                    }));
      }
      os.compute(
          t,
          share,
          () -> {
            if (--left[0] == 0) {
              done.run();
            } else {
              os.park(t);
            }
          });
    }

    /**
     * A collective of every rank of the job: each waits as PAMI waits until the last has arrived,
     * then all go on after the class route's time; a reduction's combine ({@code flops}) runs on
     * each rank.
     */
    private void collective(int r, CollectiveResult cost, double flops, Runnable then) {
      afterCollective[r] = flops > 0 ? () -> compute(r, flops(flops), then) : then;
      if (++arrived == ranks) {
        // the last to arrive set the step's length: what noise took from it since the previous
        // collective let it go (a late resumption included), or since its computation began
        java.util.Map<String, Long> here = new java.util.TreeMap<>();
        if (counting[r]) {
          long from =
              collectiveEnds.isEmpty()
                  ? computeStart[r]
                  : Math.min(computeStart[r], collectiveEnds.get(collectiveEnds.size() - 1));
          os(r).noiseDuring(main(r), from, sim.now(), (src, ps) -> here.merge(src, ps, Long::sum));
          here.forEach((src, ps) -> criticalNoise.merge(src, ps, Long::sum));
        }
        criticalByCollective.add(here.isEmpty() ? null : here);
        arrived = 0;
        sim.schedule(
            cost.latencyPs(),
            () -> {
              collectiveEnds.add(sim.now());
              for (int k = 0; k < ranks; k++) {
                Runnable go = afterCollective[k];
                afterCollective[k] = null;
                counting[k] = true;
                thread(k).wake(go);
              }
            });
      }
      thread(r).sleep();
    }

    /** An all-to-all: messages to every other rank in turn, then all of theirs. */
    private void alltoall(int r, long bytes, Runnable then) {
      sendTo(r, 1, bytes, () -> pami.expect(pamiRank(r), ranks - 1, then));
    }

    private void sendTo(int r, int k, long bytes, Runnable then) {
      if (k == ranks) {
        then.run();
        return;
      }
      messages++;
      pami.send(
          pamiRank(r),
          pamiRank((r + k) % ranks),
          bytes,
          () -> sendTo(r, k + 1, bytes, then),
          () -> {});
    }

    void waiting(List<String> w) {
      for (int r = 0; r < ranks && w.size() < 8; r++) {
        if (end[r] == 0) {
          Op a = program.op(r, Math.max(0, next[r] - 1));
          w.add(spec.name() + " rank " + r + (a == null ? "" : " at " + a.where()));
        }
      }
    }

    /** Returns whether every rank has ended. */
    public boolean done() {
      return finished == ranks;
    }

    /** Returns when the first rank started. */
    public long firstStart() {
      return firstStart;
    }

    /** Returns when the last rank started (the end of the launch). */
    public long lastStart() {
      return lastStart;
    }

    /** Returns from the first rank's start to the last rank's end. */
    public long runtime() {
      long last = 0;
      for (long e : end) {
        last = Math.max(last, e);
      }
      return last - firstStart;
    }

    /** Returns the instants the job's collectives completed, in order. */
    public List<Long> collectiveEnds() {
      return collectiveEnds;
    }

    /**
     * Returns, by noise source, the time noise took from the last rank to arrive at each collective
     * (steady state) since the collective before it let it go: the noise on the critical path.
     */
    public java.util.Map<String, Long> criticalNoise() {
      return criticalNoise;
    }

    /**
     * Returns, by noise source, the critical noise (as {@link #criticalNoise}) that led to
     * collective {@code k} (0 the first): empty if none.
     */
    public java.util.Map<String, Long> criticalNoise(int k) {
      java.util.Map<String, Long> m = criticalByCollective.get(k);
      return m == null ? java.util.Map.of() : m;
    }

    /** Returns every computation's duration. */
    public LatencyHistogram computes() {
      return computes;
    }

    /**
     * Returns the ranks' computing time, summed (from the job's first collective on, if it has any;
     * so too the MPI and system-call times).
     */
    public long computePs() {
      return sum(computePs);
    }

    /** Returns the ranks' time in MPI, summed. */
    public long mpiPs() {
      return sum(mpiPs);
    }

    /** Returns the ranks' time in system calls, summed. */
    public long syscallPs() {
      return sum(syscallPs);
    }

    /** Returns rank {@code r}'s computing time. */
    public long computePs(int r) {
      return computePs[r];
    }

    /** Returns rank {@code r}'s time in MPI. */
    public long mpiPs(int r) {
      return mpiPs[r];
    }

    /** Returns rank {@code r}'s time in system calls. */
    public long syscallPs(int r) {
      return syscallPs[r];
    }

    /** Returns when rank {@code r} ended, from the first rank's start. */
    public long endOf(int r) {
      return end[r] - firstStart;
    }

    /** Returns the point-to-point messages sent. */
    public long messages() {
      return messages;
    }

    /** Returns the collectives completed. */
    public long collectives() {
      return collectiveEnds.size();
    }

    /** Returns the system calls made. */
    public long syscalls() {
      return syscalls;
    }

    /** Returns the ranks that started. */
    public int startedRanks() {
      return startedRanks;
    }
  }

  private static long sum(long[] xs) {
    long s = 0;
    for (long x : xs) {
      s += x;
    }
    return s;
  }
}
