package org.fusedsim.cl.node;

import org.fusedsim.core.param.ParamValues;

/** The validated values of the parameter sections of a scenario, by section name. */
@FunctionalInterface
public interface Sections {
  /** Returns the values of section {@code name} (its defaults if the scenario has none). */
  ParamValues section(String name);
}
