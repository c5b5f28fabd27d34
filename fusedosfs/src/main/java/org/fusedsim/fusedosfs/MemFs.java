package org.fusedsim.fusedosfs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * An in-memory file system (tmpfs, ramdisk, the CL process's own stdio): data is copied at the
 * kernel's copy bandwidth and nothing leaves the node. It keeps file sizes so that reads see what
 * was written.
 */
public final class MemFs implements FsBackend {
  private final LinuxParams params;
  // hashed: looked up on every read and write, never listed
  private final Map<String, Long> sizes = new LinkedHashMap<>();

  /** Creates an empty file system. */
  public MemFs(LinuxParams params) {
    this.params = params;
  }

  @Override
  public String name() {
    return "memfs";
  }

  @Override
  public long cpuCost(FsOp op, long bytes) {
    return op == FsOp.READ || op == FsOp.WRITE ? params.copyBandwidth().transferTime(bytes) : 0;
  }

  @Override
  public boolean completesAtOnce() {
    return true;
  }

  @Override
  public void complete(FsOp op, String path, long bytes, LongConsumer done) {
    switch (op) {
      case WRITE -> {
        sizes.merge(path, bytes, Long::sum);
        done.accept(bytes);
      }
      case READ -> done.accept(Math.min(bytes, sizes.getOrDefault(path, 0L)));
      case OPEN -> {
        sizes.putIfAbsent(path, 0L);
        done.accept(3);
      }
      default -> done.accept(0);
    }
  }

  /** Returns the size of {@code path} (0 if absent). */
  public long size(String path) {
    return sizes.getOrDefault(path, 0L);
  }
}
