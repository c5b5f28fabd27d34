package org.fusedsim.scenarios.run;

import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Simulation;
import org.fusedsim.core.Tracer;

/**
 * What one run is given besides the scenario: which personality and replication it is, its random
 * streams, where trace events go, and who reports progress.
 *
 * @param personality the OS personality, or {@code none}
 * @param replication the replication index, from 0
 * @param streams the random streams of this replication
 * @param tracer the trace sink ({@link Tracer#OFF} unless {@code --trace})
 * @param progress the progress reporter
 * @param exact whether the run's kernel takes one event per modelled step ({@link
 *     Simulation#setExact})
 */
public record RunContext(
    String personality,
    int replication,
    RandomStreams streams,
    Tracer tracer,
    Progress progress,
    boolean exact) {

  /** Creates a context in the default (folding) mode. */
  public RunContext(
      String personality,
      int replication,
      RandomStreams streams,
      Tracer tracer,
      Progress progress) {
    this(personality, replication, streams, tracer, progress, false);
  }

  /** Creates a context without progress reports. */
  public RunContext(String personality, int replication, RandomStreams streams, Tracer tracer) {
    this(personality, replication, streams, tracer, Progress.NONE);
  }

  /**
   * Creates the simulation of this run, wired to the run's tracer and progress reporter. Kinds
   * should create their kernel here rather than with {@code new Simulation(...)}.
   */
  public Simulation newSimulation(int expectedPending) {
    Simulation sim = new Simulation(tracer, expectedPending);
    sim.setExact(exact);
    progress.attach(sim, personality + "/r" + replication);
    return sim;
  }

  /**
   * Creates one of several simulations of this run (a sweep inside one run: a storm's thread
   * counts), whose trace events go on tracks of their own, named {@code label/component}: each
   * simulation starts at time 0, so on shared tracks their slices would overlap.
   */
  public Simulation newSimulation(int expectedPending, String label) {
    Tracer labelled =
        !tracer.enabled()
            ? tracer
            : new Tracer() {
              @Override
              public boolean enabled() {
                return true;
              }

              @Override
              public void recordAll(java.util.List<org.fusedsim.core.TraceEvent> together) {
                java.util.List<org.fusedsim.core.TraceEvent> out = new java.util.ArrayList<>();
                for (org.fusedsim.core.TraceEvent e : together) {
                  out.add(labelled(e));
                }
                tracer.recordAll(out);
              }

              @Override
              public void record(org.fusedsim.core.TraceEvent e) {
                tracer.record(labelled(e));
              }

              private org.fusedsim.core.TraceEvent labelled(org.fusedsim.core.TraceEvent e) {
                com.google.common.collect.ImmutableMap<String, Object> fields = e.fields();
                if (fields.containsKey("flow_out") || fields.containsKey("flow_in")) {
                  // arrows are numbered per simulation: keep each simulation's apart
                  java.util.Map<String, Object> f = new java.util.LinkedHashMap<>(fields);
                  f.put("flow_cat", label + ":" + fields.getOrDefault("flow_cat", "flow"));
                  fields = com.google.common.collect.ImmutableMap.copyOf(f);
                }
                return new org.fusedsim.core.TraceEvent(
                    e.time(), label + "/" + e.component(), e.kind(), e.durationPs(), fields);
              }
            };
    Simulation sim = new Simulation(labelled, expectedPending);
    sim.setExact(exact);
    progress.attach(sim, personality + "/r" + replication + " " + label);
    return sim;
  }
}
