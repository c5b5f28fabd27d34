package org.fusedsim.scenarios.regress;

import java.nio.file.Path;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.report.AtomicFile;

/**
 * Writes a report file (JUnit XML, Markdown) all or nothing, through a temporary name in its
 * directory ({@link AtomicFile}), so CI never reads half.
 */
public final class ReportFiles {
  private ReportFiles() {}

  /**
   * Checks that {@code file} can be written and reserves its temporary file, before the work whose
   * report it will hold; {@link AtomicFile#commit} puts the report in place.
   *
   * @param flag the option that named the file, for messages
   * @throws InputException if the file cannot be written
   */
  public static AtomicFile open(Path file, String flag) {
    return AtomicFile.open(file, flag);
  }

  /**
   * Writes {@code text} to {@code file}, creating its parent directory.
   *
   * @param flag the option that named the file, for messages
   * @throws InputException if the file cannot be written
   */
  public static void write(Path file, String text, String flag) {
    try (AtomicFile f = AtomicFile.open(file, flag)) {
      f.write(text);
      f.commit();
    }
  }
}
