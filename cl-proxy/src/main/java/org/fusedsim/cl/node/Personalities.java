package org.fusedsim.cl.node;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.cl.cnk.CnkPersonality;
import org.fusedsim.cl.direct.DirectPersonality;
import org.fusedsim.cl.fusedos.FusedosPersonality;
import org.fusedsim.cl.linux.LinuxPersonality;
import org.fusedsim.core.param.ComponentSpec;

/**
 * The personalities this build knows, registered here and nowhere else, and the names of their
 * variants.
 */
public final class Personalities {
  private final ImmutableList<Personality> all;
  private final ImmutableMap<String, Personality> byName;

  /** The registry of this build. */
  public static Personalities builtin() {
    return new Personalities(
        ImmutableList.of(
            new FusedosPersonality(),
            new CnkPersonality(),
            new LinuxPersonality(),
            new DirectPersonality()));
  }

  /** Creates a registry of {@code all}, in order. */
  public Personalities(ImmutableList<Personality> all) {
    this.all = all;
    Map<String, Personality> m = new LinkedHashMap<>();
    for (Personality p : all) {
      m.put(p.name(), p);
      for (String v : p.variants().keySet()) {
        m.put(v, p);
      }
    }
    this.byName = ImmutableMap.copyOf(m);
  }

  /** Returns the personalities in registration order. */
  public ImmutableList<Personality> all() {
    return all;
  }

  /** Returns every name a personality answers to: base names, then variants. */
  public ImmutableList<String> names() {
    return byName.keySet().asList();
  }

  /** Returns the base names, in registration order. */
  public ImmutableList<String> baseNames() {
    return all.stream().map(Personality::name).collect(ImmutableList.toImmutableList());
  }

  /** Returns the personality of {@code name} (a base name or a variant), or null. */
  public Personality find(String name) {
    return byName.get(name);
  }

  /** Returns the personality of {@code name}. */
  public Personality get(String name) {
    Personality p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown personality '" + name + "': expected one of " + String.join(", ", names()));
    }
    return p;
  }

  /** Returns the settings a name stands for beyond its personality's defaults (none for a base). */
  public ImmutableMap<String, String> settings(String name) {
    Personality p = get(name);
    ImmutableMap<String, String> v = p.variants().get(name);
    return v == null ? ImmutableMap.of() : v;
  }

  /** Returns every section any personality reads, each once, in registration order. */
  public ImmutableList<ComponentSpec> sections() {
    Map<String, ComponentSpec> m = new LinkedHashMap<>();
    for (Personality p : all) {
      for (ComponentSpec s : p.sections()) {
        m.putIfAbsent(s.kind(), s);
      }
    }
    return ImmutableList.copyOf(m.values());
  }
}
