package org.fusedsim.scenarios.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fusedsim.core.Time;
import org.fusedsim.scenarios.cli.Components;
import org.junit.jupiter.api.Test;

/** One failing case per validation rule, each checking the message and its exact location. */
class ScenarioLoaderTest {
  private final ScenarioLoader loader = new ScenarioLoader(new Components().kinds());

  /** Every registered kind, in registration order, as the messages list them. */
  private static final String KINDS = String.join(", ", new Components().kinds().names());

  private static final String GOOD =
      """
      name: t
      kind: phold
      seed: 3
      phold:
        lps: 64
        lookahead: 2ns
      """;

  private String error(String text, String... sets) {
    InputException e =
        assertThrows(
            InputException.class,
            () -> {
              List<SetOverride> o = new java.util.ArrayList<>();
              for (int i = 0; i < sets.length; i++) {
                o.add(SetOverride.parse(sets[i], i + 1));
              }
              loader.load("s.yaml", text, o);
            });
    return e.userMessage();
  }

  @Test
  void validScenarioWithDefaults() {
    Scenario s = loader.load("s.yaml", GOOD, List.of());
    assertEquals("t", s.name());
    assertEquals(3, s.seed());
    assertEquals(1, s.replications());
    assertEquals(64, s.section("phold").integer("lps"));
    assertEquals(Time.ns(2), s.section("phold").time("lookahead"));
    assertEquals(Time.us(1), s.section("phold").time("mean_delay"), "default applies");
  }

  @Test
  void unknownTopLevelKey() {
    assertEquals(
        "error: s.yaml:3:1: unknown key 'sed' (did you mean 'seed'?) (expected one of: name, description, kind, seed,"
            + " replications, os, phold, expect)",
        error("name: t\nkind: phold\nsed: 3\n"));
  }

  @Test
  void unknownSectionKey() {
    assertEquals(
        "error: s.yaml:4:3: unknown key 'phold.lsp' (did you mean 'lps'?) (expected one of: lps, population,"
            + " lookahead, mean_delay, events)",
        error("name: t\nkind: phold\nphold:\n  lsp: 4\n"));
  }

  @Test
  void wrongType() {
    assertEquals(
        "error: s.yaml:4:8: phold.lps: expected integer, got 'many'",
        error("name: t\nkind: phold\nphold:\n  lps: many\n"));
  }

  @Test
  void missingUnit() {
    assertEquals(
        "error: s.yaml:4:14: phold.lookahead: missing unit in '40' (expected duration with unit"
            + " (ps, ns, us, ms, s, cycles))",
        error("name: t\nkind: phold\nphold:\n  lookahead: 40\n"));
  }

  @Test
  void unknownUnit() {
    assertEquals(
        "error: s.yaml:4:14: phold.lookahead: expected a duration with unit ps, ns, us, ms, s or"
            + " cycles, got '40 parsecs'",
        error("name: t\nkind: phold\nphold:\n  lookahead: 40 parsecs\n"));
  }

  @Test
  void outOfRange() {
    assertEquals(
        "error: s.yaml:4:8: phold.lps: 0 is below the minimum 1",
        error("name: t\nkind: phold\nphold:\n  lps: 0\n"));
    assertEquals(
        "error: s.yaml:3:15: replications: 0 is below the minimum 1",
        error("name: t\nkind: phold\nreplications: 0\n"));
  }

  @Test
  void missingRequiredKeys() {
    assertEquals(
        "error: s.yaml:1:1: missing required key 'kind' (one of: " + KINDS + ")",
        error("name: t\n"));
    assertEquals(
        "error: s.yaml:1:1: missing required key 'name' in scenario", error("kind: phold\n"));
  }

  @Test
  void unknownKind() {
    assertEquals(
        "error: s.yaml:2:7: kind: expected one of "
            + KINDS
            + ", got 'pholt' (did you mean 'phold'?)",
        error("name: t\nkind: pholt\n"));
  }

  @Test
  void duplicateKey() {
    assertEquals(
        "error: s.yaml:3:1: duplicate key 'kind' (first at s.yaml:2:1)",
        error("name: t\nkind: phold\nkind: phold\n"));
  }

  @Test
  void malformedYaml() {
    String m = error("name: t\nkind: [phold\n");
    assertEquals(true, m.startsWith("error: s.yaml:"), m);
    assertEquals(true, m.contains("invalid YAML"), m);
  }

  @Test
  void rootMustBeAMapping() {
    assertEquals(
        "error: s.yaml:1:1: expected a mapping of scenario keys, got a list", error("- a\n- b\n"));
    assertEquals("error: s.yaml:1:1: expected a YAML mapping, got an empty file", error(""));
  }

  @Test
  void sectionMustBeAMapping() {
    assertEquals(
        "error: s.yaml:3:8: phold: expected a mapping of parameters, got a scalar",
        error("name: t\nkind: phold\nphold: 5\n"));
  }

  @Test
  void valuesMustBeScalarsAndPresent() {
    assertEquals(
        "error: s.yaml:4:8: phold.lps: expected a single value, got a list",
        error("name: t\nkind: phold\nphold:\n  lps: [1, 2]\n"));
    assertEquals(
        "error: s.yaml:4:7: phold.lps: expected a value, got nothing",
        error("name: t\nkind: phold\nphold:\n  lps:\n"));
  }

  @Test
  void overridesAreValidatedWithTheirOwnLocation() {
    Scenario s =
        loader.load(
            "s.yaml",
            GOOD,
            List.of(SetOverride.parse("phold.lps=128", 1), SetOverride.parse("seed=9", 2)));
    assertEquals(128, s.section("phold").integer("lps"));
    assertEquals(9, s.seed());
    assertEquals(
        "error: --set:2:11: phold.lps: expected integer, got 'x'",
        error(GOOD, "seed=4", "phold.lps=x"));
    assertEquals(
        "error: --set:1:1: unknown key 'phold.nope' (expected one of: lps, population, lookahead,"
            + " mean_delay, events)",
        error(GOOD, "phold.nope=1"));
    assertEquals(
        "error: --set:1:1: expected key=value (e.g. phold.lps=2048), got 'phold.lps'",
        error(GOOD, "phold.lps"));
  }

  @Test
  void osOnAKindWithoutAnOperatingSystem() {
    assertEquals(
        "error: s.yaml:3:5: os: scenario kind 'phold' runs without an operating system",
        error("name: t\nkind: phold\nos: fusedos\n"));
  }

  @Test
  void garbageBytesAreRejectedWithALocation() {
    String m = error("\u0000\u0001\u0002name: [{\n\u0007");
    assertEquals(true, m.startsWith("error: s.yaml:"), m);
  }

  @Test
  void aliasesStandForTheirAnchorsNode() {
    Scenario s =
        loader.load(
            "s.yaml",
            "name: t\nkind: phold\nseed: &s 7\nphold:\n  lps: *s\n  lookahead: &l 3ns\n"
                + "  mean_delay: *l\n",
            List.of());
    assertEquals(7, s.section("phold").integer("lps"));
    assertEquals(Time.ns(3), s.section("phold").time("mean_delay"));
  }

  @Test
  void undefinedAliasAndTagsAreRefusedWhereWritten() {
    assertEquals(
        "error: s.yaml:3:7: undefined alias '*lin' (no anchor '&lin' before it)",
        error("name: t\nkind: phold\nseed: *lin\n"));
    assertEquals(
        "error: s.yaml:3:7: YAML tags are not supported (found '!!str')",
        error("name: t\nkind: phold\nseed: !!str 5\n"));
  }

  @Test
  void anAliasBombIsRefusedNotExpanded() {
    StringBuilder b = new StringBuilder("name: t\nkind: phold\nx0: &a0 [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for (int i = 1; i < 12; i++) {
      b.append("x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 8; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    String msg = error(b.toString());
    assertTrue(msg.contains("expands to more than 100000 values"), msg);
  }

  @Test
  void hugeExponentsAreRefusedAtOnce() {
    assertEquals(
        "error: s.yaml:4:14: phold.lookahead: '1e100000000ns' is too large (at most 10^30)",
        error("name: t\nkind: phold\nphold:\n  lookahead: 1e100000000ns\n"));
    String msg = error("name: t\nkind: phold\nphold:\n  lookahead: " + "1".repeat(5000) + "ns\n");
    assertTrue(msg.contains("5002 characters (at most 64)"), msg);
  }

  @Test
  void controlCharactersAreEscapedAndLongValuesCut() {
    String msg = error("name: t\nkind: \"\\e[2J" + "x".repeat(500) + "\"\n");
    assertTrue(msg.contains("got '\\x1b[2Jxxx"), msg);
    assertTrue(msg.contains("(507 characters, cut at 80)"), msg);
    assertFalse(msg.chars().anyMatch(Character::isISOControl), msg);
  }

  @Test
  void crossParameterRulesAreCheckedAtTheirKey() {
    assertEquals(
        "error: s.yaml:4:18: torus.payload_chunk: max_payload 512 B is not a whole number of 7 B"
            + " chunks (the payload is carried in whole chunks)",
        error("name: t\nkind: torus-pingpong\ntorus:\n  payload_chunk: 7B\n"));
  }

  @Test
  void expectationsAreCheckedAgainstTheKindsMetrics() {
    assertEquals(
        "error: s.yaml:4:3: expect.nonsense.metric: kind 'phold' reports no such metric (see"
            + " `fusedsim describe phold` for its metrics)",
        error("name: t\nkind: phold\nexpect:\n  nonsense.metric: {max: 12ns}\n"));
    String msg = error("name: t\nkind: phold\nexpect:\n  phold.delay.mean: {max: 12parsecs}\n");
    assertTrue(
        msg.startsWith("error: s.yaml:4:27: expect.phold.delay.mean.max: metric is in 'ns'"), msg);
    msg = error("name: t\nkind: phold\nexpect:\n  phold.delay.mean: {max: 1e309}\n");
    assertTrue(
        msg.startsWith("error: s.yaml:4:27: expect.phold.delay.mean.max: expected a finite"), msg);
  }

  @Test
  void aFileTooLargeIsRefusedWithoutReadingItAll(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path f = dir.resolve("big.yaml");
    java.nio.file.Files.writeString(f, "name: t\nkind: phold\ndescription: " + "a".repeat(2 << 20));
    InputException e = assertThrows(InputException.class, () -> loader.load(f, List.of()));
    assertTrue(e.getMessage().contains("larger than 1 MiB"), e.getMessage());
  }

  @Test
  void madeUpSystemCallsAreRefusedWhereNamed() {
    assertEquals(
        "error: s.yaml:4:10: syscalls.calls: unknown system call 'launch_missiles' (not in the call"
            + " table, docs/trace-formats.md)",
        error("name: t\nkind: syscall-latency\nsyscalls:\n  calls: getpid,launch_missiles\n"));
  }

  @Test
  void aOneItemListWrittenAsANumberIsTheList() {
    Scenario s =
        loader.load("s.yaml", "name: t\nkind: io-write\nio_write:\n  node_counts: 1\n", List.of());
    assertEquals("1", s.section("io_write").text("node_counts"));
  }

  private static final String CLASSES =
      """
      name: t
      kind: mpi-alltoall
      torus:
        shape: midplane
        tie_break: split
      mpi_alltoall:
        network: classes
      """;

  @Test
  void alltoallClassesNeedsASourceBlindTieRule() {
    assertTrue(
        error(CLASSES, "torus.tie_break=source_parity")
            .endsWith(
                "mpi_alltoall.network: classes needs a torus in every dimension (no sub-block"
                    + " mesh) and a tie_break that does not look at the source (plus or split),"
                    + " not 4x4x4x4x2 with source_parity"),
        error(CLASSES, "torus.tie_break=source_parity"));
    assertTrue(
        error(CLASSES, "torus.mesh=A").contains("needs a torus in every dimension"),
        error(CLASSES, "torus.mesh=A"));
  }

  @Test
  void alltoallClassesRunsOnTheWholePartition() {
    assertTrue(
        error(CLASSES, "partition.nodes=256")
            .endsWith(
                "classes runs on the whole partition: leave partition.nodes at 0 (the fold"
                    + " needs every node of the torus in the all-to-all)"),
        error(CLASSES, "partition.nodes=256"));
  }
}
