package org.fusedsim.core.param;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * What a component declares about itself: its kind name, what it models and its parameters. {@code
 * fusedsim describe}, the scenario loader and {@code docs/parameters.md} all read this.
 *
 * @param kind the component kind, which is also its section name in scenario files
 * @param module the Maven module that implements it
 * @param description one sentence on what it models
 * @param parameters its parameters in the order they are documented
 */
public record ComponentSpec(
    String kind, String module, String description, ImmutableList<Parameter> parameters) {

  /** Checks that parameter names are unique. */
  public ComponentSpec {
    long distinct = parameters.stream().map(Parameter::name).distinct().count();
    if (distinct != parameters.size()) {
      throw new IllegalArgumentException("duplicate parameter name in component " + kind);
    }
  }

  /** Creates a spec from parameters. */
  public static ComponentSpec of(
      String kind, String module, String description, Parameter... parameters) {
    return new ComponentSpec(kind, module, description, ImmutableList.copyOf(parameters));
  }

  /** Returns the parameter with this name. */
  public Optional<Parameter> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
