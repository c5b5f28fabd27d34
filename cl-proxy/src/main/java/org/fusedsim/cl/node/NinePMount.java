package org.fusedsim.cl.node;

import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.fusedsim.fusedosfs.FsBackend;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.fusedosfs.TaskContext;
import org.fusedsim.net.ninep.NinePClient;

/**
 * The 9P mount of a compute node as a VFS file system: each operation becomes v9fs requests to diod
 * on the node's IO node over TCP on RoQ ({@link NinePClient}), made in the calling task: open =
 * walk, lopen, getattr; stat = walk, getattr, clunk; close and metadata changes = one small
 * request; read and write = one request per {@code msize - 24} bytes. The client's CPU time (v9fs
 * and the TCP send path) runs in the task's bursts; the task sleeps while its requests are in
 * flight and the reply's receive processing wakes it.
 */
public final class NinePMount implements FsBackend {
  private final Supplier<NinePClient> client;
  private final IntSupplier wakerCpu;

  /**
   * Mounts from the client {@code client} gives (made on first use); {@code wakerCpu} tells the CPU
   * that executes a wake (the receive interrupt's).
   */
  public NinePMount(Supplier<NinePClient> client, IntSupplier wakerCpu) {
    this.client = client;
    this.wakerCpu = wakerCpu;
  }

  @Override
  public String name() {
    return "9p";
  }

  @Override
  public long cpuCost(FsOp op, long bytes) {
    return 0;
  }

  @Override
  public void complete(FsOp op, String path, long bytes, LongConsumer done) {
    throw new IllegalStateException("the 9P mount serves a task: use complete(..., ctx, done)");
  }

  @Override
  public void complete(FsOp op, String path, long bytes, TaskContext ctx, LongConsumer done) {
    TaskThread caller = new TaskThread(ctx.kernel(), ctx.task(), wakerCpu, false);
    NinePClient c = client.get();
    switch (op) {
      case OPEN -> c.open(caller, () -> done.accept(0));
      case STAT -> c.stat(caller, () -> done.accept(0));
      case CLOSE, META -> c.close(caller, () -> done.accept(0));
      case WRITE -> c.write(caller, bytes, () -> done.accept(bytes));
      case READ -> c.read(caller, bytes, () -> done.accept(bytes));
    }
  }
}
