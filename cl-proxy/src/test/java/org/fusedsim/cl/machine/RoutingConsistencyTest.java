package org.fusedsim.cl.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fusedsim.cl.Profile;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.cl.ServiceClass;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Time;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.SyscallResult;
import org.fusedsim.spc.Timeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every call of the routing table (the 230 names of the reference's per-call table and the other
 * x86-64 names) is served by each personality's node in the class the table gives it, the class a
 * report names: the node counts, in the branch that serves the call, the class it served it in. A
 * file call is tried on the IO node's 9P mount, on a node-local path and on stdout.
 */
class RoutingConsistencyTest {
  private static final RoutingTable TABLE = RoutingTable.load();
  private static final ImmutableMap<String, Boolean> MOUNTS = ImmutableMap.of("/gpfs", true);

  private static List<Syscall> variants(String name) {
    return List.of(
        new Syscall(name, 3, "/gpfs/data", 64),
        new Syscall(name, 4, "/tmp/data", 64),
        new Syscall(name, 1, "", 64));
  }

  private static ServiceClass expected(String personality, Syscall c) {
    return switch (personality) {
      case "cnk" -> TABLE.cnkClass(c);
      case "linux" -> TABLE.linuxClass(c, p -> p.startsWith("/gpfs/"));
      case "fusedos-released" ->
          TABLE.fusedos(c, Profile.FUSEDOS_RELEASED, p -> p.startsWith("/gpfs/")).cls();
      default -> TABLE.fusedos(c, Profile.FUSEDOS_CNKCOMPAT, p -> p.startsWith("/gpfs/")).cls();
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"fusedos-released", "fusedos-cnkcompat", "cnk", "linux", "direct"})
  void everyCallIsServedInTheClassItIsReportedIn(String personality) {
    List<String> mismatches = new ArrayList<>();
    List<Syscall> calls = new ArrayList<>();
    for (String name : TABLE.names()) {
      calls.addAll(variants(name));
    }
    int i = 0;
    while (i < calls.size()) {
      // the released CL ends the job on a call missing from its switch: a new node goes on
      i = runFrom(personality, calls, i, mismatches);
    }
    assertTrue(mismatches.isEmpty(), personality + ": " + mismatches);
  }

  /** Issues calls from {@code first} on one node until they are done or the job ends. */
  private static int runFrom(
      String personality, List<Syscall> calls, int first, List<String> mismatches) {
    Simulation sim = new Simulation();
    Machine m = TestMachines.machine(sim, personality, Map.of(), MOUNTS);
    NodeOs node = m.node(0);
    int[] next = {first};
    node.boot(new Runnable[] {() -> issue(node, calls, next, mismatches, personality)});
    sim.runUntil(Time.s(60));
    if (next[0] < calls.size() && !node.jobEnded()) {
      throw new AssertionError(personality + ": stuck at " + calls.get(next[0]));
    }
    return next[0] == first ? first + 1 : next[0];
  }

  private static void issue(
      NodeOs node, List<Syscall> calls, int[] next, List<String> bad, String p) {
    if (next[0] == calls.size()) {
      node.exit(0, () -> {});
      return;
    }
    Syscall c = calls.get(next[0]);
    ServiceClass want = expected(p, c);
    long before = node.served(want);
    long total = total(node);
    next[0]++;
    boolean aborts =
        p.equals("fusedos-released")
            && TABLE.fusedos(c, Profile.FUSEDOS_RELEASED, x -> false).abortsJob();
    node.syscall(
        0,
        c,
        new Timeline(),
        (SyscallResult r) -> {
          if (node.served(want) != before + 1 || total(node) != total + 1) {
            bad.add(c + " expected " + want);
          }
          if ((want == ServiceClass.UNS) != (r.errno() != 0)) {
            bad.add(c + " " + want + " returned errno " + r.errno());
          }
          issue(node, calls, next, bad, p);
        });
    if (aborts) {
      // the node counts the call before CL ends the job: check it once the job has ended
      node.sim()
          .schedule(
              Time.us(100), () -> assertEquals(before + 1, node.served(want), c + " under " + p));
    }
  }

  private static long total(NodeOs node) {
    long n = 0;
    for (ServiceClass c : ServiceClass.values()) {
      n += node.served(c);
    }
    return n;
  }
}
