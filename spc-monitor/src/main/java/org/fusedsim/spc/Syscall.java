package org.fusedsim.spc;

/**
 * One system call as the application issues it.
 *
 * @param name the Linux name ({@code getpid}, {@code write})
 * @param fd the file descriptor for descriptor calls, -1 otherwise
 * @param path the path for path calls, empty otherwise
 * @param bytes the data size for read/write calls, 0 otherwise
 */
public record Syscall(String name, int fd, String path, long bytes) {
  /** A call without descriptor, path or data. */
  public static Syscall of(String name) {
    return new Syscall(name, -1, "", 0);
  }
}
