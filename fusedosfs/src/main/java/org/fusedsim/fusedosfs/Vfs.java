package org.fusedsim.fusedosfs;

import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The VFS: a mount table from path prefixes to file systems; a path goes to the longest matching
 * prefix. Each operation costs the VFS layer's own path ({@link LinuxParams#vfsOpPs}) plus the file
 * system's.
 */
public final class Vfs {
  private final LinuxParams params;
  private final TreeMap<String, FsBackend> mounts = new TreeMap<>();

  /** Creates a VFS with {@code root} mounted at {@code /}. */
  public Vfs(LinuxParams params, FsBackend root) {
    this.params = params;
    mounts.put("/", root);
  }

  /** Mounts {@code fs} at {@code prefix} (e.g. the 9P mount at {@code /gpfs}). */
  public void mount(String prefix, FsBackend fs) {
    mounts.put(prefix, fs);
  }

  /** Returns the file system serving {@code path}. */
  public FsBackend resolve(String path) {
    return mounts.get(mountPoint(path));
  }

  /** Returns the prefix {@code path} resolves to: the longest mount prefix it starts with. */
  public String mountPoint(String path) {
    if (mounts.size() == 1) {
      return "/"; // only the root: asked on every file call
    }
    String best = "/";
    for (String p : mounts.keySet()) {
      if (path.startsWith(p) && p.length() > best.length()) {
        best = p;
      }
    }
    return best;
  }

  /**
   * Performs {@code op} for {@code task} (which must be running): CPU time in VFS and file system,
   * then completion; {@code done} gets the result on the task's CPU. A file system that completes
   * later (the 9P mount runs its client in the task and waits for replies from the IO node) blocks
   * the task meanwhile and wakes it with the result.
   */
  public void perform(
      LinuxKernel kernel, Task task, FsOp op, String path, long bytes, LongConsumer done) {
    FsBackend fs = resolve(path);
    kernel.run(
        task,
        cpuTime(op, path, bytes),
        () -> fs.complete(op, path, bytes, new TaskContext(kernel, task), done));
  }

  /** Returns whether the file system serving {@code path} completes operations at once. */
  public boolean completesAtOnce(String path) {
    return resolve(path).completesAtOnce();
  }

  /** Returns the CPU time of {@code op} in the VFS and the file system serving {@code path}. */
  public long cpuTime(FsOp op, String path, long bytes) {
    return params.vfsOpPs() + resolve(path).cpuCost(op, bytes);
  }

  /**
   * Completes {@code op} on a file system that completes at once ({@link #completesAtOnce}) and
   * returns the result, for a caller that charges {@link #cpuTime} inside a burst of its own.
   */
  public long completeAtOnce(FsOp op, String path, long bytes) {
    FsBackend fs = resolve(path);
    if (!fs.completesAtOnce()) {
      throw new IllegalStateException(fs.name() + " does not complete at once");
    }
    long[] res = {0};
    fs.complete(op, path, bytes, r -> res[0] = r);
    return res[0];
  }
}
