package org.fusedsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user who mistypes, asks for the version or wants completion gets. */
class CliHabitsTest {
  @TempDir Path tmp;

  @Test
  void mistypedNamesGetTheClosestSuggested() {
    CliTest.Result r = CliTest.run("rnu");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("(did you mean 'run'?)"), r.err());
    r = CliTest.run("run", "--forse");
    assertTrue(r.err().contains("(did you mean '--force'?)"), r.err());
    r = CliTest.run("run", "--set", "fusedos.gpc_core=2");
    assertEquals(
        "error: --set:1:1: unknown key 'fusedos.gpc_core' (did you mean 'gpc_cores'?) (expected"
            + " one of: gpc_cores, ipi_target, cl_cpus)\n",
        r.err());
    r = CliTest.run("describe", "syscal-latency");
    assertTrue(r.err().contains("(did you mean 'syscall-latency'?)"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void everySubcommandPrintsTheVersion() {
    for (String sub : List.of("run", "replay", "validate", "describe", "diff", "convert")) {
      CliTest.Result r = CliTest.run(sub, "--version");
      assertEquals(0, r.code(), sub);
      assertTrue(r.out().startsWith("fusedsim "), sub + ": " + r.out());
    }
  }

  @Test
  void theBashCompletionScriptCompletesSubcommandsAndOptions()
      throws IOException, InterruptedException {
    CliTest.Result r = CliTest.run("completion", "bash");
    assertEquals(0, r.code(), r.err());
    Path script = tmp.resolve("fusedsim-completion.sh");
    Files.writeString(script, r.out(), StandardCharsets.UTF_8);
    assertEquals("run replay", complete(script, "fusedsim", "r"));
    assertEquals("--force", complete(script, "fusedsim", "run", "--fo"));
  }

  /** Sources the script in bash and asks its completion function for the last word. */
  private static String complete(Path script, String... words)
      throws IOException, InterruptedException {
    String line = String.join(" ", words);
    String cmd =
        "source '"
            + script
            + "' 2>/dev/null; COMP_WORDS=("
            + line
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT=${#COMP_LINE}; _complete_fusedsim 2>/dev/null; echo \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void helpWrapsWithoutOrphanWords() {
    for (String[] cmd :
        List.of(
            new String[] {"--help"},
            new String[] {"run", "--help"},
            new String[] {"replay", "--help"},
            new String[] {"bench", "--help"},
            new String[] {"bench", "phold", "--help"},
            new String[] {"bench", "replay", "--help"},
            new String[] {"convert", "--help"},
            new String[] {"validate", "--help"},
            new String[] {"describe", "--help"})) {
      CliTest.Result r = CliTest.run(cmd);
      assertEquals(0, r.code(), String.join(" ", cmd));
      for (String line : r.out().split("\n")) {
        if (line.isBlank()
            || line.startsWith(" ")
            || line.startsWith("Usage:")
            || line.endsWith(":")) {
          continue; // option, usage and heading lines are laid out by picocli
        }
        // a paragraph's last line may be short; a short line inside a sentence is an orphan
        assertTrue(
            line.trim().split("\\s+").length >= 3 || line.trim().matches(".*[.:)]$"),
            String.join(" ", cmd)
                + ": an orphan of one or two words inside a sentence: '"
                + line
                + "'");
      }
    }
  }
}
