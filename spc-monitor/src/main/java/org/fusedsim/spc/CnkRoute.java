package org.fusedsim.spc;

/** How CNK (BG/Q V1R2M1) serves a call (syscalls.md, column "CNK BG/Q V1R2M1"). */
public enum CnkRoute {
  /** Served in the CNK kernel on the calling thread. */
  LOCAL,
  /** Function-shipped to sysiod (or stdiod) on the IO node under the node-wide lock. */
  SHIP,
  /** Returns ENOSYS. */
  ENOSYS,
  /** Returns EINVAL. */
  EINVAL,
  /** Returns EPERM. */
  EPERM
}
