package org.fusedsim.scenarios.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fusedsim.core.Metrics;
import org.fusedsim.core.Tracer;
import org.fusedsim.scenarios.cli.Components;
import org.fusedsim.scenarios.cli.Main;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;
import org.fusedsim.scenarios.workload.CallStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKindsTest {
  @TempDir Path tmp;

  private List<RunRecord> run(String yaml) throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, yaml);
    Scenario s = new ScenarioLoader(new Components().kinds()).load(f, List.of());
    return new Runner(Tracer.OFF).run(s);
  }

  /** Runs an FWQ scenario under two personalities; their metrics in order. */
  private Metrics[] fwqPair(int seed, String personalities, String section) throws IOException {
    List<RunRecord> runs =
        run("name: t\nkind: fwq\nseed: " + seed + "\nos: " + personalities + "\nfwq:\n" + section);
    return new Metrics[] {runs.get(0).output().metrics(), runs.get(1).output().metrics()};
  }

  private static double v(Metrics m, String name) {
    return m.get(name).orElseThrow(() -> new AssertionError("no metric " + name)).value();
  }

  private int exit(String yaml, StringWriter err) throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, yaml);
    return Main.execute(
        new String[] {"run", f.toString()},
        new PrintWriter(new StringWriter()),
        new PrintWriter(err));
  }

  @Test
  void fusedosBreakdownSumsToTheMeanAndTheCountersAgree() throws IOException {
    List<RunRecord> runs =
        run(
            "name: t\nkind: syscall-latency\nseed: 3\nos: fusedos,cnk,linux\nsyscalls:\n"
                + "  iterations: 50\n  threads: 2\n");
    assertEquals(3, runs.size());
    Metrics m = runs.get(0).output().metrics();
    for (String call : List.of("getpid", "write")) {
      double sum = 0;
      for (var step : CallStats.steps()) {
        sum += v(m, "syscall." + call + ".breakdown." + step.stepName());
      }
      double mean = v(m, "syscall." + call + ".latency.mean");
      assertEquals(mean, sum, mean * 1e-12, call);
    }
    double offloaded = v(m, "syscalls.offloaded");
    // the 200 calls and the two exits: the first thread's exit returns and traps again in
    // glibc's exit loop, the last one's ends the job
    assertEquals(203, offloaded);
    assertEquals(offloaded, v(m, "fusedos.ipis"));
    assertEquals(offloaded, v(m, "fusedos.cl_wakeups"));
    assertEquals(60, v(m, "node.spc_threads"));
    assertEquals(4, v(m, "node.gpc_threads"));
    assertEquals(16, v(m, "node.roq_core"));
    assertEquals(192, v(m, "node.spc_memory_per_thread_mib"));
    // cnk ships the stdout write to stdiod and serves getpid locally.
    Metrics cnk = runs.get(1).output().metrics();
    assertEquals(100, v(cnk, "cnk.shipped_calls"));
    assertEquals(102, v(cnk, "cnk.local_calls")); // getpid and the two exits
    assertTrue(v(cnk, "syscall.write.latency.min") > v(cnk, "syscall.getpid.latency.max"));
  }

  @Test
  void theReleasedClEndingTheJobIsAResultNotAFailure() throws IOException {
    List<RunRecord> runs =
        run(
            "name: t\nkind: syscall-latency\nos: fusedos\nsyscalls:\n  calls: getpid,pread64\n"
                + "  iterations: 5\ncl:\n  profile: fusedos-released\n");
    Metrics m = runs.get(0).output().metrics();
    assertEquals(1, v(m, "job.ended_by_os"));
    assertEquals(1, v(m, "cl.aborted_jobs"));
    assertEquals(1, v(m, "syscall.getpid.latency.count"));
    assertEquals(0, v(m, "syscall.pread64.latency.count"));
  }

  @Test
  void aLaunchRuleViolationIsBadInput() throws IOException {
    StringWriter err = new StringWriter();
    int code =
        exit(
            "name: t\nkind: syscall-latency\nos: fusedos\nsyscalls:\n  threads: 1\ncl:\n"
                + "  first_spc: 2\n",
            err);
    assertEquals(2, code);
    assertTrue(
        err.toString().contains(":7:14: cl.first_spc: fusedos: first SPC must be a multiple of 4"),
        err.toString());
  }

  @Test
  void moreStormThreadsThanSpcsIsBadInput() throws IOException {
    StringWriter err = new StringWriter();
    int code =
        exit("name: t\nkind: syscall-storm\nos: fusedos\nstorm:\n  thread_counts: 1,61\n", err);
    assertEquals(2, code);
    assertTrue(err.toString().contains("storm.thread_counts"), err.toString());
  }

  @Test
  void theStormComparesTheIpiLocksDispatchAndRefusesABadOne() throws IOException {
    List<RunRecord> runs =
        run(
            "name: t\nkind: syscall-storm\nos: fusedos\nstorm:\n  thread_counts: 1,15\n"
                + "  calls_per_thread: 20\n  ipi_dispatch: 0cycles,400cycles\n");
    Metrics m = runs.get(0).output().metrics();
    String none = "storm.gpc_cores_1.ipi_cpu0.dispatch_0cycles.threads_";
    String lock = "storm.gpc_cores_1.ipi_cpu0.dispatch_400cycles.threads_";
    // alone, a call pays the dispatch once: 400 cycles at 1.6 GHz
    assertEquals(250, v(m, lock + "1.latency.p50") - v(m, none + "1.latency.p50"), 1e-9);
    // 15 callers: every dispatch holds the one lock, so the calls wait for each other longer
    assertTrue(v(m, lock + "15.latency.mean") > v(m, none + "15.latency.mean"));
    StringWriter err = new StringWriter();
    int code =
        exit("name: t\nkind: syscall-storm\nos: fusedos\nstorm:\n  ipi_dispatch: fast\n", err);
    assertEquals(2, code);
    assertTrue(err.toString().contains("storm.ipi_dispatch"), err.toString());
  }

  @Test
  void fwqOnSpcsSeesNoNoiseAndLinuxSeesTheTick() throws IOException {
    Metrics[] m = fwqPair(2, "fusedos,linux", "  samples: 100\n  work: 200us\n  threads: 4\n");
    Metrics fused = m[0];
    Metrics linux = m[1];
    // CL places the 4 threads on consecutive SPCs: the 4 hardware threads of one core, which share
    // its one integer issue slot, so a sample of 200 us of integer work alone takes 4 x 200 us.
    // Nothing else runs on that core: no sample is longer than that.
    assertEquals(800_000, v(fused, "fwq.sample.max"));
    assertEquals(800_000, v(fused, "fwq.sample.mean"), 800_000 * 1e-5);
    assertEquals(0, v(fused, "fwq.noise.share_above_1pct"));
    // Linux puts one thread on each core: the work alone, plus the ticks. 4 threads x 20 ms of
    // work cross 2 ticks each (at 10 and 20 ms after boot rounding), so some sample is longer than
    // the work by at least one tick's cost.
    assertEquals(200_000, v(linux, "fwq.sample.min"));
    assertTrue(v(linux, "linux.ticks") >= 4, "ticks " + v(linux, "linux.ticks"));
    assertTrue(v(linux, "fwq.sample.max") > 200_000);
  }

  @Test
  void fwqUnderCnkTakesNoTick() throws IOException {
    // CNK has no periodic tick (it arms the decrementer only for interval timers and nanosleep):
    // 64 threads x 100 samples of 200 us of work cross 80 periods of a 100 Hz tick, and CNK takes
    // no decrementer interrupt in any of them. Four threads share a core's integer issue slot, so
    // every sample is exactly 4 x 200 us.
    List<RunRecord> runs =
        run("name: t\nkind: fwq\nseed: 2\nos: cnk\nfwq:\n  samples: 100\n  work: 200us\n");
    Metrics cnk = runs.get(0).output().metrics();
    assertEquals(0, v(cnk, "cnk.ticks"));
    assertEquals(800_000, v(cnk, "fwq.sample.min"));
    assertEquals(800_000, v(cnk, "fwq.sample.max"));
    assertEquals(0, v(cnk, "fwq.noise.cv"));
  }

  @Test
  void profiledFwqOnSpcsPaysForCore0sOsWorkThroughTheL2AndCnkPaysNothing() throws IOException {
    // DGEMM samples keep their panels in the L2: under fusedos the SPC threads see no OS work of
    // their own, but Linux on core 0 (at seed 1 a daemon wakes while they sample) touches
    // L2 lines and evicts theirs; the noise is that refill, and all of it comes from core 0. CNK
    // runs no OS work while the threads sample: no refill, no noise.
    Metrics[] m =
        fwqPair(
            1, "fusedos,cnk", "  samples: 1000\n  work: 200us\n  profile: dgemm\n  threads: 16\n");
    Metrics fused = m[0];
    Metrics cnk = m[1];
    double l2 = v(fused, "fwq.noise.l2_refill");
    assertTrue(l2 > 0, "no L2 refill under fusedos");
    assertEquals(l2, v(fused, "fwq.noise.l2_refill_from.gpc"), l2 * 1e-12);
    assertEquals(0, v(fused, "fwq.noise.l2_refill_from.roq"));
    assertEquals(0, v(fused, "fwq.noise.l1_refill"));
    // small: a few lines per tick and thread against samples of half a millisecond
    assertTrue(v(fused, "fwq.noise.overhead") < 1e-4, "overhead " + v(fused, "fwq.noise.overhead"));
    assertEquals(v(fused, "fwq.noise.overhead"), l2, l2 * 0.2);
    assertEquals(0, v(cnk, "fwq.noise.l2_refill"));
    assertEquals(0, v(cnk, "fwq.noise.overhead"));
  }

  @Test
  void bspStepsLastAsLongAsTheSlowestThread() throws IOException {
    List<RunRecord> runs =
        run(
            "name: t\nkind: bsp\nseed: 2\nos: fusedos,linux\nbsp:\n  steps: 20\n"
                + "  work: 100us\n  barrier: 160cycles\n  threads: 8\n");
    Metrics fused = runs.get(0).output().metrics();
    Metrics linux = runs.get(1).output().metrics();
    // 8 threads fill two SPC cores, 4 integer threads to a core sharing one integer issue slot:
    // the work (100 us alone) and the spinning release (100 ns alone) each take 4 times as long.
    assertEquals(4 * 100_100, v(fused, "bsp.step.max"));
    assertEquals(4 * 100_100, v(fused, "bsp.step.min"));
    // Linux spreads the 8 threads over 8 cores, each alone on its core. The waiting threads sleep:
    // a released thread needs a reschedule IPI (125 ns), interrupt entry (250 ns), the IPI's
    // dispatch under the one global IPI lock, which the seven IPIs sent at once take in turn
    // (the last waits for six: 7 x 250 ns), the exit (187.5 ns) and a context switch (937.5 ns).
    assertEquals(100_100 + 125 + 250 + 7 * 250 + 187.5 + 937.5, v(linux, "bsp.step.min"), 0.5);
  }
}
