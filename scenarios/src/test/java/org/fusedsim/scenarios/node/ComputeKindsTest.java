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
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.run.RunRecord;
import org.fusedsim.scenarios.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compute kinds and FWQ's profiles: bad input is refused, the translation shows. */
class ComputeKindsTest {
  @TempDir Path tmp;

  private int exit(String yaml, StringWriter err) throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, yaml);
    return Main.execute(
        new String[] {"run", f.toString()},
        new PrintWriter(new StringWriter()),
        new PrintWriter(err));
  }

  @Test
  void anUnknownProfileIsBadInputNamingTheKnownOnes() throws IOException {
    StringWriter err = new StringWriter();
    assertEquals(2, exit("name: t\nkind: fwq\nos: cnk\nfwq:\n  profile: linpack\n", err));
    assertTrue(err.toString().contains("stream_triad"), err.toString());
  }

  @Test
  void aProfileWithItsOwnTrafficIsBadInput() throws IOException {
    StringWriter err = new StringWriter();
    String yaml = "name: t\nkind: fwq\nos: cnk\nfwq:\n  profile: dgemm\n  dram_bytes: 1MiB\n";
    assertEquals(2, exit(yaml, err));
    assertTrue(err.toString().contains("profile"), err.toString());
  }

  @Test
  void moreThanFourThreadsPerCoreIsBadInput() throws IOException {
    StringWriter err = new StringWriter();
    assertEquals(
        2, exit("name: t\nkind: smt-scaling\nos: cnk\nsmt:\n  threads_per_core: 1,8\n", err));
  }

  @Test
  void linuxPagesMissTheTlbWhereCnksStaticMappingsDoNot() throws IOException {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(
        f,
        "name: t\nkind: smt-scaling\nos: cnk,linux\nsmt:\n  profiles: pointer_chase\n"
            + "  cores: 1\n  threads_per_core: 1\n  instructions: 100000\n");
    List<RunRecord> runs =
        new Runner(Tracer.OFF).run(new ScenarioLoader(new Components().kinds()).load(f, List.of()));
    Metrics cnk = runs.get(0).output().metrics();
    Metrics linux = runs.get(1).output().metrics();
    String mpki = "smt.pointer_chase.1threads.tlb_mpki";
    assertEquals(0, cnk.get(mpki).orElseThrow().value(), 0);
    // 256 MiB at random over a 32 MiB reach: 7/8 of the 800 loads per 1000 instructions miss
    assertEquals(700, linux.get(mpki).orElseThrow().value(), 1e-6);
    String ipc = "smt.pointer_chase.1threads.core_ipc";
    assertTrue(linux.get(ipc).orElseThrow().value() < cnk.get(ipc).orElseThrow().value());
  }

  @Test
  void theLinuxSlowdownSplitsIntoTranslationPollutionAndNoise() throws IOException {
    Path f = tmp.resolve("o.yaml");
    Files.writeString(
        f,
        "name: t\nkind: os-slowdown\nos: cnk,fusedos,linux\nslowdown:\n"
            + "  profiles: pointer_chase, integer\n  cores: 1\n  duration: 30ms\n");
    List<RunRecord> runs =
        new Runner(Tracer.OFF).run(new ScenarioLoader(new Components().kinds()).load(f, List.of()));
    Metrics cnk = runs.get(0).output().metrics();
    Metrics fusedos = runs.get(1).output().metrics();
    Metrics linux = runs.get(2).output().metrics();
    for (String p : List.of("pointer_chase", "integer")) {
      String k = "slowdown." + p + ".";
      assertEquals(1, cnk.get(k + "total").orElseThrow().value(), 0);
      // the SPCs run the same compute as CNK's threads: static maps, nothing else on the core
      assertEquals(1, fusedos.get(k + "total").orElseThrow().value(), 0.005, p);
      assertEquals(0, fusedos.get(k + "tlb").orElseThrow().value(), 1e-4, p);
      // the parts add up to what linux adds
      double total = linux.get(k + "total").orElseThrow().value();
      double sum =
          linux.get(k + "tlb").orElseThrow().value()
              + linux.get(k + "pollution").orElseThrow().value()
              + linux.get(k + "noise").orElseThrow().value();
      assertEquals(total - 1, sum, 1e-9, p);
      assertTrue(total > 1, p + " under linux " + total);
    }
    // pointer chasing over 256 MiB misses Linux's TLB: translation is most of its slowdown;
    // the integer loop's 2 KiB footprint misses nothing
    assertTrue(linux.get("slowdown.pointer_chase.tlb").orElseThrow().value() > 0.2);
    assertEquals(0, linux.get("slowdown.integer.tlb").orElseThrow().value(), 1e-9);
  }

  @Test
  void bspStepsComputeAProfileAndPayLinuxsTranslation() throws IOException {
    Path f = tmp.resolve("b.yaml");
    Files.writeString(
        f,
        "name: t\nkind: bsp\nos: cnk,linux\nbsp:\n  steps: 20\n  work: 100us\n"
            + "  threads: 4\n  profile: pointer_chase\n");
    List<RunRecord> runs =
        new Runner(Tracer.OFF).run(new ScenarioLoader(new Components().kinds()).load(f, List.of()));
    Metrics cnk = runs.get(0).output().metrics();
    Metrics linux = runs.get(1).output().metrics();
    double c = cnk.get("bsp.step.mean").orElseThrow().value();
    double l = linux.get("bsp.step.mean").orElseThrow().value();
    // 100 us worth of cycles of pointer chasing is far more than 100 us on the in-order A2
    assertTrue(c > 1_000_000, "cnk step " + c);
    // Linux's 64 KiB pages add TLB walks to every step
    assertTrue(l > 1.2 * c, "linux " + l + " against cnk " + c);
    assertTrue(cnk.get("bsp.slowdown").isEmpty(), "no slowdown against a plain cost");
  }
}
