package org.fusedsim.core.param;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.DataSize;
import org.fusedsim.core.Frequency;

/**
 * The validated values of one component's parameters: given values over defaults. Typed getters
 * fail fast on a name the component did not declare, so a typo in model code is caught in tests.
 */
public final class ParamValues {
  private final ComponentSpec spec;
  private final Map<String, Object> values;

  private ParamValues(ComponentSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = values;
  }

  /** Starts a set of values for {@code spec}, pre-filled with the defaults. */
  public static Builder builder(ComponentSpec spec) {
    return new Builder(spec);
  }

  /** Returns the spec these values belong to. */
  public ComponentSpec spec() {
    return spec;
  }

  /** Returns an integer parameter. */
  public long integer(String name) {
    return (Long) get(name, ParamType.INTEGER);
  }

  /** Returns a real parameter. */
  public double real(String name) {
    return (Double) get(name, ParamType.REAL);
  }

  /** Returns a duration parameter in picoseconds. */
  public long time(String name) {
    return (Long) get(name, ParamType.TIME);
  }

  /** Returns a size parameter. */
  public DataSize size(String name) {
    return (DataSize) get(name, ParamType.SIZE);
  }

  /** Returns a bandwidth parameter. */
  public Bandwidth bandwidth(String name) {
    return (Bandwidth) get(name, ParamType.BANDWIDTH);
  }

  /** Returns a frequency parameter. */
  public Frequency frequency(String name) {
    return (Frequency) get(name, ParamType.FREQUENCY);
  }

  /** Returns a boolean parameter. */
  public boolean bool(String name) {
    return (Boolean) get(name, ParamType.BOOLEAN);
  }

  /** Returns a choice or text parameter. */
  public String text(String name) {
    Parameter p = declared(name);
    if (p.type() != ParamType.CHOICE && p.type() != ParamType.TEXT) {
      throw new IllegalArgumentException(name + " is " + p.type() + ", not text");
    }
    return (String) require(name);
  }

  /** Returns the values in declaration order, formatted as a user would write them. */
  public Map<String, String> formatted() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Parameter p : spec.parameters()) {
      Object v = values.get(p.name());
      if (v != null) {
        out.put(p.name(), p.type().format(v));
      }
    }
    return out;
  }

  private Object get(String name, ParamType type) {
    Parameter p = declared(name);
    if (p.type() != type) {
      throw new IllegalArgumentException(name + " is " + p.type() + ", not " + type);
    }
    return require(name);
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalStateException(spec.kind() + "." + name + " has no value");
    }
    return v;
  }

  private Parameter declared(String name) {
    return spec.parameter(name)
        .orElseThrow(
            () -> new IllegalArgumentException(spec.kind() + " declares no parameter " + name));
  }

  /** Collects values for one component. */
  public static final class Builder {
    private final ComponentSpec spec;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder(ComponentSpec spec) {
      this.spec = spec;
      for (Parameter p : spec.parameters()) {
        Object d = p.defaultValue();
        if (d != null) {
          values.put(p.name(), d);
        }
      }
    }

    /**
     * Sets a parameter from a raw YAML value.
     *
     * @throws ParamException if the name is unknown or the value invalid
     */
    public Builder set(String name, Object raw) {
      Parameter p =
          spec.parameter(name)
              .orElseThrow(
                  () ->
                      new ParamException(
                          "unknown key '"
                              + name
                              + "' in "
                              + spec.kind()
                              + " (expected one of: "
                              + String.join(
                                  ", ", spec.parameters().stream().map(Parameter::name).toList())
                              + ")"));
      values.put(name, p.parse(raw));
      return this;
    }

    /**
     * Returns the values, checking that every required parameter was given.
     *
     * @throws ParamException naming the first missing parameter
     */
    public ParamValues build() {
      for (Parameter p : spec.parameters()) {
        if (p.required() && !values.containsKey(p.name())) {
          throw new ParamException("missing required key '" + p.name() + "' in " + spec.kind());
        }
      }
      return new ParamValues(spec, new LinkedHashMap<>(values));
    }
  }
}
