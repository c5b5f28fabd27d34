package org.fusedsim.scenarios.regress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/** Writes a report file (JUnit XML, Markdown) through a temporary name, so CI never reads half. */
public final class ReportFiles {
  private ReportFiles() {}

  /**
   * Writes {@code text} to {@code file}, creating its parent directory.
   *
   * @param flag the option that named the file, for messages
   * @throws InputException if the file cannot be written
   */
  public static void write(Path file, String text, String flag) {
    try {
      Path abs = file.toAbsolutePath();
      Files.createDirectories(abs.getParent());
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InputException(
          new Location(flag, 1, 1), "cannot write " + file + ": " + e.getClass().getSimpleName());
    }
  }
}
