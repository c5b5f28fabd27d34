package org.fusedsim.scenarios.load;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.run.RunContext;
import org.fusedsim.scenarios.run.RunOutput;

/**
 * A kind of experiment a scenario file can ask for ({@code kind: phold}): which sections of
 * parameters it reads and how one run of it executes.
 */
public interface ScenarioKind {
  /** Returns the name used after {@code kind:} in scenario files. */
  String name();

  /** Returns one sentence on what this kind of scenario measures. */
  String description();

  /** Returns the parameter sections the kind accepts; each is a top-level key in the file. */
  ImmutableList<ComponentSpec> sections();

  /**
   * Returns the OS personalities the kind can run under, the default first; empty when the kind has
   * no operating system at all (PHOLD, raw network tests).
   */
  ImmutableList<String> personalities();

  /**
   * Checks what single parameters cannot: that values fit the model together (a torus shape exists,
   * FIFO claims do not collide). Called by the loader before anything runs.
   *
   * @throws CheckException naming the offending section and key
   */
  default void check(Scenario scenario) {}

  /**
   * Returns the families of metrics a run of this kind reports, with their units, so that an {@code
   * expect:} on a metric the kind never reports, or in a unit that does not convert, is rejected
   * before anything runs. A test holds every metric of every catalog scenario to this list.
   */
  ImmutableList<MetricPattern> metrics();

  /**
   * Returns the metric families the console summary leads with, the answers the kind is run for
   * ({@code syscall.*.latency.p50}); the summary prints their metrics in this order, each family in
   * natural order. Empty: every metric, in natural order, up to the summary's row limit.
   */
  default ImmutableList<String> headline() {
    return ImmutableList.of();
  }

  /** Runs one replication under one personality. */
  RunOutput run(Scenario scenario, RunContext context);
}
