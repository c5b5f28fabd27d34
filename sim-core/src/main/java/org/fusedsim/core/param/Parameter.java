package org.fusedsim.core.param;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Frequency;
import org.fusedsim.core.Quantity;
import org.fusedsim.core.Time;
import org.fusedsim.core.UnitException;

/**
 * One documented model parameter: its name, type, unit, default, allowed range and source.
 *
 * <p>The same declaration validates scenario files, feeds {@code fusedsim describe}, and generates
 * {@code docs/parameters.md}, so the three cannot disagree.
 *
 * @param name the key in the scenario file (snake_case)
 * @param type how the value is written and parsed
 * @param unit the unit shown to users ({@code ns}, {@code GB/s}, {@code processes}, ...)
 * @param defaultText the default as a user would write it, or {@code null} if required
 * @param minText the smallest allowed value as text, or {@code null}
 * @param maxText the largest allowed value as text, or {@code null}
 * @param choices the allowed words for {@link ParamType#CHOICE}
 * @param source where the default comes from: a paper, manual or code, or "estimate: why"
 * @param description one sentence on what the parameter controls
 */
public record Parameter(
    String name,
    ParamType type,
    String unit,
    String defaultText,
    String minText,
    String maxText,
    ImmutableList<String> choices,
    String source,
    String description) {

  /** Checks that the declaration is consistent: the default parses and lies in the range. */
  public Parameter {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("parameter name must be snake_case: " + name);
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("parameter " + name + " needs a source");
    }
    if (type == ParamType.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("choice parameter " + name + " needs choices");
    }
  }

  /** Starts a declaration. */
  public static Builder builder(String name, ParamType type) {
    return new Builder(name, type);
  }

  /** Returns whether the parameter must be given. */
  public boolean required() {
    return defaultText == null;
  }

  /** Returns the parsed default, or {@code null} if the parameter is required. */
  public Object defaultValue() {
    return defaultText == null ? null : parseText(defaultText);
  }

  /**
   * Converts a value read from YAML (a {@link String}, {@link Long}, {@link Double} or {@link
   * Boolean}) to this parameter's type and checks its range.
   *
   * @throws ParamException with a message naming the parameter and what was expected
   */
  public Object parse(Object raw) {
    Object v = convert(raw);
    checkRange(v);
    return v;
  }

  private Object parseText(String text) {
    return parse(text);
  }

  private Object convert(Object raw) {
    try {
      switch (type) {
        case INTEGER:
          if (raw instanceof Long l) {
            return l;
          }
          if (raw instanceof Integer i) {
            return i.longValue();
          }
          if (raw instanceof String s && s.matches("[+-]?\\d+")) {
            return Long.parseLong(s);
          }
          break;
        case REAL:
          {
            double d = Double.NaN;
            if (raw instanceof Number n) {
              d = n.doubleValue();
            } else if (raw instanceof String s && s.length() <= Quantity.MAX_TEXT) {
              d = Double.parseDouble(s);
            }
            if (Double.isFinite(d)) {
              return d;
            }
            break;
          }
        case TIME:
          return Time.parse(textOf(raw));
        case SIZE:
          return DataSize.parse(textOf(raw));
        case BANDWIDTH:
          return Bandwidth.parse(textOf(raw));
        case FREQUENCY:
          return Frequency.parse(textOf(raw));
        case BOOLEAN:
          if (raw instanceof Boolean b) {
            return b;
          }
          if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.parseBoolean((String) raw);
          }
          break;
        case CHOICE:
          if (raw instanceof String s && choices.contains(s)) {
            return s;
          }
          throw new ParamException(
              name + ": expected one of " + String.join(", ", choices) + ", got '" + raw + "'");
        case TEXT:
          if (raw instanceof String s) {
            return s;
          }
          if (raw instanceof Long || raw instanceof Integer || raw instanceof Boolean) {
            // a one-item list such as node_counts: 1, which YAML reads as a number
            return String.valueOf(raw);
          }
          break;
        default:
          break;
      }
    } catch (UnitException e) {
      throw new ParamException(name + ": " + e.getMessage());
    } catch (NumberFormatException e) {
      // fall through to the generic message
    }
    throw new ParamException(name + ": expected " + type.expected() + ", got '" + raw + "'");
  }

  private String textOf(Object raw) {
    if (raw instanceof Number n) {
      throw new ParamException(
          name + ": missing unit in '" + n + "' (expected " + type.expected() + ")");
    }
    if (!(raw instanceof String s)) {
      throw new ParamException(name + ": expected " + type.expected() + ", got '" + raw + "'");
    }
    return s;
  }

  private void checkRange(Object v) {
    if (!type.ordered()) {
      return;
    }
    double m = type.magnitude(v);
    if (minText != null && m < type.magnitude(convert(minText))) {
      throw new ParamException(name + ": " + show(v) + " is below the minimum " + minText);
    }
    if (maxText != null && m > type.magnitude(convert(maxText))) {
      throw new ParamException(name + ": " + show(v) + " is above the maximum " + maxText);
    }
  }

  private String show(Object v) {
    return type.format(v);
  }

  /** Returns the allowed range as text, e.g. {@code [1, 1048576]}, or "-" if unbounded. */
  public String rangeText() {
    if (type == ParamType.CHOICE) {
      return String.join(" | ", choices);
    }
    if (minText == null && maxText == null) {
      return "-";
    }
    return "[" + (minText == null ? "" : minText) + ", " + (maxText == null ? "" : maxText) + "]";
  }

  /** Fluent construction of a {@link Parameter}. */
  public static final class Builder {
    private final String name;
    private final ParamType type;
    private String unit = "";
    private String defaultText;
    private String min;
    private String max;
    private ImmutableList<String> choices = ImmutableList.of();
    private String source;
    private String description = "";

    private Builder(String name, ParamType type) {
      this.name = name;
      this.type = type;
    }

    /** Sets the unit shown to users. */
    public Builder unit(String u) {
      this.unit = u;
      return this;
    }

    /** Sets the default, written as a user would write it. */
    public Builder defaultValue(String d) {
      this.defaultText = d;
      return this;
    }

    /** Sets the inclusive range. */
    public Builder range(String lo, String hi) {
      this.min = lo;
      this.max = hi;
      return this;
    }

    /** Sets the allowed words of a choice parameter. */
    public Builder choices(String... c) {
      this.choices = ImmutableList.copyOf(c);
      return this;
    }

    /** Sets the source of the default value. */
    public Builder source(String s) {
      this.source = s;
      return this;
    }

    /** Sets the one-line description. */
    public Builder description(String d) {
      this.description = d;
      return this;
    }

    /** Builds the parameter and checks that its default is valid. */
    public Parameter build() {
      Parameter p =
          new Parameter(name, type, unit, defaultText, min, max, choices, source, description);
      if (defaultText != null) {
        p.defaultValue();
      }
      return p;
    }
  }
}
