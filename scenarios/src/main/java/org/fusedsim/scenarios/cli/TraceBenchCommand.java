package org.fusedsim.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;
import org.fusedsim.scenarios.report.Numbers;
import org.fusedsim.scenarios.trace.TraceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fusedsim bench trace}. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "Throughput of the strace importer and the CST reader in records per second, each against",
      "splitting the same bytes into lines (BufferedReader.readLine) in the same process.",
      "Without --file, a synthetic strace -f -ttt -T -y trace of 4 threads is generated in memory."
    })
public final class TraceBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", paramLabel = "STRACE", description = "A real strace file to use.")
  Path file;

  @Option(
      names = "--lines",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Lines of the synthetic trace (default ${DEFAULT-VALUE}).")
  int lines;

  @Option(
      names = "--repeat",
      paramLabel = "R",
      defaultValue = "5",
      description =
          "Measured repetitions after one warm-up; medians are printed (default ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() throws IOException {
    if (lines < 1 || repeat < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--lines and --repeat must be >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    byte[] strace;
    String what;
    if (file != null) {
      try {
        strace = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new InputException(new Location(file.toString(), 1, 1), "no such file");
      }
      what = file.toString();
    } else {
      strace = TraceBench.synthetic(lines, 4);
      what = "synthetic strace -f -ttt -T -y, 4 threads, " + lines + " lines";
    }
    byte[] cst = TraceBench.toCst(strace);
    out.println(
        "# trace parsers: "
            + what
            + " ("
            + Numbers.human(strace.length / 1e6, 4)
            + " MB strace, "
            + Numbers.human(cst.length / 1e6, 4)
            + " MB CST); JVM "
            + System.getProperty("java.version"));
    out.flush();
    TraceBench.importStrace(strace);
    TraceBench.readCst(cst);
    report(out, collect(true, strace), "baseline=readLine");
    report(out, collect(false, cst), "baseline=readLine");
    return ExitCodes.OK;
  }

  private TraceBench.Figure[] collect(boolean strace, byte[] bytes) {
    TraceBench.Figure[] f = new TraceBench.Figure[repeat];
    for (int i = 0; i < repeat; i++) {
      f[i] = strace ? TraceBench.importStrace(bytes) : TraceBench.readCst(bytes);
    }
    return f;
  }

  private static void report(PrintWriter out, TraceBench.Figure[] f, String base) {
    double[] rps = Arrays.stream(f).mapToDouble(TraceBench.Figure::perSecond).toArray();
    double[] lps = Arrays.stream(f).mapToDouble(x -> x.records() / x.baselineSeconds()).toArray();
    double[] slow = Arrays.stream(f).mapToDouble(TraceBench.Figure::slowdown).toArray();
    out.println(
        f[0].what()
            + " records="
            + f[0].records()
            + " records_per_s="
            + Numbers.human(BenchCommand.Phold.median(rps), 4)
            + " "
            + base
            + " readline_records_per_s="
            + Numbers.human(BenchCommand.Phold.median(lps), 4)
            + " time_ratio="
            + Numbers.human(BenchCommand.Phold.median(slow), 3));
    out.flush();
  }
}
