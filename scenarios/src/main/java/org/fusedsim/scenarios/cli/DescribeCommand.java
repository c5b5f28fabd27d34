package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.MetricPattern;
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
      "Lists the components and scenario kinds; one kind's sections and metrics;",
      "or one component's parameters with unit, default, range and source."
    })
public final class DescribeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "A scenario kind (its sections and metrics) or a component (its parameters).")
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
    java.util.Optional<ScenarioKind> asKind = c.kinds().find(kind);
    if (asKind.isPresent()) {
      describeKind(asKind.get(), out);
      if (c.specs().stream().noneMatch(x -> x.kind().equals(kind))) {
        return ExitCodes.OK;
      }
      out.println(); // a kind may share its name with its own section (phold)
    }
    ComponentSpec s =
        c.specs().stream()
            .filter(x -> x.kind().equals(kind))
            .findFirst()
            .orElseThrow(
                () ->
                    new InputException(
                        new Location("command-line", 1, "describe ".length() + 1),
                        "describe: expected a scenario kind ("
                            + String.join(", ", c.kinds().names())
                            + ") or a component ("
                            + String.join(
                                ", ", c.specs().stream().map(ComponentSpec::kind).toList())
                            + ")"
                            + ", got '"
                            + kind
                            + "'"
                            + org.fusedsim.scenarios.load.Suggest.didYouMean(
                                kind,
                                java.util.stream.Stream.concat(
                                        c.kinds().names().stream(),
                                        c.specs().stream().map(ComponentSpec::kind))
                                    .toList())));
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

  /** Prints a scenario kind: what it measures, its sections and the metrics it reports. */
  private static void describeKind(ScenarioKind k, PrintWriter out) {
    out.println(k.name() + " (scenario kind): " + k.description());
    out.println();
    out.println(
        "personalities: "
            + (k.personalities().isEmpty() ? "-" : String.join(", ", k.personalities())));
    out.println(
        "sections: "
            + String.join(", ", k.sections().stream().map(ComponentSpec::kind).toList())
            + " (fusedsim describe SECTION shows its parameters)");
    out.println();
    TextTable t =
        new TextTable(
            List.of("metric (* = one name part, ** = one or more)", "unit"), List.of("", ""));
    for (MetricPattern m : k.metrics()) {
      t.row(List.of(m.pattern(), m.unit()));
    }
    out.print(t.render());
    out.flush();
  }
}
