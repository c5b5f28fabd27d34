package org.fusedsim.cl.node;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.fusedsim.core.param.ComponentSpec;

/**
 * An OS personality of a compute node: how it splits the chip, what runs on each hardware thread,
 * and how it serves the application's compute, system calls and waiting. One interface and one
 * registration ({@link Personalities}); everything else about a personality is its configuration.
 */
public interface Personality {
  /** Returns the name used in scenario files and after {@code --os}. */
  String name();

  /** Returns one sentence on what the personality is. */
  String description();

  /** Returns the parameter sections the personality reads (its own and the shared ones it uses). */
  ImmutableList<ComponentSpec> sections();

  /**
   * Returns named variants: a name usable wherever a personality name is (e.g. {@code
   * fusedos-released}) and the {@code section.key -> value} settings it stands for.
   */
  default ImmutableMap<String, ImmutableMap<String, String>> variants() {
    return ImmutableMap.of();
  }

  /** Returns how many application threads a node offers under {@code config}. */
  int appThreads(Sections config);

  /**
   * Checks that {@code config} fits a node (layouts, launch rules) and that {@code threads}
   * application threads (0: none asked yet) can run, before anything is simulated.
   *
   * @throws ConfigException naming the section and key at fault
   */
  void check(Sections config, int threads);

  /** Builds the OS of one node on its hardware; nothing runs until {@link NodeOs#boot}. */
  NodeOs build(NodeContext context);
}
