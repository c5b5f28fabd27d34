package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.load.YamlNode;
import org.fusedsim.scenarios.load.YamlReader;
import org.fusedsim.scenarios.report.TextTable;
import org.fusedsim.scenarios.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fusedsim list}: the scenario catalog. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists the scenario catalog (scenarios/catalog/*.yaml) with one-line descriptions.")
public final class ListCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--catalog",
      paramLabel = "DIR",
      description = "Catalog directory (default: scenarios/catalog under the fusedsim checkout).")
  Path catalog;

  @Override
  public Integer call() throws IOException {
    Path dir = catalog != null ? catalog : defaultCatalog();
    ScenarioLoader loader = new ScenarioLoader(new Components().kinds());
    TextTable t = new TextTable(List.of("scenario", "kind", "description"), List.of("", "", ""));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new InputException(
          new Location(dir.toString(), 1, 1), "expected a catalog directory of *.yaml files");
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Path f : files) {
      try {
        String text = ScenarioLoader.readText(f);
        if (Sweep.isSweep(loader, f.toString(), text)) {
          Sweep sw = Sweep.load(loader, f.toString(), text, List.of());
          t.row(
              List.of(
                  dir.relativize(f).toString(),
                  sw.kind().name(),
                  sw.description() + " [sweep of " + sw.points().size() + " points]"));
          continue;
        }
        Scenario sc = loader.load(f.toString(), text, List.of());
        t.row(List.of(dir.relativize(f).toString(), sc.kind().name(), sc.description()));
      } catch (InputException e) {
        // Keep the row readable: what the file says it is, and where it is rejected.
        String[] kd = kindAndDescription(f);
        Location l = e.location();
        t.row(
            List.of(
                dir.relativize(f).toString(),
                kd[0],
                kd[1] + " [rejected at " + l.line() + ":" + l.column() + ", exit 2]"));
      }
    }
    out.print(t.render());
    out.println();
    out.println("run one with: fusedsim run " + dir.resolve("NAME.yaml"));
    out.println("run a sweep with: fusedsim sweep " + dir.resolve("NAME.yaml") + " --out DIR");
    out.flush();
    return ExitCodes.OK;
  }

  static Path defaultCatalog() {
    String home = System.getProperty("fusedsim.home");
    Path base = home != null ? Path.of(home) : Path.of(".");
    return base.resolve("scenarios").resolve("catalog");
  }

  private static String[] kindAndDescription(Path f) {
    try {
      YamlNode root = new YamlReader().read(f.toString(), Files.readString(f));
      if (root instanceof YamlNode.Mapping m) {
        return new String[] {scalar(m, "kind"), scalar(m, "description")};
      }
    } catch (IOException | RuntimeException e) {
      // not even YAML: fall through
    }
    return new String[] {"?", "not a scenario"};
  }

  private static String scalar(YamlNode.Mapping m, String key) {
    YamlNode n = m.entries().get(key);
    return n instanceof YamlNode.Scalar sc && sc.value() != null ? sc.value().toString() : "?";
  }
}
