package org.fusedsim.spc;

/**
 * What a blocking call asks of the kernel, as its registers carry it: a futex wait or wake on a
 * word, a sleep, or a wait for a descriptor or a signal. The kernel that serves the call (Linux for
 * FusedOS's CL pthread and for the Linux personality, CNK for the CNK baseline) blocks and wakes
 * the thread itself.
 *
 * @param kind what the call does
 * @param word the futex word (an address in the process: equal words are the same futex)
 * @param count the most waiters a wake releases
 * @param ps the sleep's length, or a wait's timeout (negative: none)
 * @param value for a wait the value the caller expects the word to hold, for a wake the value the
 *     caller stored into the word just before the call; negative when the caller does not say (a
 *     replayed trace), and the kernel then stands for the value by the wakes that came too early
 *     ({@link Futexes})
 */
public record Block(Kind kind, long word, int count, long ps, long value) {
  /** A blocking call whose word value is not known. */
  public Block(Kind kind, long word, int count, long ps) {
    this(kind, word, count, ps, -1);
  }

  /** What a blocking call does. */
  public enum Kind {
    /** Not a blocking call. */
    NONE,
    /** futex(FUTEX_WAIT): sleep until a wake of the word (or the timeout). */
    FUTEX_WAIT,
    /** futex(FUTEX_WAKE): release up to {@code count} waiters of the word. */
    FUTEX_WAKE,
    /** nanosleep: sleep for {@code ps}. */
    SLEEP,
    /**
     * poll, select, a signal wait or a read of a pipe or socket: sleep on a wait queue until an
     * event outside the model (data, a signal) makes the caller ready, {@code ps} later (a replayed
     * trace says how long it waited).
     */
    READY
  }

  /** Not a blocking call. */
  public static final Block NONE = new Block(Kind.NONE, 0, 0, -1, -1);

  /** Linux's errno when a futex wait finds the word changed. */
  public static final int EAGAIN = 11;

  /** Linux's errno when a futex wait's timeout expires. */
  public static final int ETIMEDOUT = 110;
}
