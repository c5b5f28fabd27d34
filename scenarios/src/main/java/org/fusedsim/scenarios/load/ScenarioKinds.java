package org.fusedsim.scenarios.load;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/** The scenario kinds this build knows, in the order {@code describe} lists them. */
public final class ScenarioKinds {
  private final ImmutableList<ScenarioKind> kinds;

  /** Creates a registry over the given kinds; names must be unique. */
  public ScenarioKinds(ImmutableList<ScenarioKind> kinds) {
    if (kinds.stream().map(ScenarioKind::name).distinct().count() != kinds.size()) {
      throw new IllegalArgumentException("duplicate scenario kind name");
    }
    this.kinds = kinds;
  }

  /** Returns all kinds. */
  public ImmutableList<ScenarioKind> all() {
    return kinds;
  }

  /** Returns the kind with this name. */
  public Optional<ScenarioKind> find(String name) {
    return kinds.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** Returns the names, for error messages. */
  public ImmutableList<String> names() {
    return kinds.stream().map(ScenarioKind::name).collect(ImmutableList.toImmutableList());
  }
}
