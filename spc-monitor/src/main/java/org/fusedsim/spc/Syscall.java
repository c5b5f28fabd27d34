package org.fusedsim.spc;

/**
 * One system call as the application issues it.
 *
 * @param name the Linux name ({@code getpid}, {@code write})
 * @param fd the file descriptor for descriptor calls, -1 otherwise
 * @param path the path for path calls, empty otherwise
 * @param bytes the data size for read/write calls, 0 otherwise
 * @param block what a blocking call (futex, nanosleep) asks of the kernel; {@link Block#NONE}
 *     otherwise
 */
public record Syscall(String name, int fd, String path, long bytes, Block block) {
  /** A call that does not block. */
  public Syscall(String name, int fd, String path, long bytes) {
    this(name, fd, path, bytes, Block.NONE);
  }

  /** A call without descriptor, path or data. */
  public static Syscall of(String name) {
    return new Syscall(name, -1, "", 0);
  }

  /** futex(FUTEX_WAIT) on {@code word}, with a timeout of {@code timeoutPs} (negative: none). */
  public static Syscall futexWait(long word, long timeoutPs) {
    return new Syscall("futex", -1, "", 0, new Block(Block.Kind.FUTEX_WAIT, word, 0, timeoutPs));
  }

  /** futex(FUTEX_WAKE) of up to {@code count} waiters of {@code word}. */
  public static Syscall futexWake(long word, int count) {
    return new Syscall("futex", -1, "", 0, new Block(Block.Kind.FUTEX_WAKE, word, count, -1));
  }

  /**
   * futex(FUTEX_WAIT) on {@code word} expecting it to hold {@code expected}: a word that holds
   * another value by the time the kernel looks returns EAGAIN at once.
   */
  public static Syscall futexWait(long word, long expected, long timeoutPs) {
    return new Syscall(
        "futex", -1, "", 0, new Block(Block.Kind.FUTEX_WAIT, word, 0, timeoutPs, expected));
  }

  /**
   * futex(FUTEX_WAKE) of up to {@code count} waiters of {@code word}, after the caller stored
   * {@code stored} into the word (the store is visible as the call is made).
   */
  public static Syscall futexWake(long word, int count, long stored) {
    return new Syscall(
        "futex", -1, "", 0, new Block(Block.Kind.FUTEX_WAKE, word, count, -1, stored));
  }

  /** nanosleep for {@code ps}. */
  public static Syscall nanosleep(long ps) {
    return new Syscall("nanosleep", -1, "", 0, new Block(Block.Kind.SLEEP, 0, 0, ps));
  }
}
