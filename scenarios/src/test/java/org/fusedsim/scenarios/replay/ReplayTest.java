package org.fusedsim.scenarios.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fusedsim.cl.Profile;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.scenarios.cli.Main;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.trace.CstReader;
import org.fusedsim.scenarios.trace.TraceFormat;
import org.fusedsim.scenarios.trace.TraceItem;
import org.fusedsim.scenarios.trace.TraceRecord;
import org.fusedsim.scenarios.trace.TraceSource;
import org.fusedsim.spc.Syscall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Trace replay: every shipped trace under every profile, semantics, the abort, determinism. */
class ReplayTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  static Stream<Path> traces() throws IOException, URISyntaxException {
    Path dir = Path.of(ReplayTest.class.getResource("/traces").toURI());
    List<Path> l = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".strace")).sorted().forEach(l::add);
    }
    return l.stream();
  }

  @ParameterizedTest
  @MethodSource("traces")
  void everyTraceReplaysUnderAllFourProfiles(Path trace) {
    Path out = tmp.resolve("o");
    Result r = cli("replay", trace.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String p : List.of("fusedos-released", "fusedos-cnkcompat", "cnk", "linux")) {
      assertTrue(r.out().contains(p + ": simulated runtime"), r.out());
    }
    assertTrue(r.out().contains("replay.records"), r.out());
    assertTrue(r.out().contains("replay.class."), r.out());
    assertTrue(Files.exists(out.resolve("results.json")));
    assertTrue(Files.exists(out.resolve("top_calls-linux-r0.csv")));
  }

  @Test
  void everyRecordIsReplayedWhereNoJobEnds() throws Exception {
    Path trace = traces().filter(p -> p.toString().endsWith("dd.strace")).findFirst().get();
    LoadedTrace t = LoadedTrace.read(trace.toString(), null);
    for (RunRecord run : replay(List.of(t), List.of("linux", "cnk"), 3, 4.0, null)) {
      // three ranks of the same trace: every record of each is replayed
      assertEquals(3.0 * t.records(), metric(run, "replay.records"));
    }
  }

  /**
   * 64 single-thread ranks: FusedOS offers 60 SPC threads (first SPC 0), so with it among the
   * profiles 60 ranks share a node and 64 take 2 nodes; the second node (4 ranks) differs from the
   * first, so both are simulated. Two different traces are one rank each.
   */
  @Test
  void ranksFillNodesAndTracesAreOnePerRank() throws Exception {
    Path dd = traces().filter(p -> p.toString().endsWith("dd.strace")).findFirst().get();
    Path py = traces().filter(p -> p.toString().endsWith("python_write.strace")).findFirst().get();
    LoadedTrace a = LoadedTrace.read(dd.toString(), null);
    LoadedTrace b = LoadedTrace.read(py.toString(), null);
    assertEquals(1, a.threads());
    RunRecord r = replay(List.of(a), List.of("fusedos-cnkcompat", "linux"), 64, 4.0, null).get(0);
    assertEquals(60.0, metric(r, "replay.ranks_per_node"));
    assertEquals(2.0, metric(r, "replay.nodes"));
    assertEquals(2.0, metric(r, "replay.nodes_simulated"));
    assertEquals(64.0 * a.records(), metric(r, "replay.records"));
    RunRecord two = replay(List.of(a, b), List.of("cnk"), 2, 4.0, null).get(0);
    assertEquals((double) (a.records() + b.records()), metric(two, "replay.records"));
    assertEquals(2.0, metric(two, "replay.ranks_per_node"));
  }

  @Test
  void brokenInputIsExitTwoWithLocation() throws IOException {
    Path bad = tmp.resolve("bad.cst");
    Files.writeString(
        bad, "#CST 1\n0 0.0 getpid 10 0\n5 0.0 getpid ten 0\n", StandardCharsets.UTF_8);
    Result r = cli("replay", bad.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("bad.cst:3:"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    Path noise = tmp.resolve("noise.strace");
    byte[] bytes = new byte[4096];
    new java.util.SplittableRandom(7).nextBytes(bytes);
    Files.write(noise, bytes);
    Result garbage = cli("replay", noise.toString());
    assertEquals(2, garbage.code(), garbage.out());
    assertTrue(garbage.err().contains("noise.strace:"), garbage.err());
    assertFalse(garbage.err().contains("Exception"), garbage.err());
    Result missing = cli("replay", tmp.resolve("none.strace").toString());
    assertEquals(2, missing.code());
    Result shape = cli("replay", bad.toString(), "--shape", "2x2x2");
    assertEquals(2, shape.code());
    assertTrue(shape.err().contains("command-line:1:1"), shape.err());
  }

  /**
   * Two getpid calls 1 ms apart: the think time is the gap after the first call times the factor.
   */
  @Test
  void thinkTimeIsTheGapScaledByCpuSpeed() throws IOException {
    Path f = tmp.resolve("gap.cst");
    Files.writeString(
        f, "#CST 1\n0 0.0 getpid 1000 7\n1001000 0.0 getpid 1000 7\n", StandardCharsets.UTF_8);
    LoadedTrace t = LoadedTrace.read(f.toString(), null);
    // gap = 1001000 - (0 + 1000) = 1000000 ns; the first record starts the thread (gap 0)
    RunRecord slow = replay(List.of(t), List.of("fusedos-cnkcompat"), 1, 2.5, null).get(0);
    RunRecord unit = replay(List.of(t), List.of("fusedos-cnkcompat"), 1, 1.0, null).get(0);
    assertEquals(2_500_000.0, metric(slow, "replay.think_time"));
    assertEquals(1_000_000.0, metric(unit, "replay.think_time"));
    // compute on an SPC is undisturbed, so the runtimes differ by the extra think time, 1.5 ms,
    // up to the variation of the two calls' service (well under a microsecond each)
    double diff = metric(slow, "replay.runtime") - metric(unit, "replay.runtime");
    assertEquals(1_500_000.0, diff, 1_000.0);
  }

  /**
   * A clone starts its child only when it returns; the child's first call comes after its own think
   * time; {@code !exit} ends it; a sleep lasts its request.
   */
  @Test
  void cloneStartsTheChildAndExitEndsIt() throws IOException {
    Path f = tmp.resolve("clone.cst");
    Files.writeString(
        f,
        String.join(
            "\n",
            "#CST 1",
            "0 0.0 !start - - exe=x",
            "1000 0.0 clone 1000 11 child=0.1",
            "12000 0.0 nanosleep 5000000 0 req=5000000",
            "102000 0.1 getpid 1000 11",
            "103000 0.1 !exit - - code=0",
            "5012000 0.0 getpid 1000 10",
            "5013000 0.0 !exit - - code=0",
            ""),
        StandardCharsets.UTF_8);
    LoadedTrace t = LoadedTrace.read(f.toString(), null);
    assertTrue(t.cloned(1));
    assertFalse(t.cloned(0));
    for (String profile : List.of("fusedos-cnkcompat", "cnk", "linux")) {
      Replay r = setup(List.of(t), List.of(profile), 1, 1.0, null, true);
      Replay.Result res = r.run().get(0);
      List<TraceRecord> sim = res.emitted().toList();
      TraceRecord clone = find(sim, "clone", 0);
      TraceRecord child = find(sim, "getpid", 1);
      TraceRecord sleep = find(sim, "nanosleep", 0);
      // child's think: 102000 - (1000 + 1000) = 100000 ns after the clone returned
      assertTrue(child.ts() >= clone.ts() + clone.dur() + 100_000, profile + ": " + sim);
      assertTrue(sleep.dur() >= 5_000_000, profile + ": " + sleep);
      // every record of both threads ran: 7 records
      assertEquals(7.0, metric(res.run(), "replay.records_simulated"), profile);
      assertEquals(0.0, metric(res.run(), "replay.aborted"), profile);
    }
  }

  /** A wait ends at the matching wake, not at its recorded (long) duration. */
  @Test
  void futexWaitEndsAtTheWake() throws IOException {
    Path f = tmp.resolve("futex.cst");
    Files.writeString(
        f,
        String.join(
            "\n",
            "#CST 1",
            "0 0.0 clone 1000 11 child=0.1",
            "2000 0.0 futex 900000000 0 uaddr=0x10 op=FUTEX_WAIT_PRIVATE val=0",
            "3000 0.1 futex 1000 1 uaddr=0x10 op=FUTEX_WAKE_PRIVATE val=1",
            "4000 0.1 !exit - - code=0",
            "900003000 0.0 !exit - - code=0",
            ""),
        StandardCharsets.UTF_8);
    LoadedTrace t = LoadedTrace.read(f.toString(), null);
    Replay.Result res = setup(List.of(t), List.of("linux"), 1, 1.0, null, true).run().get(0);
    TraceRecord wait = find(res.emitted().toList(), "futex", 0);
    // woken by thread 0.1 about a microsecond in, far sooner than the recorded 0.9 s
    assertTrue(wait.dur() < 1_000_000, wait.toString());
  }

  /** A wait4 that reaped a child ends when the child's thread ends, bounded by its duration. */
  @Test
  void wait4EndsWhenTheReapedChildEnds() throws IOException {
    for (long childSleepNs : List.of(2_000_000L, 50_000_000L)) {
      Path f = tmp.resolve("wait4-" + childSleepNs + ".cst");
      Files.writeString(
          f,
          String.join(
              "\n",
              "#CST 1",
              "0 0.0 clone 1000 101 child=0.1",
              "2000 0.0 wait4 10000000 101",
              "3000 0.1 nanosleep " + childSleepNs + " 0 req=" + childSleepNs,
              (3000 + childSleepNs) + " 0.1 !exit - - code=0",
              "10002000 0.0 !exit - - code=0",
              ""),
          StandardCharsets.UTF_8);
      LoadedTrace t = LoadedTrace.read(f.toString(), null);
      for (String profile : List.of("fusedos-cnkcompat", "cnk", "linux")) {
        Replay.Result res = setup(List.of(t), List.of(profile), 1, 1.0, null, true).run().get(0);
        List<TraceRecord> recs = res.emitted().toList();
        TraceRecord wait = find(recs, "wait4", 0);
        TraceRecord sleep = find(recs, "nanosleep", 1);
        long waitEnd = wait.ts() + wait.dur();
        long childEnd = sleep.ts() + sleep.dur();
        if (childSleepNs < 10_000_000L) {
          // the parent goes on right after the child's exit, long before the recorded 10 ms
          assertTrue(waitEnd >= childEnd && waitEnd < childEnd + 100_000, profile + " " + recs);
        } else {
          // the child outlives the recorded wait: the wait is cut at its recorded length
          assertTrue(wait.dur() >= 10_000_000 && waitEnd < childEnd, profile + " " + recs);
        }
      }
    }
  }

  /**
   * The released CL ends the job on the first call its routing table has no case for: found here
   * independently by reading the trace and asking the routing table about each call in order.
   */
  @ParameterizedTest
  @MethodSource("traces")
  void releasedProfileReportsTheCallThatEndsTheJob(Path trace) {
    RoutingTable table = RoutingTable.load();
    TraceRecord first = null;
    try (TraceSource src = TraceFormat.open(trace.toString(), null, System.in)) {
      TraceItem item;
      while (first == null && (item = src.next()) != null) {
        if (item instanceof TraceRecord r && !r.isEvent()) {
          String path = r.attr("path") == null ? "" : r.attr("path");
          Syscall s = new Syscall(r.op(), -1, path, 0);
          if (table.fusedos(s, Profile.FUSEDOS_RELEASED, p -> false).abortsJob()) {
            first = r;
          }
        }
      }
    }
    Result r = cli("replay", trace.toString(), "--profile", "fusedos-released");
    assertEquals(0, r.code(), r.err());
    if (first == null) {
      assertFalse(r.out().contains("job ended"), r.out());
    } else {
      assertTrue(
          r.out().contains("job ended at " + first.op() + " (" + trace + ":" + first.line() + ","),
          r.out());
      assertTrue(r.out().contains("replay.aborted"), r.out());
    }
    // with skip, the job runs to its end
    Result skip =
        cli("replay", trace.toString(), "--profile", "fusedos-released", "--unsupported", "skip");
    assertEquals(0, skip.code(), skip.err());
    assertFalse(skip.out().contains("job ended"), skip.out());
  }

  @Test
  void sameSeedGivesTheSameResultsBytes() throws Exception {
    Path trace =
        traces()
            .filter(p -> p.toString().endsWith("python_threads_pwrite.strace"))
            .findFirst()
            .get();
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(
        0,
        cli("replay", trace.toString(), "--ranks", "4", "--seed", "3", "--out", a.toString())
            .code());
    assertEquals(
        0,
        cli("replay", trace.toString(), "--ranks", "4", "--seed", "3", "--out", b.toString())
            .code());
    assertArrayEquals(
        Files.readAllBytes(a.resolve("results.json")),
        Files.readAllBytes(b.resolve("results.json")));
  }

  @Test
  void emittedTraceIsValidCstWithClasses() throws Exception {
    Path trace =
        traces().filter(p -> p.toString().endsWith("python_write.strace")).findFirst().get();
    Path emit = tmp.resolve("sim.cst");
    Result r = cli("replay", trace.toString(), "--profile", "cnk", "--emit-cst", emit.toString());
    assertEquals(0, r.code(), r.err());
    long records = 0;
    long prev = -1;
    try (CstReader rd = new CstReader(Files.newInputStream(emit), emit.toString())) {
      TraceItem item;
      while ((item = rd.next()) != null) {
        if (item instanceof TraceRecord rec) {
          records++;
          assertNotNull(rec.attr("class"), rec.toString());
          assertTrue(rec.ts() >= prev, "sorted by start");
          prev = rec.ts();
        }
      }
    }
    assertTrue(records > 100, "records " + records);
  }

  @Test
  void theEmittedTraceHasEveryRankIncludingNodesThatRepeatASimulatedOne() throws Exception {
    Path f = traces().filter(p -> p.toString().endsWith("dd.strace")).findFirst().get();
    LoadedTrace t = LoadedTrace.read(f.toString(), null);
    // 130 ranks at 60 per FusedOS node: 3 nodes, each simulated on the partition with its own
    // streams and place on the torus
    Replay.Result res =
        setup(List.of(t), List.of("fusedos-cnkcompat"), 130, 4.0, null, true).run().get(0);
    List<TraceRecord> all = res.emitted().toList();
    java.util.Map<Integer, List<TraceRecord>> byRank = new java.util.TreeMap<>();
    long prev = Long.MIN_VALUE;
    for (TraceRecord r : all) {
      assertTrue(r.ts() >= prev, "sorted by start");
      prev = r.ts();
      byRank.computeIfAbsent(r.rank(), k -> new ArrayList<>()).add(r);
    }
    assertEquals(130, byRank.size());
    assertEquals(0, byRank.keySet().iterator().next());
    // rank 65 (node 1) replays the same trace as rank 5 (node 0): the same calls in the same order
    List<TraceRecord> r5 = byRank.get(5);
    List<TraceRecord> r65 = byRank.get(65);
    assertEquals(r5.size(), r65.size());
    for (int i = 0; i < r5.size(); i++) {
      assertEquals(r5.get(i).op(), r65.get(i).op());
    }
    assertEquals(byRank.get(0).size(), byRank.get(125).size());
  }

  @Test
  void aCallsLatencyStartsWhenTheComputingBeforeItEndsHoweverLongTheOsMadeIt() throws Exception {
    // The think time between calls may be stretched; CNK's local calls still cost exactly their
    // trap and service, since latency runs from the call, not from where the computing began (the
    // trace's futex calls, served in CNK's futex table, cost the futex body instead)
    Path ls = traces().filter(p -> p.toString().endsWith("ls.strace")).findFirst().get();
    LoadedTrace t = LoadedTrace.read(ls.toString(), null);
    RunRecord cnk = replay(List.of(t), List.of("cnk"), 8, 4.0, null).get(0);
    org.fusedsim.spc.CnkParams c = org.fusedsim.spc.CnkParams.defaults();
    double local = (c.syscallPs() + c.localServicePs()) / 1000.0;
    assertTrue(metric(cnk, "replay.class.cl.latency.count") > 100);
    assertEquals(local, metric(cnk, "replay.class.cl.latency.min"));
    double futex = (c.syscallPs() + c.futexPs()) / 1000.0;
    double exit = (c.syscallPs() + c.exitPs()) / 1000.0;
    assertEquals(
        Math.max(local, Math.max(futex, exit)), metric(cnk, "replay.class.cl.latency.max"));
  }

  private static TraceRecord find(List<TraceRecord> l, String op, int thread) {
    return l.stream()
        .filter(r -> r.op().equals(op) && r.thread() == thread)
        .findFirst()
        .orElseThrow(() -> new AssertionError(op + " of thread " + thread + " not in " + l));
  }

  @Test
  void filesBelowAnIonMountGoOverNinePUnderFusedosAndLinux() throws Exception {
    Path trace =
        traces().filter(p -> p.toString().endsWith("python_write.strace")).findFirst().get();
    LoadedTrace t = LoadedTrace.read(trace.toString(), null);
    Mounts srv = Mounts.of(List.of(Mounts.parse("/srv=ION", "--mount")), List.of(t));
    List<String> profiles = List.of("fusedos-cnkcompat", "linux");
    List<Replay.Result> with = run(List.of(t), profiles, srv);
    List<Replay.Result> without = run(List.of(t), profiles, Mounts.NONE);
    for (int i = 0; i < profiles.size(); i++) {
      // the calls the profile resolves by path (class FILE) on /srv, the trace's working
      // directory; lseek, fcntl and the like stay in the node's VFS even on a 9P file
      org.fusedsim.scenarios.trace.SyscallClasses classes =
          org.fusedsim.scenarios.trace.SyscallClasses.load();
      long onSrv = 0;
      for (int s = 0; s < t.threads(); s++) {
        for (ReplayOp op : t.ops(s)) {
          if (op.call() != null
              && op.call().path().startsWith("/srv/")
              && !(op.call().fd() >= 0 && op.call().fd() <= 2) // stdio stays with the job
              && classes.classOf(profiles.get(i), op.call().name()).equals("FILE")) {
            onSrv++;
          }
        }
      }
      assertTrue(onSrv > 16, "the trace writes its 16 files below /srv: " + onSrv);
      RunRecord w = with.get(i).run();
      RunRecord wo = without.get(i).run();
      assertEquals(onSrv, metric(w, "replay.class.ion.latency.count"), profiles.get(i));
      assertTrue(metric(w, "replay.ninep_requests") >= onSrv, profiles.get(i));
      assertEquals(0.0, metric(wo, "replay.ninep_requests"));
      assertFalse(wo.output().metrics().get("replay.class.ion.latency.count").isPresent());
      // the IO node is further away than the node's own memory file system
      assertTrue(metric(w, "replay.runtime") > metric(wo, "replay.runtime"), profiles.get(i));
    }
  }

  @Test
  void mountHintsAreReadAndTheCommandLineOverridesThem() throws Exception {
    Path cst = tmp.resolve("hint.cst");
    Files.writeString(
        cst,
        "#CST 1\n@clock unit=ns origin=first-record\n@mount /gpfs class=ION fs=gpfs\n"
            + "0 0.0 open 1000 3 path=/gpfs/in.dat\n"
            + "2000 0.0 read 1000 4096 fd=3 count=4096\n"
            + "4000 0.0 close 1000 0 fd=3\n"
            + "6000 0.0 open 1000 3 path=/tmp/x\n",
        StandardCharsets.UTF_8);
    LoadedTrace t = LoadedTrace.read(cst.toString(), null);
    assertEquals(List.of("/gpfs=ION"), Mounts.of(List.of(), List.of(t)).texts());
    RunRecord hinted =
        run(List.of(t), List.of("fusedos-cnkcompat"), Mounts.of(List.of(), List.of(t)))
            .get(0)
            .run();
    // open, read (through the descriptor) and close of /gpfs/in.dat; /tmp/x stays local
    assertEquals(3.0, metric(hinted, "replay.class.ion.latency.count"));
    Mounts overridden = Mounts.of(List.of(Mounts.parse("/gpfs/=LOCAL", "--mount")), List.of(t));
    assertEquals(List.of("/gpfs=LOCAL"), overridden.texts());
    RunRecord local = run(List.of(t), List.of("fusedos-cnkcompat"), overridden).get(0).run();
    assertFalse(local.output().metrics().get("replay.class.ion.latency.count").isPresent());
  }

  @Test
  void badMountsAreExitTwoWithTheirPlace() throws Exception {
    Path trace = traces().findFirst().get();
    Result r = cli("replay", trace.toString(), "--mount", "gpfs=ION");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: command-line:1:1: --mount: prefix: expected an absolute"),
        r.err());
    r = cli("replay", trace.toString(), "--mount", "/gpfs=NFS");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("expected ION or LOCAL, found 'NFS'"), r.err());
    Path cst = tmp.resolve("bad.cst");
    Files.writeString(
        cst,
        "#CST 1\n@clock unit=ns origin=first-record\n@mount /gpfs class=REMOTE\n"
            + "0 0.0 getpid 1000 7\n",
        StandardCharsets.UTF_8);
    r = cli("replay", cst.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: " + cst + ":3:1: @mount: class: expected ION"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void componentParametersSetOnTheCommandLineReachEveryNode() throws Exception {
    Path dd =
        traces().filter(p -> p.getFileName().toString().equals("dd.strace")).findFirst().get();
    LoadedTrace t = LoadedTrace.read(dd.toString(), null);
    NodeOverrides slow = NodeOverrides.parse(List.of("spc_monitor.restore=1200cycles"));
    List<RunRecord> runs = new ArrayList<>();
    for (NodeOverrides o : List.of(NodeOverrides.NONE, slow)) {
      runs.add(
          new Replay(
                  new Replay.Setup(
                      List.of(t),
                      List.of("fusedos-cnkcompat"),
                      1,
                      512,
                      "midplane",
                      ReplayParams.defaults(),
                      null,
                      1,
                      false,
                      Mounts.NONE,
                      o))
              .run()
              .get(0)
              .run());
    }
    // the restore ends every offloaded call that returns: 1000 cycles more at 1.6 GHz is 625 ns
    // on each (class cl also holds the exit_group, which never returns)
    for (String cls : List.of("lnx", "uns")) {
      String mean = "replay.class." + cls + ".latency.mean";
      assertEquals(metric(runs.get(0), mean) + 625.0, metric(runs.get(1), mean), 1e-9, cls);
    }
    assertTrue(
        runs.get(1)
            .output()
            .notes()
            .contains("fusedos-cnkcompat: parameters spc_monitor.restore=1200cycles"),
        runs.get(1).output().notes().toString());
    Result r = cli("replay", dd.toString(), "--set", "linux.irq_entry=fast");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("error: --set:1:17: linux.irq_entry: expected a number"), r.err());
    r = cli("replay", dd.toString(), "--set", "cl.profile=released");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("set by the replay itself"), r.err());
    r = cli("replay", dd.toString(), "--set", "bogus.link_bandwidth=1GB/s");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --set:1:1: unknown section 'bogus'"), r.err());
  }

  @Test
  void theDirectModelReplaysTheSameCallsWithoutTheProxy() throws Exception {
    Path f = traces().filter(p -> p.toString().endsWith("dd.strace")).findFirst().get();
    LoadedTrace t = LoadedTrace.read(f.toString(), null);
    List<Replay.Result> res = run(List.of(t), List.of("fusedos-cnkcompat", "direct"), Mounts.NONE);
    RunRecord fused = res.get(0).run();
    RunRecord direct = res.get(1).run();
    // direct routes the calls as the CNK-compatible CL does: the same classes, call for call
    for (String cls : List.of("cl", "lnx", "vfs", "uns")) {
      assertEquals(
          metric(fused, "replay.class." + cls + ".latency.count"),
          metric(direct, "replay.class." + cls + ".latency.count"),
          cls);
    }
    // but served by kernel code on the GPC, without CL's pthread leaving the wait ioctl for user
    // space: every offloaded class is cheaper
    for (String cls : List.of("cl", "lnx", "uns")) {
      assertTrue(
          metric(direct, "replay.class." + cls + ".latency.mean")
              < metric(fused, "replay.class." + cls + ".latency.mean"),
          cls);
    }
  }

  private static List<Replay.Result> run(
      List<LoadedTrace> traces, List<String> profiles, Mounts mounts) {
    return new Replay(
            new Replay.Setup(
                traces,
                profiles,
                1,
                512,
                "midplane",
                ReplayParams.defaults(),
                null,
                1,
                false,
                mounts,
                NodeOverrides.NONE))
        .run();
  }

  private static Replay setup(
      List<LoadedTrace> traces,
      List<String> profiles,
      int ranks,
      double speed,
      Unsupported policy,
      boolean emit) {
    return new Replay(
        new Replay.Setup(
            traces,
            profiles,
            ranks,
            512,
            "midplane",
            new ReplayParams(speed),
            policy,
            1,
            emit,
            Mounts.NONE,
            NodeOverrides.NONE));
  }

  private static List<RunRecord> replay(
      List<LoadedTrace> traces, List<String> profiles, int ranks, double speed, Unsupported p) {
    List<RunRecord> out = new ArrayList<>();
    for (Replay.Result r : setup(traces, profiles, ranks, speed, p, false).run()) {
      out.add(r.run());
    }
    return out;
  }

  private static double metric(RunRecord r, String name) {
    return r.output().metrics().get(name).orElseThrow().value();
  }
}
