package org.fusedsim.spc;

/**
 * What the application sees after a call: the PPC Linux ABI converts a negative return into {@code
 * r3 = errno} with the summary-overflow bit set, as the monitor's resume path does.
 *
 * @param value the return value (meaningless when {@code errno != 0})
 * @param errno 0 on success
 */
public record SyscallResult(long value, int errno) {
  /** ENOSYS on PowerPC Linux. */
  public static final int ENOSYS = 38;

  /** Converts a raw kernel-style return (negative errno on failure). */
  public static SyscallResult fromRaw(long raw) {
    return raw < 0 && raw > -4096 ? new SyscallResult(-1, (int) -raw) : new SyscallResult(raw, 0);
  }
}
