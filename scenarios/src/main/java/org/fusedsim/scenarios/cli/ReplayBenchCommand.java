package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.replay.ReplayBench;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.trace.SyscallClasses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fusedsim bench replay}. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Records per second replaying a trace over many ranks (the nodes simulated), against",
      "reading and preparing the same trace in the same process: medians over the repetitions,",
      "the fastest and slowest repetition, and the median of the per-repetition read/replay ratio."
    })
public final class ReplayBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "TRACE", description = "The trace (strace or CST).")
  String trace;

  @Option(
      names = "--ranks",
      paramLabel = "N",
      defaultValue = "64",
      description = "Ranks (default ${DEFAULT-VALUE}).")
  int ranks;

  @Option(
      names = "--profile",
      paramLabel = "P",
      defaultValue = "fusedos-cnkcompat",
      description = "Profile (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--warmup",
      paramLabel = "W",
      defaultValue = "5",
      description = {
        "Unmeasured repetitions first (default ${DEFAULT-VALUE}): the JIT compiler needs a few",
        "replays of a large trace before the code reaches its steady speed."
      })
  int warmup;

  @Option(
      names = "--repeat",
      paramLabel = "R",
      defaultValue = "5",
      description = "Measured repetitions after the warm-up; medians (default ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() {
    if (ranks < 1
        || repeat < 1
        || warmup < 0
        || !SyscallClasses.REPLAY_PROFILES.contains(profile)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--ranks and --repeat must be >= 1, --warmup >= 0, --profile one of "
              + SyscallClasses.REPLAY_PROFILES);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "# replay: "
            + trace
            + ", "
            + ranks
            + " ranks, "
            + profile
            + ", "
            + warmup
            + " warm-up and "
            + repeat
            + " measured repetitions; JVM "
            + System.getProperty("java.version"));
    out.flush();
    for (int i = 0; i < warmup; i++) {
      ReplayBench.measure(trace, profile, ranks);
    }
    ReplayBench.Figure[] f = new ReplayBench.Figure[repeat];
    for (int i = 0; i < repeat; i++) {
      f[i] = ReplayBench.measure(trace, profile, ranks);
    }
    double rps =
        BenchCommand.Phold.median(
            Arrays.stream(f).mapToDouble(ReplayBench.Figure::perSecond).toArray());
    double read =
        BenchCommand.Phold.median(
            Arrays.stream(f).mapToDouble(ReplayBench.Figure::readPerSecond).toArray());
    // each repetition reads and replays back to back: the ratio within one is steadier
    double ratio =
        BenchCommand.Phold.median(
            Arrays.stream(f).mapToDouble(x -> x.readPerSecond() / x.perSecond()).toArray());
    double lo = Arrays.stream(f).mapToDouble(ReplayBench.Figure::perSecond).min().orElseThrow();
    double hi = Arrays.stream(f).mapToDouble(ReplayBench.Figure::perSecond).max().orElseThrow();
    out.println(
        "replay records="
            + f[0].records()
            + " events="
            + f[0].events()
            + " records_per_s="
            + Numbers.human(rps, 4)
            + " min="
            + Numbers.human(lo, 4)
            + " max="
            + Numbers.human(hi, 4)
            + " baseline=read read_records_per_s="
            + Numbers.human(read, 4)
            + " ratio="
            + Numbers.human(ratio, 3));
    out.flush();
    return ExitCodes.OK;
  }
}
