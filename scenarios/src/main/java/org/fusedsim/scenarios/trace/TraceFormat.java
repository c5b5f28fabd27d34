package org.fusedsim.scenarios.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/** The trace formats fusedsim reads, and recognition of a trace's format by its content. */
public enum TraceFormat {
  /** CST/1, the native format. */
  CST,
  /** strace text output. */
  STRACE;

  /** Parses a {@code --format} value ({@code cst}, {@code strace}). */
  public static TraceFormat parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** CST if the content starts with {@code #CST}, strace otherwise. */
  public static TraceFormat detect(byte[] head, int len) {
    String s = new String(head, 0, Math.min(len, 4), StandardCharsets.ISO_8859_1);
    return s.equals("#CST") ? CST : STRACE;
  }

  /**
   * Opens a trace file ({@code -} for standard input) as a stream of CST items, detecting the
   * format unless {@code forced} is given.
   *
   * @throws InputException if the file cannot be read
   */
  public static TraceSource open(String file, TraceFormat forced, InputStream stdin) {
    return open(file, forced, stdin, null);
  }

  /**
   * Opens a trace file like {@link #open(String, TraceFormat, InputStream)}; a call whose name
   * {@code known} does not accept is an {@link InputException} at its line and column ({@code
   * null}: every name is accepted).
   *
   * @throws InputException if the file cannot be read
   */
  public static TraceSource open(
      String file, TraceFormat forced, InputStream stdin, Predicate<String> known) {
    InputStream raw;
    String name;
    if (file.equals("-")) {
      raw = stdin;
      name = "stdin";
    } else {
      Path p = Path.of(file);
      try {
        if (Files.isDirectory(p)) {
          throw new InputException(new Location(file, 1, 1), "is a directory, expected a trace");
        }
        raw = Files.newInputStream(p);
      } catch (NoSuchFileException e) {
        throw new InputException(new Location(file, 1, 1), "no such file");
      } catch (IOException e) {
        throw new InputException(new Location(file, 1, 1), "cannot read: " + e.getMessage());
      }
      name = p.getFileName() == null ? file : p.getFileName().toString();
    }
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    TraceFormat f = forced;
    if (f == null) {
      try {
        in.mark(8);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        in.reset();
        f = detect(head, n);
      } catch (IOException e) {
        throw new InputException(new Location(file, 1, 1), "cannot read: " + e.getMessage());
      }
    }
    if (f == CST) {
      CstReader r = new CstReader(in, file);
      r.knownCalls(known);
      return r;
    }
    StraceImporter s = new StraceImporter(in, file, name);
    s.knownCalls(known);
    return s;
  }

  /** Returns the lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
