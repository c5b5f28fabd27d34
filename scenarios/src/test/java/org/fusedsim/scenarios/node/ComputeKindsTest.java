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
}
