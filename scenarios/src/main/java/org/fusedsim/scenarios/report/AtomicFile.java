package org.fusedsim.scenarios.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * One output file written all or nothing: under a hidden temporary name in the target's directory
 * ({@code .NAME.tmp-PID-N}, see {@link Scratch}), renamed over the target by {@link #commit}. The
 * temporary file is created when this is opened, before any work, so that an unwritable place is
 * bad input reported at once; {@link #close} without a commit removes it. A device or pipe that
 * already exists at the name ({@code /dev/null}, a FIFO) is written directly, since a rename would
 * replace the device itself.
 *
 * <p>Files are created with the process's umask, like any file a shell command creates; a file
 * replaced keeps its permissions.
 */
public final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final String flag;
  private final Location where;
  private final List<Path> created;
  private boolean finished;
  private boolean committed;

  private AtomicFile(Path target, Path tmp, String flag, Location where, List<Path> created) {
    this.target = target;
    this.tmp = tmp;
    this.flag = flag;
    this.where = where;
    this.created = created;
  }

  /**
   * Checks that {@code file} can be written and creates its temporary file (and the missing
   * directories above it); removes what stale temporaries of dead processes lie beside it.
   *
   * @param flag the option that named the file, for messages ({@code --junit})
   * @throws InputException if the file cannot be written there
   */
  public static AtomicFile open(Path file, String flag) {
    return open(file, file, flag);
  }

  /** Opens {@code actual}, reporting failures at {@code file} (a file staged in an OutputDir). */
  static AtomicFile open(Path file, Path actual, String flag) {
    Location where = new Location(file.toString(), 1, 1);
    Path abs = actual.toAbsolutePath().normalize();
    if (abs.getFileName() == null) {
      throw new InputException(where, flag + ": expected a file name");
    }
    if (Files.isDirectory(abs)) {
      throw new InputException(where, flag + ": is a directory, expected a file");
    }
    List<Path> created = List.of();
    Path tmp;
    try {
      if (Files.exists(abs)) {
        // write through a symbolic link to the file it names
        abs = abs.toRealPath();
        if (!Files.isRegularFile(abs)) {
          if (!Files.isWritable(abs)) {
            throw new InputException(where, flag + ": cannot write: permission denied");
          }
          return new AtomicFile(abs, null, flag, where, List.of());
        }
      }
      created = Scratch.createDirectories(abs.getParent());
      Scratch.sweepFiles(abs);
      tmp = Scratch.name(abs, "tmp");
      Path t = tmp;
      Scratch.guarded(
          () -> {
            Scratch.remember(t);
            return Files.createFile(t);
          });
    } catch (IOException e) {
      Scratch.removeCreated(created);
      throw new InputException(where, flag + ": cannot write: " + Scratch.reason(e));
    }
    return new AtomicFile(abs, tmp, flag, where, created);
  }

  /** Returns the file that {@link #commit} writes. */
  public Path target() {
    return target;
  }

  /** Writes the whole content (before {@link #commit}). */
  public void write(byte[] content) {
    try (OutputStream os = stream()) {
      os.write(content);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Writes the whole content as UTF-8. */
  public void write(String content) {
    write(content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Opens the content for writing; a write failure (a full disk) is thrown as {@link
   * InputException}.
   */
  public OutputStream stream() throws IOException {
    OutputStream os =
        tmp == null
            ? Files.newOutputStream(target, StandardOpenOption.WRITE)
            : Files.newOutputStream(
                tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    return new FilterOutputStream(os) {
      @Override
      public void write(int b) {
        try {
          out.write(b);
        } catch (IOException e) {
          throw failure(e);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          throw failure(e);
        }
      }

      @Override
      public void flush() {
        try {
          out.flush();
        } catch (IOException e) {
          throw failure(e);
        }
      }

      @Override
      public void close() {
        try {
          out.close();
        } catch (IOException e) {
          throw failure(e);
        }
      }
    };
  }

  /**
   * Renames the written content over the target; a second call does nothing.
   *
   * @return the target
   * @throws InputException if the rename fails
   */
  public Path commit() {
    if (committed) {
      return target;
    }
    if (finished) {
      throw new IllegalStateException("closed: " + target);
    }
    if (tmp != null) {
      try {
        Scratch.guarded(
            () -> {
              keepPermissions(target, tmp);
              try {
                Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
              } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
              }
              Scratch.forget(tmp);
              return null;
            });
      } catch (IOException e) {
        throw failure(e);
      }
    }
    finished = true;
    committed = true;
    return target;
  }

  /** Removes the temporary file unless the content was committed. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    if (tmp != null) {
      Scratch.deleteQuietly(tmp);
      Scratch.forget(tmp);
      Scratch.removeCreated(created);
    }
  }

  private InputException failure(IOException e) {
    return new InputException(where, flag + ": cannot write: " + Scratch.reason(e));
  }

  /** Gives {@code fresh} the permissions of {@code old} if that exists (best effort). */
  static void keepPermissions(Path old, Path fresh) {
    try {
      PosixFileAttributeView v = Files.getFileAttributeView(old, PosixFileAttributeView.class);
      if (v != null && Files.exists(old)) {
        Set<PosixFilePermission> perms = v.readAttributes().permissions();
        Files.setPosixFilePermissions(fresh, perms);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // the new file keeps the umask's permissions
    }
  }
}
