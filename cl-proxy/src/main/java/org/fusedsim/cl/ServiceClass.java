package org.fusedsim.cl;

/** Where a FusedOS call is served (syscalls.md section 7.1). */
public enum ServiceClass {
  /** In the SPC monitor: no IPI, no Linux. */
  SPC,
  /** In CL itself, from its own state and the mapped SPC memory. */
  CL,
  /** By a Linux call of the CL thread, not a file (futex, nanosleep, sockets, ...). */
  LNX,
  /** By the Linux VFS on a node-local file system or the descriptor table. */
  VFS,
  /** By the Linux VFS on the 9P mount of the IO node. */
  ION,
  /** Unsupported: an error is returned, or the job ends (released CL). */
  UNS,
  /** Not a BG/Q call at all (x86 start-up); an importer drops it. */
  DROP
}
