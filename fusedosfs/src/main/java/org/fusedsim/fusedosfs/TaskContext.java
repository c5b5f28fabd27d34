package org.fusedsim.fusedosfs;

/**
 * The task a file system works for while it serves one operation: the running task of a system
 * call, on its kernel. A file system that waits for the network computes in it and blocks it.
 *
 * @param kernel the kernel the task runs on
 * @param task the task, running when the operation begins
 */
public record TaskContext(LinuxKernel kernel, Task task) {}
