package org.fusedsim.scenarios.cli;

import picocli.CommandLine.Option;

/** How much of a run the console summary prints; shared by {@code run} and {@code replay}. */
public final class SummaryOptions {
  @Option(
      names = "--all-metrics",
      description =
          "Print every metric in the summary, not only the headline ones (results.json always"
              + " holds them all).")
  boolean allMetrics;
}
