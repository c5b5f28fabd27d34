package org.fusedsim.scenarios.workload;

import java.util.function.BooleanSupplier;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.spc.Syscall;
import org.fusedsim.spc.Timeline;

/**
 * A file writer on one application thread: {@code open(path)}, then {@code write(fd, size)} calls,
 * then {@code close(fd)}, each a system call under the node's personality (offloaded to CL and the
 * 9P mount under FusedOS, function-shipped under CNK, local Linux calls through v9fs under Linux).
 * It writes {@code writes} times, or, with {@code writes = 0}, back to back until {@code stop} says
 * so.
 */
public final class FileWriter {
  private static final int FD = 3;

  private final NodeOs os;
  private final int thread;
  private final String path;
  private final long size;
  private final int writes;
  private final BooleanSupplier stop;
  private final Runnable finished;
  private long openedAt = -1;
  private long closedAt = -1;
  private long written;
  private long calls;

  /** Creates the writer; {@code finished} runs after the close. */
  public FileWriter(
      NodeOs os,
      int thread,
      String path,
      long size,
      int writes,
      BooleanSupplier stop,
      Runnable finished) {
    this.os = os;
    this.thread = thread;
    this.path = path;
    this.size = size;
    this.writes = writes;
    this.stop = stop;
    this.finished = finished;
  }

  /** Returns the thread's entry, for {@link NodeOs#boot}. */
  public Runnable entry() {
    return () -> {
      openedAt = os.sim().now();
      call(new Syscall("open", -1, path, 0), () -> write(0));
    };
  }

  private void call(Syscall c, Runnable then) {
    calls++;
    os.syscall(thread, c, new Timeline(), r -> then.run());
  }

  private void write(int i) {
    if ((writes > 0 && i == writes) || (writes == 0 && stop.getAsBoolean())) {
      call(
          new Syscall("close", FD, path, 0),
          () -> {
            closedAt = os.sim().now();
            os.exit(thread, finished);
          });
      return;
    }
    call(
        new Syscall("write", FD, path, size),
        () -> {
          written += size;
          write(i + 1);
        });
  }

  /** Returns when the file was opened, or -1. */
  public long openedAt() {
    return openedAt;
  }

  /** Returns when it was closed, or -1. */
  public long closedAt() {
    return closedAt;
  }

  /** Returns the bytes written so far. */
  public long written() {
    return written;
  }

  /** Returns the calls made so far. */
  public long calls() {
    return calls;
  }
}
