package org.fusedsim.bgq.chip;

import java.util.Arrays;
import org.fusedsim.core.Simulation;

/**
 * One BG/Q compute chip: cores of SMT hardware threads executing {@link Work} cycle-approximately.
 *
 * <h2>Rate model</h2>
 *
 * All threads running on one core issue at the same rate {@code s} instructions per cycle, the
 * largest that respects the three issue limits: {@code s <= threadIssue}, {@code s * sum(1 - f) <=
 * integerIssue} and {@code s * sum(f) <= fpIssue}, the sums over the core's running threads with
 * floating-point share {@code f}. So two integer threads on one core each run at half speed, an
 * integer thread and a floating-point thread both run at full speed, and a thread on another core
 * changes nothing. The node's memory bandwidth is shared equally among the running threads that
 * move memory. A work unit's compute and memory parts overlap (a roofline): it takes the longer of
 * the two.
 *
 * <p>Whenever a thread starts, finishes or is suspended, every running thread's remaining work is
 * re-rated from that instant: its completed fraction is kept and the rest runs at the new rate.
 */
public final class Chip {
  private final Simulation sim;
  private final ChipParams params;
  private final CoreRole[] roles;
  private final HardwareThread[] threads;

  /** Creates the chip with every core {@link CoreRole#UNASSIGNED}. */
  public Chip(Simulation sim, ChipParams params) {
    this.sim = sim;
    this.params = params;
    roles = new CoreRole[params.cores()];
    Arrays.fill(roles, CoreRole.UNASSIGNED);
    threads = new HardwareThread[params.cores() * params.threadsPerCore()];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new HardwareThread(this, i / params.threadsPerCore(), i);
    }
  }

  Simulation sim() {
    return sim;
  }

  /** Returns the parameters. */
  public ChipParams params() {
    return params;
  }

  /** Assigns a role to a core. */
  public void assignRole(int core, CoreRole role) {
    roles[core] = role;
  }

  /** Returns a core's role. */
  public CoreRole role(int core) {
    return roles[core];
  }

  /** Returns hardware thread {@code index} of {@code core}. */
  public HardwareThread thread(int core, int index) {
    if (core < 0 || core >= params.cores() || index < 0 || index >= params.threadsPerCore()) {
      throw new IllegalArgumentException("no thread " + index + " on core " + core);
    }
    return threads[core * params.threadsPerCore() + index];
  }

  /** Returns the thread with chip-wide id {@code id} ({@code core * threadsPerCore + index}). */
  public HardwareThread thread(int id) {
    return threads[id];
  }

  /** Returns the number of hardware threads. */
  public int threadCount() {
    return threads.length;
  }

  /** Re-rates every running thread at the current time. */
  void rerate() {
    long now = sim.now();
    int memUsers = 0;
    for (HardwareThread t : threads) {
      t.advance(now);
      if (t.running() && t.usesMemory()) {
        memUsers++;
      }
    }
    int tpc = params.threadsPerCore();
    for (int c = 0; c < params.cores(); c++) {
      double intSum = 0;
      double fpSum = 0;
      for (int i = 0; i < tpc; i++) {
        HardwareThread t = threads[c * tpc + i];
        if (t.running()) {
          intSum += 1 - t.fpFraction();
          fpSum += t.fpFraction();
        }
      }
      double s = params.threadIssue();
      if (intSum > 0) {
        s = Math.min(s, params.integerIssue() / intSum);
      }
      if (fpSum > 0) {
        s = Math.min(s, params.fpIssue() / fpSum);
      }
      double memShare =
          memUsers == 0 ? 0 : params.memoryBandwidth().bytesPerSecond() / (double) memUsers;
      for (int i = 0; i < tpc; i++) {
        HardwareThread t = threads[c * tpc + i];
        if (t.running()) {
          t.setRates(s / params.cyclePs(), memShare / 1e12);
        }
      }
    }
  }
}
