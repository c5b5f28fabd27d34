package org.fusedsim.scenarios.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.fusedsim.core.param.ParamValues;

/**
 * A validated scenario: everything needed to run it, with every value parsed and checked.
 *
 * @param source the file name (or {@code <built-in>})
 * @param text the scenario text as read, for reports
 * @param name the scenario name
 * @param description one line on what it shows
 * @param kind what kind of experiment it is
 * @param seed the base seed of every random stream
 * @param replications how many independent replications to run
 * @param personalities the OS personalities to run under (empty for kinds without an OS)
 * @param sections parameter values by section name, in declaration order of the kind
 */
public record Scenario(
    String source,
    String text,
    String name,
    String description,
    ScenarioKind kind,
    long seed,
    int replications,
    ImmutableList<String> personalities,
    ImmutableMap<String, ParamValues> sections) {

  /** Returns the values of one section. */
  public ParamValues section(String name) {
    ParamValues v = sections.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "scenario kind " + kind.name() + " has no section " + name);
    }
    return v;
  }
}
