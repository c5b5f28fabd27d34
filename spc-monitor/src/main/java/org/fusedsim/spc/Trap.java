package org.fusedsim.spc;

/**
 * What the monitor saved into the context area for CL to read: a system call, or a non-syscall
 * exception (which CL reports and ends the job on).
 *
 * @param call the call, or null for an exception
 * @param exception the exception name, or empty for a call
 * @param timeline where the components stamp the call's progress
 */
public record Trap(Syscall call, String exception, Timeline timeline) {
  /** Returns whether this is a system call. */
  public boolean isSyscall() {
    return call != null;
  }
}
