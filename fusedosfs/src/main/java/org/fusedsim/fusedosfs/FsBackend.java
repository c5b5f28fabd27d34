package org.fusedsim.fusedosfs;

/**
 * A file system mounted in the {@link Vfs}: the in-memory {@link MemFs} here; the 9P client (bound
 * to the network by roq-net) implements the same interface and completes operations after its round
 * trips.
 */
public interface FsBackend {
  /** Returns a short name for reports ({@code memfs}, {@code 9p}). */
  String name();

  /** Returns the CPU time the calling task spends inside this file system for {@code op}. */
  long cpuCost(FsOp op, long bytes);

  /**
   * Completes {@code op} on {@code path}; {@code done} gets the result (bytes moved, or a negative
   * errno). A file system that completes at once ({@link #completesAtOnce}) calls it before it
   * returns.
   */
  void complete(FsOp op, String path, long bytes, java.util.function.LongConsumer done);

  /**
   * Completes {@code op} on {@code path} for the running task of {@code ctx}, which may compute and
   * block meanwhile (a network file system runs its client code in the task and sleeps until the
   * reply); {@code done} gets the result in the task, running again. When this returns the task has
   * either started a burst or blocked, unless {@code done} has already run. The default is {@link
   * #complete(FsOp, String, long, java.util.function.LongConsumer)} in no time; if that has not
   * called {@code done} by the time it returns, the task blocks until it does and is then woken
   * with the result (the wake-up charged to no CPU).
   */
  default void complete(
      FsOp op, String path, long bytes, TaskContext ctx, java.util.function.LongConsumer done) {
    boolean[] blocked = {false};
    boolean[] finished = {false};
    complete(
        op,
        path,
        bytes,
        res -> {
          if (blocked[0]) {
            ctx.kernel().wake(ctx.task(), -1, () -> done.accept(res));
          } else {
            finished[0] = true;
            done.accept(res);
          }
        });
    if (!finished[0]) {
      // a task left neither running a burst nor asleep would be a scheduler error
      blocked[0] = true;
      ctx.kernel().block(ctx.task());
    }
  }

  /**
   * Returns whether {@link #complete} always calls {@code done} before it returns and touches
   * nothing outside this file system (no network, no other component), so that a caller may take
   * the whole call as one burst of its task ({@link Vfs#completeAtOnce}).
   */
  default boolean completesAtOnce() {
    return false;
  }
}
