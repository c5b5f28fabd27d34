package org.fusedsim.scenarios.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM, for tests outside this package. */
public final class CliRun {
  private CliRun() {}

  /**
   * What one command did.
   *
   * @param code the exit code
   * @param out what it printed on stdout
   * @param err what it printed on stderr
   */
  public record Result(int code, String out, String err) {}

  /** Runs {@code fusedsim ARGS} and returns its exit code and output. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }
}
