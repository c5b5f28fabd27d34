package org.fusedsim.core;

import java.util.SplittableRandom;

/**
 * The classic hold model on the pending-event set: {@code size} events are queued, then each step
 * removes the earliest and inserts one later event. Runs the same operations on the plain 4-ary
 * heap ({@link EventHeap}) and on the calendar queue ({@link EventQueue}) that the kernel uses, so
 * the choice between them can be re-measured with {@code fusedsim bench queue}.
 *
 * <p>The two hold loops are written out twice on purpose: each is compiled against one concrete
 * structure, so the benchmark measures the structure rather than an interface call.
 */
public final class QueueBenchmark {
  /**
   * Timing of one structure.
   *
   * @param nanosPerOp wall nanoseconds per remove-and-insert step
   * @param checksum a sum over the removed events, equal for both structures when they agree
   */
  public record Result(double nanosPerOp, long checksum) {}

  private final int size;
  private final long ops;
  private final long seed;

  /**
   * Creates the benchmark.
   *
   * @param size pending events held throughout
   * @param ops remove-and-insert steps measured
   * @param seed seed of the increments
   */
  public QueueBenchmark(int size, long ops, long seed) {
    if (size < 1 || ops < 1) {
      throw new IllegalArgumentException("size and ops must be >= 1");
    }
    this.size = size;
    this.ops = ops;
    this.seed = seed;
  }

  /** Runs the hold model on the plain 4-ary heap. */
  public Result heap() {
    EventHeap q = new EventHeap(size + 16);
    SplittableRandom r = new SplittableRandom(seed);
    Object h = this;
    long seq = 0;
    for (int i = 0; i < size; i++) {
      q.push(increment(r), seq++, h, i);
    }
    long sum = 0;
    long t0 = wallNanos();
    for (long i = 0; i < ops; i++) {
      long t = q.topTime();
      sum += q.topArg() ^ t;
      q.removeTop();
      q.push(t + increment(r), seq++, h, i);
    }
    return new Result((wallNanos() - t0) / (double) ops, sum);
  }

  /** Runs the hold model on the kernel's calendar queue. */
  public Result calendar() {
    EventQueue q = new EventQueue(size + 16);
    SplittableRandom r = new SplittableRandom(seed);
    Object h = this;
    long seq = 0;
    for (int i = 0; i < size; i++) {
      q.push(increment(r), seq++, h, i);
    }
    long sum = 0;
    long t0 = wallNanos();
    for (long i = 0; i < ops; i++) {
      long t = q.topTime();
      sum += q.topArg() ^ t;
      q.removeTop();
      q.push(t + increment(r), seq++, h, i);
    }
    return new Result((wallNanos() - t0) / (double) ops, sum);
  }

  /** Exponential increments with a 1 us mean plus 1 ns, as in PHOLD. */
  private static long increment(SplittableRandom r) {
    return 1_000 + (long) (-StrictMath.log(1.0 - r.nextDouble()) * 1_000_000);
  }

  @SuppressForbidden(reason = "a benchmark measures wall time")
  private static long wallNanos() {
    return System.nanoTime();
  }
}
