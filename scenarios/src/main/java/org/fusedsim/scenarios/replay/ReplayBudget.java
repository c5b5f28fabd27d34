package org.fusedsim.scenarios.replay;

import java.util.Locale;
import org.fusedsim.scenarios.load.InputException;
import org.fusedsim.scenarios.load.Location;

/**
 * What the traces of one replay may hold, so that a large or absurd trace is refused at its line
 * instead of exhausting the heap or overflowing the simulated clock.
 *
 * <p>Memory: every record is charged {@link #BYTES_PER_RECORD} bytes (its columns in {@link
 * LoadedTrace} take about 50), every distinct call name, path, call, futex word, descriptor and
 * thread a little more; the total may not exceed {@code maxRecords} records' worth plus 1 MiB. The
 * default budget is half the maximum heap at {@value #BYTES_PER_RECORD} bytes a record (about 49
 * million records at the 6 GiB default heap of a 24 GiB machine).
 *
 * <p>Time: the replay runs in picoseconds on a 64-bit clock. A trace's span (first start to last
 * end, plus sleeps longer than their recorded duration) times the CPU-speed factor may be at most
 * {@link #MAX_REPLAY_PS} ps, about 80 hours, which leaves the simulation a tenfold margin.
 */
public final class ReplayBudget {
  /** Bytes charged per record (its columns, the per-thread index, growth). */
  public static final int BYTES_PER_RECORD = 64;

  /** Bytes charged for each distinct thread, call, futex word or descriptor entry. */
  static final int BYTES_PER_ENTRY = 64;

  /** Bytes allowed beyond the records' for the distinct calls, threads and strings of any trace. */
  static final long SLACK = 1 << 20;

  /** The longest replay, ps: 2^58 (about 80 hours). */
  public static final long MAX_REPLAY_PS = 1L << 58;

  private final long maxRecords;
  private final double cpuSpeed;
  private long records;
  private long bytes;

  /**
   * Creates a budget.
   *
   * @param maxRecords the most records (and their memory's worth) the replay holds
   * @param cpuSpeed the replay's CPU-speed factor (think times are scaled by it)
   */
  public ReplayBudget(long maxRecords, double cpuSpeed) {
    if (maxRecords < 1 || maxRecords > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException(
          "must be in [1, " + (Integer.MAX_VALUE - 1) + "], found " + maxRecords);
    }
    this.maxRecords = maxRecords;
    this.cpuSpeed = cpuSpeed;
  }

  /** The default record budget: half the maximum heap at {@link #BYTES_PER_RECORD} each. */
  public static long defaultMaxRecords() {
    return Math.max(
        1,
        Math.min(Integer.MAX_VALUE - 1, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_RECORD));
  }

  /** The default budget at a CPU-speed factor of 1. */
  public static ReplayBudget defaults() {
    return new ReplayBudget(defaultMaxRecords(), 1.0);
  }

  /** Returns the record budget. */
  public long maxRecords() {
    return maxRecords;
  }

  /** Returns the longest span a trace may have at this budget's CPU-speed factor, ns. */
  public long maxSpanNs() {
    return (long) (MAX_REPLAY_PS / 1000 / Math.max(1.0, cpuSpeed));
  }

  /** Charges one record read from {@code file} at {@code line}. */
  void record(String file, int line) {
    if (++records > maxRecords) {
      throw new InputException(
          new Location(file, Math.max(1, line), 1),
          "trace exceeds " + maxRecords + " records, the replay's budget (--max-records)");
    }
    charge(BYTES_PER_RECORD, file, line);
  }

  /** Charges {@code n} more bytes for what the record at {@code line} adds. */
  void charge(long n, String file, int line) {
    bytes += n;
    if (bytes > maxRecords * BYTES_PER_RECORD + SLACK) {
      throw new InputException(
          new Location(file, Math.max(1, line), 1),
          String.format(
              Locale.ROOT,
              "trace exceeds the replay's memory budget of %d records (%d bytes at %d a record,"
                  + " plus 1 MiB; --max-records): its distinct paths, calls, threads and futex"
                  + " words take the rest",
              maxRecords,
              maxRecords * BYTES_PER_RECORD,
              BYTES_PER_RECORD));
    }
  }

  /** Charges a distinct string of {@code len} characters. */
  void string(int len, String file, int line) {
    charge(BYTES_PER_ENTRY + len, file, line);
  }

  /** Returns the CPU-speed factor. */
  double cpuSpeed() {
    return cpuSpeed;
  }
}
