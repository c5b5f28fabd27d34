package org.fusedsim.scenarios.load;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a {@link YamlNode} tree back as block-style YAML that {@link YamlReader} reads into the
 * same values: strings are always double-quoted (so that {@code "1,2"}, {@code "yes"} or {@code
 * "1e3"} stay strings), numbers and booleans are written bare, {@code null} as {@code ~}. Used for
 * the scenario of each point of a sweep, which must rerun alone exactly as it ran.
 */
public final class YamlWriter {
  private YamlWriter() {}

  /** Returns the YAML text of a mapping, one key per line, sections indented by two spaces. */
  public static String write(YamlNode.Mapping root) {
    StringBuilder b = new StringBuilder();
    mapping(b, root, 0);
    return b.toString();
  }

  private static void mapping(StringBuilder b, YamlNode.Mapping m, int indent) {
    for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
      b.append(" ".repeat(indent)).append(key(e.getKey())).append(':');
      value(b, e.getValue(), indent);
    }
  }

  private static void value(StringBuilder b, YamlNode v, int indent) {
    if (v instanceof YamlNode.Scalar s) {
      b.append(' ').append(scalar(s.value())).append('\n');
    } else if (v instanceof YamlNode.Mapping m) {
      if (m.entries().isEmpty()) {
        b.append(" {}\n");
      } else {
        b.append('\n');
        mapping(b, m, indent + 2);
      }
    } else if (v instanceof YamlNode.Sequence q) {
      if (q.items().isEmpty()) {
        b.append(" []\n");
        return;
      }
      b.append('\n');
      for (YamlNode item : q.items()) {
        b.append(" ".repeat(indent + 2)).append('-');
        if (item instanceof YamlNode.Mapping im && !im.entries().isEmpty()) {
          // the first key shares the dash's line; the rest line up under it
          StringBuilder inner = new StringBuilder();
          mapping(inner, im, indent + 4);
          b.append(' ').append(inner.substring(indent + 4));
        } else {
          value(b, item, indent + 2);
        }
      }
    }
  }

  private static String key(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? k : quote(k);
  }

  /** The text of a scalar that reads back as the same Java value. */
  static String scalar(Object v) {
    if (v == null) {
      return "~";
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      return v.toString();
    }
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return ".nan";
      }
      if (d.isInfinite()) {
        return d > 0 ? ".inf" : "-.inf";
      }
      // 17 significant digits read back as the same double; the conversion from a double is
      // exact, so the text is the same on every JDK (Double.toString is not)
      String text =
          new BigDecimal(d)
              .round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN))
              .stripTrailingZeros()
              .toPlainString();
      // a double always carries a point, or YAML would read it back as an integer
      return text.contains(".") ? text : text + ".0";
    }
    if (v instanceof Number n) {
      return n.toString();
    }
    return quote(v.toString());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Returns a deep copy of a tree, with the same locations, that can be changed independently. */
  public static YamlNode.Mapping copy(YamlNode.Mapping m) {
    YamlNode.Mapping out = YamlNode.Mapping.empty(m.location());
    for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
      out.entries().put(e.getKey(), copyNode(e.getValue()));
    }
    out.keyLocations().putAll(m.keyLocations());
    return out;
  }

  private static YamlNode copyNode(YamlNode n) {
    if (n instanceof YamlNode.Mapping m) {
      return copy(m);
    }
    if (n instanceof YamlNode.Sequence q) {
      java.util.List<YamlNode> items = new java.util.ArrayList<>();
      q.items().forEach(i -> items.add(copyNode(i)));
      return new YamlNode.Sequence(items, q.location());
    }
    return n;
  }
}
