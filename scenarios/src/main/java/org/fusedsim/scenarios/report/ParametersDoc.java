package org.fusedsim.scenarios.report;

import java.util.List;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.Parameter;

/**
 * Generates {@code docs/parameters.md} from the component declarations, so the document and the
 * code cannot drift apart (a test compares them).
 */
public final class ParametersDoc {
  private ParametersDoc() {}

  /** Renders the Markdown document for the given components. */
  public static String render(List<ComponentSpec> specs) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Model parameters\n\n")
        .append("Generated from the component declarations by `fusedsim describe --markdown`;")
        .append(
            " do not edit by hand (`mvn verify` fails when this file and the code disagree).\n\n")
        .append("Every latency, bandwidth and cycle count of a model is a parameter here, with its")
        .append(" unit, default, allowed range and source. Source tags: `text` (a paper or IBM")
        .append(" Redbook), `code` (public source of the prototype, driver or PAMI), `secondary`")
        .append(" (quoted by a third party), `estimate` (nothing was published: the reasoning")
        .append(" follows). Any value can be overridden in a scenario file under the component's")
        .append(" section, or with `--set SECTION.NAME=VALUE`.\n");
    for (ComponentSpec c : specs) {
      sb.append("\n## `").append(c.kind()).append("`\n\n");
      sb.append(c.description()).append(" Module: `").append(c.module()).append("`.\n\n");
      sb.append("| name | type | unit | default | range | source | description |\n");
      sb.append("|---|---|---|---|---|---|---|\n");
      for (Parameter p : c.parameters()) {
        sb.append("| `")
            .append(p.name())
            .append("` | ")
            .append(p.type().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(cell(p.unit()))
            .append(" | ")
            .append(p.required() ? "(required)" : cell(p.defaultText()))
            .append(" | ")
            .append(cell(p.rangeText()))
            .append(" | ")
            .append(cell(p.source()))
            .append(" | ")
            .append(cell(p.description()))
            .append(" |\n");
      }
    }
    return sb.toString();
  }

  private static String cell(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
