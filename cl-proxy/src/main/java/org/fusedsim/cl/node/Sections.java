package org.fusedsim.cl.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.core.param.ParamValues;

/** The validated values of the parameter sections of a scenario, by section name. */
@FunctionalInterface
public interface Sections {
  /** Returns the values of section {@code name} (its defaults if the scenario has none). */
  ParamValues section(String name);

  /**
   * Returns {@code base} with {@code settings} ({@code section.key -> value}, in order) on top,
   * each value checked as a scenario file's would be.
   *
   * @throws org.fusedsim.core.param.ParamException for a value its parameter does not accept
   */
  static Sections with(Sections base, Map<String, String> settings) {
    if (settings.isEmpty()) {
      return base;
    }
    Map<String, ParamValues> changed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      int dot = e.getKey().indexOf('.');
      String sec = e.getKey().substring(0, dot);
      ParamValues cur = changed.containsKey(sec) ? changed.get(sec) : base.section(sec);
      ParamValues.Builder b = ParamValues.builder(cur.spec());
      for (Map.Entry<String, String> v : cur.formatted().entrySet()) {
        b.set(v.getKey(), v.getValue());
      }
      b.set(e.getKey().substring(dot + 1), e.getValue());
      changed.put(sec, b.build());
    }
    return name -> changed.containsKey(name) ? changed.get(name) : base.section(name);
  }
}
