package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.report.ParametersDoc;
import org.fusedsim.scenarios.report.ScenarioSchema;
import org.fusedsim.scenarios.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim describe}: the components and their documented parameters. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the components and scenario kinds, or one component's parameters",
      "with unit, default, range and source."
    })
public final class DescribeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "A component kind.")
  String kind;

  @Option(names = "--markdown", description = "Print docs/parameters.md for all components.")
  boolean markdown;

  @Option(
      names = "--schema",
      description = "Print the JSON Schema of scenario files (docs/scenario.schema.json).")
  boolean schema;

  @Override
  public Integer call() {
    Components c = new Components();
    PrintWriter out = spec.commandLine().getOut();
    if (schema) {
      out.print(ScenarioSchema.render(c.kinds().all()));
      out.flush();
      return ExitCodes.OK;
    }
    if (markdown) {
      out.print(ParametersDoc.render(c.specs()));
      out.flush();
      return ExitCodes.OK;
    }
    if (kind == null) {
      TextTable kinds =
          new TextTable(
              List.of("scenario kind", "personalities", "description"), List.of("", "", ""));
      for (ScenarioKind k : c.kinds().all()) {
        kinds.row(
            List.of(
                k.name(),
                k.personalities().isEmpty() ? "-" : String.join(",", k.personalities()),
                k.description()));
      }
      out.print(kinds.render());
      out.println();
      TextTable t =
          new TextTable(
              List.of("component", "module", "parameters", "description"), List.of("", "", "", ""));
      for (ComponentSpec s : c.specs()) {
        t.row(
            List.of(s.kind(), s.module(), String.valueOf(s.parameters().size()), s.description()));
      }
      out.print(t.render());
      out.println();
      out.println("fusedsim describe KIND shows one component's parameters.");
      out.flush();
      return ExitCodes.OK;
    }
    ComponentSpec s =
        c.specs().stream()
            .filter(x -> x.kind().equals(kind))
            .findFirst()
            .orElseThrow(
                () ->
                    new InputException(
                        new Location("command-line", 1, 1),
                        "describe: expected one of "
                            + String.join(
                                ", ", c.specs().stream().map(ComponentSpec::kind).toList())
                            + ", got '"
                            + kind
                            + "'"));
    out.println(s.kind() + " (" + s.module() + "): " + s.description());
    out.println();
    TextTable t =
        new TextTable(
            List.of("parameter", "type", "unit", "default", "range", "source"),
            List.of("", "", "", "", "", ""));
    for (Parameter p : s.parameters()) {
      t.row(
          List.of(
              p.name(),
              p.type().name().toLowerCase(java.util.Locale.ROOT),
              p.unit().isEmpty() ? "-" : p.unit(),
              p.required() ? "(required)" : p.defaultText().isEmpty() ? "\"\"" : p.defaultText(),
              p.rangeText(),
              p.source()));
    }
    out.print(t.render());
    out.println();
    for (Parameter p : s.parameters()) {
      out.println("  " + p.name() + ": " + p.description());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
