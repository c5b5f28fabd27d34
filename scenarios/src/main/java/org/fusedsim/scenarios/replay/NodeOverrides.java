package org.fusedsim.scenarios.replay;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamException;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.load.SetOverride;
import org.fusedsim.scenarios.load.YamlNode;
import org.fusedsim.scenarios.load.YamlReader;
import org.fusedsim.scenarios.machine.Machines;

/**
 * Component parameters a replay changes on every simulated node: {@code --set
 * SECTION.PARAMETER=VALUE}, with the sections and parameters of node scenarios ({@code
 * docs/parameters.md}) and the same checks. The replay itself decides CL's profile and its
 * processes per node, so those two cannot be set.
 */
public final class NodeOverrides {
  /** No overrides: every node uses the component defaults. */
  public static final NodeOverrides NONE =
      new NodeOverrides(ImmutableList.of(), ImmutableMap.of(), ImmutableList.of());

  private static final ImmutableSet<String> SET_BY_REPLAY =
      ImmutableSet.of(
          ClParams.KIND + ".profile",
          ClParams.KIND + ".processes",
          "torus.shape",
          "partition.nodes");

  private final ImmutableList<String> texts;
  private final ImmutableMap<String, ParamValues> sections;
  private final ImmutableList<ComponentSpec> specs;

  private NodeOverrides(
      ImmutableList<String> texts,
      ImmutableMap<String, ParamValues> sections,
      ImmutableList<ComponentSpec> extra) {
    this.texts = texts;
    this.sections = sections;
    this.specs =
        ImmutableList.<ComponentSpec>builder().addAll(Machines.sections()).addAll(extra).build();
  }

  /**
   * Parses {@code --set} arguments in order (a later one wins).
   *
   * @throws InputException naming the argument ({@code --set:N:COL}) for a bad key or value
   */
  public static NodeOverrides parse(List<String> args) {
    return parse(args, ImmutableList.of());
  }

  /**
   * Parses {@code --set} arguments, which may also name the sections {@code extra} (a replay's own,
   * such as how a TI trace's compute becomes work).
   *
   * @throws InputException naming the argument ({@code --set:N:COL}) for a bad key or value
   */
  public static NodeOverrides parse(List<String> args, ImmutableList<ComponentSpec> extra) {
    List<ComponentSpec> specs = new ArrayList<>(Machines.sections());
    specs.addAll(extra);
    YamlReader yaml = new YamlReader();
    Map<String, ParamValues.Builder> builders = new LinkedHashMap<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      SetOverride o = SetOverride.parse(args.get(i), i + 1);
      Location keyLoc = new Location(o.source(), o.index(), 1);
      int dot = o.key().indexOf('.');
      if (dot < 0) {
        throw new InputException(
            keyLoc, "expected SECTION.PARAMETER (e.g. linux.irq_entry), got '" + o.key() + "'");
      }
      String section = o.key().substring(0, dot);
      String param = o.key().substring(dot + 1);
      ComponentSpec spec =
          specs.stream()
              .filter(s -> s.kind().equals(section))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InputException(
                          keyLoc,
                          "unknown section '"
                              + section
                              + "' (expected one of: "
                              + String.join(", ", specs.stream().map(ComponentSpec::kind).toList())
                              + ")"));
      if (SET_BY_REPLAY.contains(o.key())) {
        throw new InputException(
            keyLoc, o.key() + ": set by the replay itself (--profile, --shape, ranks per node)");
      }
      if (spec.parameter(param).isEmpty()) {
        throw new InputException(
            keyLoc,
            "unknown key '"
                + o.key()
                + "' (expected one of: "
                + String.join(", ", spec.parameters().stream().map(p -> p.name()).toList())
                + ")");
      }
      YamlNode value = yaml.read(o.source(), o.value());
      if (!(value instanceof YamlNode.Scalar s) || s.value() == null) {
        throw new InputException(o.valueLocation(), o.key() + ": expected a single value");
      }
      try {
        builders.computeIfAbsent(section, k -> ParamValues.builder(spec)).set(param, s.value());
      } catch (ParamException e) {
        throw new InputException(o.valueLocation(), section + "." + e.getMessage());
      }
      texts.add(o.key() + "=" + o.value().strip());
    }
    ImmutableMap.Builder<String, ParamValues> out = ImmutableMap.builder();
    builders.forEach((k, b) -> out.put(k, b.build()));
    return new NodeOverrides(ImmutableList.copyOf(texts), out.buildOrThrow(), extra);
  }

  /** Returns the machine's sections: component defaults with the overrides applied. */
  public Sections sections() {
    return kind -> {
      ParamValues v = sections.get(kind);
      if (v != null) {
        return v;
      }
      ComponentSpec spec =
          specs.stream()
              .filter(s -> s.kind().equals(kind))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no section " + kind));
      return ParamValues.builder(spec).build();
    };
  }

  /** Returns the overridden values of section {@code kind}, or null. */
  public ParamValues get(String kind) {
    return sections.get(kind);
  }

  /** Returns the overrides as given ({@code section.parameter=value}), in order. */
  public ImmutableList<String> texts() {
    return texts;
  }

  /** Returns whether nothing is overridden. */
  public boolean isEmpty() {
    return texts.isEmpty();
  }
}
