package org.fusedsim.scenarios.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * The {@code --out} directory. A non-empty directory is refused unless forced, and each file is
 * written under a temporary name and renamed into place, so that an interrupted run never leaves a
 * half-written file behind.
 */
public final class OutputDir {
  private final Path dir;

  private OutputDir(Path dir) {
    this.dir = dir;
  }

  /**
   * Checks the directory before anything runs.
   *
   * @throws InputException if it exists, is not empty and {@code force} is false, or is a file
   */
  public static OutputDir prepare(Path dir, boolean force) {
    Location where = new Location(dir.toString(), 1, 1);
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new InputException(where, "--out: expected a directory, found a file");
      }
      if (!force && !isEmpty(dir)) {
        throw new InputException(
            where, "--out: directory exists and is not empty (add --force to overwrite its files)");
      }
    }
    return new OutputDir(dir);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the directory. */
  public Path path() {
    return dir;
  }

  /** Writes a text file atomically. */
  public Path write(String name, String content) throws IOException {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a binary file atomically. */
  public Path write(String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
    try {
      Files.write(tmp, content);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
