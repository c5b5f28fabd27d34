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
   * errno) once any remote exchange is over. An in-memory file system calls it at once.
   */
  void complete(FsOp op, String path, long bytes, java.util.function.LongConsumer done);

  /**
   * Returns whether {@link #complete} always calls {@code done} before it returns and touches
   * nothing outside this file system (no network, no other component), so that a caller may take
   * the whole call as one burst of its task ({@link Vfs#completeAtOnce}).
   */
  default boolean completesAtOnce() {
    return false;
  }
}
