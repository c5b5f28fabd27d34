package org.fusedsim.scenarios.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * The {@code --out} directory, written all or nothing.
 *
 * <p>{@link #prepare}, before anything runs, takes the lock {@code .NAME.lock} beside the directory
 * (a second run into the same place is refused while one is running), checks the directory
 * (non-empty needs {@code force}) and creates a private staging directory {@code
 * .NAME.staging-PID-N} beside it, so that an unwritable place is refused before the run. Every file
 * is written into the staging directory; {@link #commit} renames it into place. An existing
 * directory is first renamed aside ({@code .NAME.old-PID-N}), then the staging directory takes its
 * name, then the old one is deleted: the name holds the complete old run until the new one replaces
 * it. {@link #close} without a commit removes the staging directory and leaves the old run as it
 * was.
 *
 * <p>A process killed with SIGKILL leaves its hidden staging (or old) directory and the lock file,
 * which the OS has unlocked. The next run into the same place removes them; if the kill fell
 * between the two renames, that run first renames the old directory back.
 */
public final class OutputDir implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final boolean force;
  private final Location where;
  private final Lock lock;
  private final List<Path> created;
  private final List<AtomicFile> inside = new ArrayList<>();
  private boolean finished;

  private OutputDir(
      Path target, Path staging, boolean force, Location where, Lock lock, List<Path> created) {
    this.target = target;
    this.staging = staging;
    this.force = force;
    this.where = where;
    this.lock = lock;
    this.created = created;
  }

  /**
   * Locks the directory, checks it and creates the staging directory, before anything runs.
   *
   * @throws InputException if it is a file, exists and is not empty and {@code force} is false,
   *     another run is writing it, or it cannot be written
   */
  public static OutputDir prepare(Path dir, boolean force) {
    return prepare(dir, force, List.of());
  }

  /**
   * As {@link #prepare(Path, boolean)}, and refuses a directory that holds one of the run's {@code
   * inputs} (a scenario, a trace, a baseline) when {@code force} would delete it with the old run,
   * or that holds the current directory.
   */
  public static OutputDir prepare(Path dir, boolean force, List<Path> inputs) {
    Location where = new Location(dir.toString(), 1, 1);
    Path target = dir.toAbsolutePath().normalize();
    try {
      if (Files.isSymbolicLink(target) && Files.isDirectory(target)) {
        // write into the directory the link names, and keep the link
        target = target.toRealPath();
      }
    } catch (IOException e) {
      throw new InputException(where, "--out: cannot write: " + Scratch.reason(e));
    }
    if (target.getParent() == null || target.getFileName() == null) {
      throw new InputException(where, "--out: expected a directory below the root directory");
    }
    checkKind(target, where);
    if (real(Path.of("")).startsWith(real(target))) {
      throw new InputException(
          where,
          "--out: is or holds the current directory, and is replaced as a whole; choose a"
              + " directory of its own");
    }
    if (force && Files.isDirectory(target)) {
      for (Path in : inputs) {
        if (real(in).startsWith(real(target))) {
          throw new InputException(
              where, "--out: holds " + in + ", which --force would delete with the old run");
        }
      }
    }
    List<Path> created = new ArrayList<>();
    Lock lock = null;
    Path staging = null;
    try {
      created = Scratch.createDirectories(target.getParent());
      lock = Lock.acquire(target, where);
      recover(target);
      checkKind(target, where);
      if (!force && Files.isDirectory(target) && !isEmpty(target)) {
        throw new InputException(
            where, "--out: directory exists and is not empty (add --force to replace it)");
      }
      staging = Scratch.name(target, "staging");
      Path s = staging;
      Scratch.guarded(
          () -> {
            Scratch.remember(s);
            return Files.createDirectory(s);
          });
      if (Files.isDirectory(target)) {
        copyPermissions(target, staging);
      }
      return new OutputDir(target, staging, force, where, lock, created);
    } catch (IOException | RuntimeException e) {
      if (staging != null) {
        Scratch.deleteQuietly(staging);
        Scratch.forget(staging);
      }
      if (lock != null) {
        lock.release();
      }
      Scratch.removeCreated(created);
      if (e instanceof IOException io) {
        throw new InputException(where, "--out: cannot write: " + Scratch.reason(io));
      }
      throw (RuntimeException) e;
    }
  }

  /** The path with symbolic links resolved as far as it exists. */
  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static void checkKind(Path target, Location where) {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new InputException(where, "--out: expected a directory, found a file");
    }
  }

  /**
   * Removes what dead runs left beside {@code target}: staging directories, and old directories; an
   * old directory is renamed back if the target is missing (a kill between the two renames). Runs
   * under the lock.
   */
  static void recover(Path target) throws IOException {
    List<Scratch.Leftover> stale = Scratch.stale(target, Set.of("staging", "old", "tmp"));
    for (Scratch.Leftover l : stale) {
      if (l.kind().equals("old")
          && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)
          && Files.isDirectory(l.path(), LinkOption.NOFOLLOW_LINKS)) {
        Files.move(l.path(), target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Scratch.delete(l.path());
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void copyPermissions(Path from, Path to) {
    AtomicFile.keepPermissions(from, to);
  }

  /** Returns the directory the output is renamed to. */
  public Path path() {
    return target;
  }

  /** Returns the staging directory the files are written into until {@link #commit}. */
  public Path staging() {
    return staging;
  }

  /**
   * Opens a file of another option ({@code --junit}, {@code --emit-cst}): one inside this directory
   * is written into the staging directory, and appears with the rest at the commit.
   */
  public AtomicFile open(Path file, String flag) {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(target) && !abs.equals(target)) {
      AtomicFile f = AtomicFile.open(file, staging.resolve(target.relativize(abs)), flag);
      inside.add(f);
      return f;
    }
    return AtomicFile.open(file, flag);
  }

  /** Writes a text file (UTF-8) into the staging directory. */
  public Path write(String name, String content) {
    return write(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Writes a binary file into the staging directory.
   *
   * @throws InputException if it cannot be written (a full disk)
   */
  public Path write(String name, byte[] content) {
    if (finished) {
      throw new IllegalStateException("output already committed or closed: " + target);
    }
    Path file = staging.resolve(name);
    if (!file.getParent().equals(staging)) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    try {
      Scratch.guarded(() -> Files.write(file, content));
    } catch (IOException e) {
      throw new InputException(where, "--out: cannot write " + name + ": " + Scratch.reason(e));
    }
    return target.resolve(name);
  }

  /**
   * Renames the staging directory into place, replacing the old directory, and releases the lock.
   * The files {@link #open}ed inside it are committed first.
   *
   * @throws InputException if the directory was filled or replaced by a file meanwhile, or the
   *     renames fail; the old directory is then left as it was
   */
  public void commit() {
    if (finished) {
      throw new IllegalStateException("output already committed or closed: " + target);
    }
    for (AtomicFile f : inside) {
      try {
        f.commit();
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
    Path aside;
    try {
      aside =
          Scratch.guarded(
              () -> {
                Path old = null;
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                  checkKind(target, where);
                  if (!force && !isEmpty(target)) {
                    throw new InputException(
                        where,
                        "--out: the directory was filled during the run (add --force to replace"
                            + " it)");
                  }
                  old = Scratch.name(target, "old");
                  Scratch.remember(old);
                  Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
                try {
                  Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                  if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    Scratch.forget(old);
                  }
                  throw e;
                }
                Scratch.forget(staging);
                return old;
              });
    } catch (IOException e) {
      close();
      throw new InputException(where, "--out: cannot write: " + Scratch.reason(e));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    finished = true;
    if (aside != null) {
      Scratch.deleteQuietly(aside);
      Scratch.forget(aside);
    }
    lock.release();
  }

  /** Removes the staging directory unless committed, and releases the lock. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    Scratch.deleteQuietly(staging);
    Scratch.forget(staging);
    lock.release();
    Scratch.removeCreated(created);
  }

  /**
   * The lock file {@code .NAME.lock} beside the directory, held with {@link FileChannel#tryLock}
   * for the life of the run; the OS releases it when the process dies. The holder deletes it when
   * done, so a run that locked a file just deleted checks that it still has the name and tries
   * again.
   */
  static final class Lock {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    static Path file(Path target) {
      return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    static Lock acquire(Path target, Location where) throws IOException {
      Path file = file(target);
      for (int attempt = 0; attempt < 20; attempt++) {
        Object before = key(file);
        FileChannel ch =
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        } catch (IOException e) {
          ch.close();
          throw e;
        }
        if (l == null) {
          ch.close();
          throw new InputException(
              where,
              "--out: another fusedsim run is writing this directory (its lock "
                  + file.getFileName()
                  + " is held); wait for it or choose another --out");
        }
        Object after = key(file);
        if (before != null && Objects.equals(before, after)) {
          Lock lock = new Lock(file, ch, l);
          Scratch.remember(file);
          return lock;
        }
        // the file locked is not (or no longer) the one at the name: try again
        l.release();
        ch.close();
      }
      throw new IOException("cannot lock " + file);
    }

    private static Object key(Path file) throws IOException {
      try {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .fileKey();
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    /** Deletes the lock file while still holding it, then releases it. */
    void release() {
      try {
        Scratch.guarded(
            () -> {
              Files.deleteIfExists(file);
              Scratch.forget(file);
              return null;
            });
      } catch (IOException e) {
        // left for the next run, which can lock it
      }
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock in any case
      }
    }
  }
}
