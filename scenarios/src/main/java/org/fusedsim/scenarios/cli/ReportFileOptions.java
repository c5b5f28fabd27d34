package org.fusedsim.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import org.fusedsim.scenarios.regress.CheckResult;
import org.fusedsim.scenarios.regress.Comparison;
import org.fusedsim.scenarios.regress.RegressionReport;
import org.fusedsim.scenarios.regress.ReportFiles;
import org.fusedsim.scenarios.report.AtomicFile;
import org.fusedsim.scenarios.report.OutputDir;
import picocli.CommandLine.Option;

/**
 * {@code --junit FILE} and {@code --markdown FILE}, shared by {@code run} and {@code diff}. The
 * files are opened (checked writable, temporary file created) before the work, written into their
 * temporary files after it, and put in place by {@link #commit} together with the other outputs.
 */
final class ReportFileOptions implements AutoCloseable {
  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write JUnit XML: one test case per expectation and compared metric.")
  Path junit;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "Write a Markdown summary, e.g. for a pull-request comment.")
  Path markdown;

  private AtomicFile junitFile;
  private AtomicFile markdownFile;

  /**
   * Checks that both files can be written; throws InputException if not. A file inside {@code out}
   * (may be null) is written with it.
   */
  void open(OutputDir out) {
    try {
      junitFile = junit == null ? null : open(out, junit, "--junit");
      markdownFile = markdown == null ? null : open(out, markdown, "--markdown");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static AtomicFile open(OutputDir out, Path file, String flag) {
    return out == null ? ReportFiles.open(file, flag) : out.open(file, flag);
  }

  /** Writes the reports into their temporary files. */
  void write(String scenario, List<CheckResult> checks, Comparison comparison) {
    if (junitFile != null) {
      junitFile.write(RegressionReport.junit(scenario, checks, comparison));
    }
    if (markdownFile != null) {
      markdownFile.write(RegressionReport.markdown(scenario, checks, comparison));
    }
  }

  /** Puts the written reports in place. */
  void commit() {
    if (junitFile != null) {
      junitFile.commit();
    }
    if (markdownFile != null) {
      markdownFile.commit();
    }
  }

  /** Removes the temporary files of reports not committed. */
  @Override
  public void close() {
    if (junitFile != null) {
      junitFile.close();
    }
    if (markdownFile != null) {
      markdownFile.close();
    }
  }
}
