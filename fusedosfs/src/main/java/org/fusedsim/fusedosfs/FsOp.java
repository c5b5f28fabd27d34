package org.fusedsim.fusedosfs;

/** File operations the VFS routes to a file system. */
public enum FsOp {
  /** open/creat. */
  OPEN,
  /** close. */
  CLOSE,
  /** read/pread. */
  READ,
  /** write/pwrite. */
  WRITE,
  /** stat/fstat/lstat. */
  STAT,
  /** metadata changes: mkdir, unlink, rename, ... */
  META
}
