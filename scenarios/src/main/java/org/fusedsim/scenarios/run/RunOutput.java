package org.fusedsim.scenarios.run;

import com.google.common.collect.ImmutableList;
import org.fusedsim.core.Metrics;

/**
 * What one run produced.
 *
 * @param simulatedTimePs simulated time at the end of the run
 * @param events events the kernel executed
 * @param metrics named results with units
 * @param tables tables for CSV files
 * @param notes lines for the summary (e.g. a closed-form expectation next to the simulated value)
 * @param charts line charts for PNG files (not part of results.json)
 */
public record RunOutput(
    long simulatedTimePs,
    long events,
    Metrics metrics,
    ImmutableList<Table> tables,
    ImmutableList<String> notes,
    ImmutableList<Chart> charts) {

  /** An output without charts. */
  public RunOutput(
      long simulatedTimePs,
      long events,
      Metrics metrics,
      ImmutableList<Table> tables,
      ImmutableList<String> notes) {
    this(simulatedTimePs, events, metrics, tables, notes, ImmutableList.of());
  }
}
