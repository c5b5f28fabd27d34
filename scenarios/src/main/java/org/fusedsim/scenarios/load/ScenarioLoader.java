package org.fusedsim.scenarios.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamException;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;
import org.fusedsim.scenarios.regress.Expectations;

/**
 * Reads and validates scenario files strictly: an unknown key, a value of the wrong type, a missing
 * unit or a value out of range is an {@link InputException} naming the file, line and column, and
 * nothing runs.
 *
 * <p>A scenario is a YAML mapping with the top-level keys of {@link #TOP} plus one section per
 * parameter group of its kind. {@code --set key=value} overrides are merged into the tree before
 * validation, so they are checked by exactly the same rules and report their own location.
 */
public final class ScenarioLoader {
  /** The keys every scenario has, whatever its kind. */
  public static final ComponentSpec TOP =
      ComponentSpec.of(
          "scenario",
          "scenarios",
          "Top-level keys of every scenario file.",
          Parameter.builder("name", ParamType.TEXT)
              .source("user")
              .description("Name of the scenario, copied into results.json.")
              .build(),
          Parameter.builder("description", ParamType.TEXT)
              .defaultValue("")
              .source("user")
              .description("One line on what the scenario shows; `fusedsim list` prints it.")
              .build(),
          Parameter.builder("kind", ParamType.TEXT)
              .source("user")
              .description("Which experiment to run (see `fusedsim describe`).")
              .build(),
          Parameter.builder("seed", ParamType.INTEGER)
              .unit("-")
              .defaultValue("1")
              .range("0", String.valueOf(Long.MAX_VALUE))
              .source("user")
              .description("Base seed from which every random stream is derived.")
              .build(),
          Parameter.builder("replications", ParamType.INTEGER)
              .unit("runs")
              .defaultValue("1")
              .range("1", "10000")
              .source("user")
              .description("Independent replications, each with its own derived streams.")
              .build(),
          Parameter.builder("os", ParamType.TEXT)
              .defaultValue("")
              .source("user")
              .description(
                  "Comma-separated OS personalities to run under (fusedos, cnk, linux);"
                      + " empty means the kind's default.")
              .build());

  /** The key of a scenario's sweep block (see {@code org.fusedsim.scenarios.sweep}). */
  public static final String SWEEP_KEY = "sweep";

  private final ScenarioKinds kinds;
  private final YamlReader yaml = new YamlReader();

  /** Creates a loader that knows these scenario kinds. */
  public ScenarioLoader(ScenarioKinds kinds) {
    this.kinds = kinds;
  }

  /**
   * Reads and validates a scenario file.
   *
   * @throws InputException for any problem with the file or the overrides
   */
  public Scenario load(Path path, List<SetOverride> overrides) {
    return load(path.toString(), readText(path), overrides);
  }

  /**
   * Reads a scenario file's text, bounded and strictly UTF-8.
   *
   * @throws InputException if it cannot be read, is too large or is not UTF-8
   */
  public static String readText(Path path) {
    String text;
    try {
      byte[] bytes = readBounded(path);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputException(new Location(path.toString(), 1, 1), "expected UTF-8 text");
    } catch (IOException e) {
      throw new InputException(
          new Location(path.toString(), 1, 1), "cannot read scenario: " + describe(e));
    }
    return text;
  }

  /** Largest scenario file read; the catalog's largest is under 4 KiB. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** Reads at most {@link #MAX_FILE_BYTES}, so that {@code /dev/zero} is refused, not exhausted. */
  private static byte[] readBounded(Path path) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        int line = 1;
        for (int i = 0; i < MAX_FILE_BYTES; i++) {
          if (bytes[i] == '\n') {
            line++;
          }
        }
        throw new InputException(
            new Location(path.toString(), line, 1),
            "scenario file is larger than "
                + (MAX_FILE_BYTES >> 20)
                + " MiB (the limit for"
                + " scenario files)");
      }
      return bytes;
    }
  }

  /** Reads and validates scenario text; {@code source} names it in error messages. */
  public Scenario load(String source, String text, List<SetOverride> overrides) {
    YamlNode.Mapping map = readTree(source, text);
    for (SetOverride o : overrides) {
      apply(map, o);
    }
    return validate(source, text, map);
  }

  /**
   * Reads scenario text into its located tree without validating it, for callers that change the
   * tree before {@link #validate} (a sweep sets each point's values).
   *
   * @throws InputException if the text is not YAML or not a mapping
   */
  public YamlNode.Mapping readTree(String source, String text) {
    YamlNode root = yaml.read(source, text);
    if (!(root instanceof YamlNode.Mapping map)) {
      throw new InputException(
          root.location(), "expected a mapping of scenario keys, got " + root.kindName());
    }
    return map;
  }

  /** Applies one {@code --set} override to a tree read by {@link #readTree}. */
  public void apply(YamlNode.Mapping root, SetOverride o) {
    YamlNode value = yaml.read(o.source(), o.value());
    if (!(value instanceof YamlNode.Scalar s)) {
      throw new InputException(o.valueLocation(), "expected a single value after '='");
    }
    set(
        root,
        o.key(),
        new YamlNode.Scalar(s.value(), o.valueLocation()),
        new Location(o.source(), o.index(), 1));
  }

  /**
   * Sets {@code key} (a top-level key or {@code section.parameter}) of a tree to a located value,
   * creating the section if the tree has none.
   *
   * @throws InputException at {@code keyLoc} if the section is not a mapping
   */
  public static void set(
      YamlNode.Mapping root, String key, YamlNode.Scalar located, Location keyLoc) {
    String[] parts = key.split("\\.");
    if (parts.length == 1) {
      root.entries().put(parts[0], located);
      root.keyLocations().put(parts[0], keyLoc);
      return;
    }
    YamlNode section = root.entries().get(parts[0]);
    if (section == null) {
      section = YamlNode.Mapping.empty(keyLoc);
      root.entries().put(parts[0], section);
      root.keyLocations().put(parts[0], keyLoc);
    }
    if (!(section instanceof YamlNode.Mapping m)) {
      throw new InputException(keyLoc, "'" + parts[0] + "' is not a section of parameters");
    }
    m.entries().put(parts[1], located);
    m.keyLocations().put(parts[1], keyLoc);
  }

  /**
   * Validates a scenario tree read by {@link #readTree}; {@code text} is kept as the scenario's
   * text for its reports.
   *
   * @throws InputException for any problem, at its location
   */
  public Scenario validate(String source, String text, YamlNode.Mapping root) {
    Map<String, YamlNode> e = root.entries();
    if (e.containsKey(SWEEP_KEY)) {
      throw new InputException(
          root.keyLocation(SWEEP_KEY),
          "this scenario is a sweep of many runs: run it with `fusedsim sweep "
              + source
              + " --out DIR`");
    }
    // The kind decides which sections are allowed, so it is read first.
    YamlNode kindNode = e.get("kind");
    if (kindNode == null) {
      throw new InputException(
          root.location(),
          "missing required key 'kind' (one of: " + String.join(", ", kinds.names()) + ")");
    }
    String kindName = scalarText(kindNode, "kind");
    ScenarioKind kind =
        kinds
            .find(kindName)
            .orElseThrow(
                () ->
                    new InputException(
                        kindNode.location(),
                        "kind: expected one of "
                            + String.join(", ", kinds.names())
                            + ", got '"
                            + kindName
                            + "'"
                            + Suggest.didYouMean(kindName, kinds.names())));

    Set<String> allowed = new LinkedHashSet<>();
    TOP.parameters().forEach(p -> allowed.add(p.name()));
    kind.sections().forEach(s -> allowed.add(s.kind()));
    allowed.add(Expectations.KEY);
    for (String key : e.keySet()) {
      if (!allowed.contains(key)) {
        throw new InputException(
            root.keyLocation(key),
            "unknown key '"
                + key
                + "'"
                + Suggest.didYouMean(key, allowed)
                + " (expected one of: "
                + String.join(", ", allowed)
                + ")");
      }
    }

    ParamValues top =
        readSection(TOP, null, root, root.location(), Set.copyOf(kindSectionNames(kind)));
    ImmutableMap.Builder<String, ParamValues> sections = ImmutableMap.builder();
    for (ComponentSpec spec : kind.sections()) {
      YamlNode node = e.get(spec.kind());
      if (node == null) {
        sections.put(
            spec.kind(),
            readSection(
                spec,
                spec.kind(),
                YamlNode.Mapping.empty(root.location()),
                root.location(),
                Set.of()));
      } else if (node instanceof YamlNode.Mapping m) {
        sections.put(
            spec.kind(),
            readSection(spec, spec.kind(), m, root.keyLocation(spec.kind()), Set.of()));
      } else {
        throw new InputException(
            node.location(),
            spec.kind() + ": expected a mapping of parameters, got " + node.kindName());
      }
    }
    if (e.containsKey(Expectations.KEY)) {
      Expectations.parse(
          e.get(Expectations.KEY), kind, Math.toIntExact(top.integer("replications")));
    }
    ImmutableList<String> personalities = personalities(kind, top.text("os"), root);
    Scenario scenario =
        new Scenario(
            source,
            text,
            top.text("name"),
            top.text("description"),
            kind,
            top.integer("seed"),
            Math.toIntExact(top.integer("replications")),
            personalities,
            sections.buildOrThrow());
    try {
      kind.check(scenario);
    } catch (CheckException ex) {
      // a rule that breaks through a value the user did not write (a memory region moved by
      // the one they set) is reported at the section, without naming the unwritten key
      boolean written =
          root.entries().get(ex.section()) instanceof YamlNode.Mapping m
              && m.entries().containsKey(ex.key());
      boolean sectionWritten = root.entries().containsKey(ex.section());
      throw new InputException(
          locate(root, ex.section(), ex.key()),
          (written || !sectionWritten ? ex.section() + "." + ex.key() : ex.section())
              + ": "
              + ex.getMessage());
    }
    return scenario;
  }

  /** Returns where {@code section.key} was written, or the nearest enclosing location. */
  private static Location locate(YamlNode.Mapping root, String section, String key) {
    YamlNode sec = root.entries().get(section);
    if (sec instanceof YamlNode.Mapping m) {
      YamlNode v = m.entries().get(key);
      return v != null ? v.location() : m.location();
    }
    return sec != null ? sec.location() : root.location();
  }

  private static List<String> kindSectionNames(ScenarioKind kind) {
    List<String> names = new ArrayList<>();
    kind.sections().forEach(s -> names.add(s.kind()));
    return names;
  }

  private ImmutableList<String> personalities(ScenarioKind kind, String os, YamlNode.Mapping root) {
    if (os.isBlank()) {
      return kind.personalities().isEmpty()
          ? ImmutableList.of()
          : ImmutableList.of(kind.personalities().get(0));
    }
    Location where =
        root.entries().containsKey("os") ? root.entries().get("os").location() : root.location();
    return parsePersonalities(kind, os, where);
  }

  /**
   * Parses a comma-separated personality list for a kind.
   *
   * @throws InputException if the kind has no OS or a name is unknown
   */
  public static ImmutableList<String> parsePersonalities(
      ScenarioKind kind, String list, Location where) {
    if (kind.personalities().isEmpty()) {
      throw new InputException(
          where, "os: scenario kind '" + kind.name() + "' runs without an operating system");
    }
    Set<String> out = new LinkedHashSet<>();
    for (String p : list.split(",")) {
      String name = p.strip();
      if (!kind.personalities().contains(name)) {
        throw new InputException(
            where,
            "os: expected one of "
                + String.join(", ", kind.personalities())
                + ", got '"
                + name
                + "'");
      }
      out.add(name);
    }
    return ImmutableList.copyOf(out);
  }

  private ParamValues readSection(
      ComponentSpec spec,
      String prefix,
      YamlNode.Mapping m,
      Location whereMissing,
      Set<String> skip) {
    ParamValues.Builder b = ParamValues.builder(spec);
    for (Map.Entry<String, YamlNode> entry : m.entries().entrySet()) {
      String key = entry.getKey();
      if (skip.contains(key)) {
        continue;
      }
      String qualified = prefix == null ? key : prefix + "." + key;
      if (spec.parameter(key).isEmpty()) {
        if (prefix == null) {
          continue; // top-level unknown keys were reported above
        }
        throw new InputException(
            m.keyLocation(key),
            "unknown key '"
                + qualified
                + "'"
                + Suggest.didYouMean(key, spec.parameters().stream().map(Parameter::name).toList())
                + " (expected one of: "
                + String.join(", ", spec.parameters().stream().map(Parameter::name).toList())
                + ")");
      }
      YamlNode v = entry.getValue();
      if (!(v instanceof YamlNode.Scalar s)) {
        throw new InputException(
            v.location(), qualified + ": expected a single value, got " + v.kindName());
      }
      if (s.value() == null) {
        throw new InputException(v.location(), qualified + ": expected a value, got nothing");
      }
      try {
        b.set(key, s.value());
      } catch (ParamException ex) {
        throw new InputException(
            v.location(), prefix == null ? ex.getMessage() : prefix + "." + ex.getMessage());
      }
    }
    try {
      return b.build();
    } catch (ParamException ex) {
      throw new InputException(
          whereMissing, prefix == null ? ex.getMessage() : prefix + ": " + ex.getMessage());
    }
  }

  private static String scalarText(YamlNode n, String key) {
    if (n instanceof YamlNode.Scalar s && s.value() instanceof String str) {
      return str;
    }
    throw new InputException(n.location(), key + ": expected a word, got " + n.kindName());
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
