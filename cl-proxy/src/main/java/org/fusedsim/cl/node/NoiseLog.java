package org.fusedsim.cl.node;

import java.util.function.ObjLongConsumer;
import org.fusedsim.fusedosfs.NoiseParams;

/**
 * The recent noise on each core of a node: interrupts and daemon runs, by source, as the node's
 * Linux kernel reports them ({@link org.fusedsim.fusedosfs.LinuxKernel.Observer}). A thread shares
 * its core's issue slots, so what ran on a sibling hardware thread slowed it too. Each core keeps
 * its last {@value #DEPTH} entries, allocated when its first noise comes.
 */
public final class NoiseLog {
  static final int DEPTH = 32;
  private static final String[] SOURCES = sources();

  private final int threadsPerCore;
  private final long[][] starts;
  private final long[][] ends;
  private final byte[][] source;
  private final int[] count;

  /** A log for {@code cores} cores of {@code threadsPerCore} hardware threads. */
  public NoiseLog(int cores, int threadsPerCore) {
    this.threadsPerCore = threadsPerCore;
    this.starts = new long[cores][];
    this.ends = new long[cores][];
    this.source = new byte[cores][];
    this.count = new int[cores];
  }

  private static String[] sources() {
    String[] out = new String[NoiseParams.NAMES.size() + 2];
    for (int i = 0; i < NoiseParams.NAMES.size(); i++) {
      out[i] = NoiseParams.NAMES.get(i);
    }
    out[out.length - 2] = "ipi";
    out[out.length - 1] = "irq";
    return out;
  }

  private static int index(String name) {
    for (int i = 0; i < SOURCES.length; i++) {
      if (SOURCES[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Records {@code start .. end} on hardware thread {@code thread} if {@code name} is noise. */
  public void busy(int thread, long start, long end, String name) {
    int s = index(name);
    if (s < 0) {
      return; // an application task, or a kernel thread serving it
    }
    int core = thread / threadsPerCore;
    if (starts[core] == null) {
      starts[core] = new long[DEPTH];
      ends[core] = new long[DEPTH];
      source[core] = new byte[DEPTH];
    }
    int k = count[core]++ % DEPTH;
    starts[core][k] = start;
    ends[core][k] = end;
    source[core][k] = (byte) s;
  }

  /**
   * Gives {@code sink}, by source, how much of {@code from .. to} the noise on hardware thread
   * {@code thread}'s core took (overlapping entries of the last {@value #DEPTH} counted once each).
   */
  public void during(int thread, long from, long to, ObjLongConsumer<String> sink) {
    int core = thread / threadsPerCore;
    if (starts[core] == null) {
      return;
    }
    int n = Math.min(count[core], DEPTH);
    for (int k = 0; k < n; k++) {
      long a = Math.max(from, starts[core][k]);
      long b = Math.min(to, ends[core][k]);
      if (b > a) {
        sink.accept(SOURCES[source[core][k]], b - a);
      }
    }
  }
}
