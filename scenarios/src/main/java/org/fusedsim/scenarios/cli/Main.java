package org.fusedsim.scenarios.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Messages;
import org.fusedsim.scenarios.load.Suggest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fusedsim} command line. Maps every failure to the exit codes of the contract: 2 with a
 * one-line {@code error: ...} for bad input, 3 with the stack trace in the log for an internal
 * error; never a stack trace on the terminal.
 */
@Command(
    name = "fusedsim",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Discrete-event simulator of a Blue Gene/Q partition running FusedOS.",
    subcommands = {
      RunCommand.class,
      DiffCommand.class,
      ValidateCommand.class,
      ConvertCommand.class,
      ReplayCommand.class,
      SweepCommand.class,
      DescribeCommand.class,
      ListCommand.class,
      BenchCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // Without a subcommand, show what there is to do.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    everyCommand(
        cmd,
        c -> {
          c.getCommandSpec().versionProvider(new Version());
          c.getCommandSpec()
              .usageMessage()
              .description(paragraphs(c.getCommandSpec().usageMessage().description()));
        });
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          err.println(
              "error: "
                  + flagLocation(a, ex)
                  + ": "
                  + Messages.oneLine(firstLine(ex.getMessage()))
                  + suggestion(ex)
                  + " (see '"
                  + c.getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return ExitCodes.BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof InputException ie) {
            err.println(ie.userMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
          }
          return internal(args, ex, err);
        });
    int code;
    try {
      code = cmd.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // picocli lets errors through; they still end as one line and exit 3.
      code = internal(args, e, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The closest subcommands or options picocli knows for a mistyped one, as {@code (did you mean
   * ...?)}.
   */
  private static String suggestion(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String typed = u.getUnmatched().get(0);
      CommandLine c = ex.getCommandLine();
      java.util.List<String> names = new java.util.ArrayList<>();
      if (typed.startsWith("-")) {
        c.getCommandSpec().options().forEach(o -> names.addAll(java.util.List.of(o.names())));
      } else {
        names.addAll(c.getSubcommands().keySet());
      }
      return Suggest.didYouMean(typed.replaceFirst("=.*", ""), names);
    }
    return "";
  }

  /**
   * Joins a description's source lines into paragraphs, so that the help wraps them at the
   * terminal's width instead of breaking each source line again into an orphan word: a line that
   * continues a sentence (the previous one does not end a sentence or an example, and this one
   * starts in lower case, with a digit or a parenthesis) joins the one before.
   */
  static String[] paragraphs(String[] lines) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String line : lines) {
      boolean continues =
          !out.isEmpty()
              && !line.isEmpty()
              && !out.get(out.size() - 1).matches(".*[.:)]$")
              && (Character.isLowerCase(line.charAt(0))
                  || Character.isDigit(line.charAt(0))
                  || line.charAt(0) == '(');
      if (continues) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + line);
      } else {
        out.add(line);
      }
    }
    return out.toArray(new String[0]);
  }

  private static void everyCommand(CommandLine c, java.util.function.Consumer<CommandLine> action) {
    action.accept(c);
    c.getSubcommands().values().forEach(sub -> everyCommand(sub, action));
  }

  private static int internal(String[] args, Throwable ex, PrintWriter err) {
    String what;
    if (ex instanceof OutOfMemoryError) {
      what =
          "out of memory (the JVM's heap limit; give more with FUSEDSIM_JAVA_OPTS=-Xmx16g, or"
              + " simulate less)";
    } else if (ex instanceof org.fusedsim.core.StuckException) {
      what = "the simulation cannot finish: " + Messages.oneLine(firstLine(ex.getMessage()));
    } else if (ex instanceof StackOverflowError) {
      what = "stack overflow";
    } else {
      what =
          ex.getClass().getSimpleName()
              + (ex.getMessage() == null
                  ? ""
                  : ": " + Messages.oneLine(firstLine(ex.getMessage())));
    }
    try {
      // the logger starts only here: configuring it costs a tenth of a second at every start
      Logger log = LoggerFactory.getLogger(Main.class);
      log.error("internal error running {}", String.join(" ", args), ex);
    } catch (RuntimeException | Error logFailure) {
      // the log is best effort; the one line below is the report
    }
    err.println("internal error: " + what + " (stack trace in " + logFile() + ")");
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /**
   * Locates a flag error on the command line as if it were a one-line file: column = the offset of
   * the offending argument in the arguments joined by spaces, counting from 1.
   */
  static String flagLocation(String[] args, CommandLine.ParameterException ex) {
    String bad = null;
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      bad = u.getUnmatched().get(0);
    } else if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
      for (String n : o.names()) {
        for (String arg : args) {
          if (arg.equals(n) || arg.startsWith(n + "=")) {
            bad = arg;
            break;
          }
        }
        if (bad != null) {
          break;
        }
      }
    } else if (ex.getValue() != null) {
      bad = ex.getValue();
    }
    int col = 1;
    for (String arg : args) {
      if (arg.equals(bad)) {
        return "command-line:1:" + col;
      }
      col += arg.length() + 1;
    }
    return "command-line:1:1";
  }

  static String logFile() {
    String env = System.getenv("FUSEDSIM_LOG");
    return env != null ? env : System.getProperty("java.io.tmpdir") + "/fusedsim.log";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
