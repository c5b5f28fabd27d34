package org.fusedsim.scenarios.report;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden files and directories an output is written through before it is renamed into place,
 * and their removal.
 *
 * <p>Each is named {@code .NAME.KIND-PID-N} beside its target {@code NAME}: {@code staging} (a
 * run's {@code --out} being written), {@code old} (the directory a {@code --force} run replaces,
 * between the swap and its deletion) and {@code tmp} (a single file). A failure removes them at
 * once, and so does the JVM's shutdown hook on SIGINT or SIGTERM. A process killed with SIGKILL
 * cannot remove its own: the next output to the same place removes those whose process is gone,
 * which the pid in the name tells.
 */
public final class Scratch {
  /** This process's id, part of every name. */
  static final long PID = ProcessHandle.current().pid();

  private static final AtomicLong SEQ = new AtomicLong();
  private static final Pattern NAME = Pattern.compile("\\.(.+)\\.(staging|old|tmp)-(\\d+)-(\\d+)");
  private static final Set<Path> LIVE = new LinkedHashSet<>();
  private static boolean hooked;
  private static boolean exiting;

  private Scratch() {}

  /** An action on the file system that may run only while the process is not exiting. */
  @FunctionalInterface
  interface Action<T> {
    T run() throws IOException;
  }

  /** A hidden name beside {@code target}, unique in this process. */
  static Path name(Path target, String kind) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + kind + "-" + PID + "-" + SEQ.incrementAndGet());
  }

  /**
   * Runs {@code action} unless the JVM is exiting; the shutdown hook waits for a running action, so
   * that a rename is never cut in half by the removal of what it renames.
   *
   * @throws IOException if the process is exiting, or from the action
   */
  static synchronized <T> T guarded(Action<T> action) throws IOException {
    if (exiting) {
      throw new IOException("interrupted");
    }
    return action.run();
  }

  /**
   * Removes {@code p} (a file or a directory tree) when the JVM exits before {@link #forget}.
   *
   * @throws IOException if the JVM is already exiting
   */
  static synchronized void remember(Path p) throws IOException {
    if (!hooked) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(Scratch::exit, "fusedsim-output-cleanup"));
      } catch (IllegalStateException e) {
        exiting = true;
        throw new IOException("interrupted", e);
      }
      hooked = true;
    }
    if (exiting) {
      throw new IOException("interrupted");
    }
    LIVE.add(p);
  }

  /** Stops tracking {@code p}: it was renamed into place or removed. */
  static synchronized void forget(Path p) {
    LIVE.remove(p);
  }

  private static synchronized void exit() {
    exiting = true;
    for (Path p : new ArrayList<>(LIVE)) {
      deleteQuietly(p);
    }
    LIVE.clear();
  }

  /** Deletes {@code p} and, for a directory, everything in it; a missing path is no error. */
  static void delete(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        p,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.deleteIfExists(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Deletes {@code p} as {@link #delete} does, and ignores a failure (best effort on the way out).
   */
  static void deleteQuietly(Path p) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        delete(p);
        return;
      } catch (IOException e) {
        // a file appeared while deleting (another thread still writing): try again
      }
    }
  }

  /** A hidden leftover found by {@link #stale}. */
  record Leftover(Path path, String kind, long pid) {}

  /**
   * Returns the leftovers beside {@code target} of the given kinds whose process is no longer
   * running.
   */
  static List<Leftover> stale(Path target, Set<String> kinds) throws IOException {
    List<Leftover> out = new ArrayList<>();
    Path dir = target.getParent();
    String name = target.getFileName().toString();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches() || !m.group(1).equals(name) || !kinds.contains(m.group(2))) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != PID && ProcessHandle.of(pid).isEmpty()) {
          out.add(new Leftover(p, m.group(2), pid));
        }
      }
    }
    return out;
  }

  /** Removes the {@code tmp} leftovers of dead processes beside {@code target}. */
  static void sweepFiles(Path target) throws IOException {
    for (Leftover l : stale(target, Set.of("tmp"))) {
      delete(l.path());
    }
  }

  /**
   * Creates the missing directories of {@code dir}.
   *
   * @return the directories created, outermost first, for {@link #removeCreated}
   */
  static List<Path> createDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    Path p = dir;
    for (; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    if (p != null && !Files.isDirectory(p)) {
      throw new IOException(p + " is not a directory");
    }
    Files.createDirectories(dir);
    return missing;
  }

  /** Removes the directories {@link #createDirectories} created, as far as they are empty. */
  static void removeCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The reason of an I/O failure, for a one-line message ("No space left on device"). */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "file exists";
    }
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
  }
}
