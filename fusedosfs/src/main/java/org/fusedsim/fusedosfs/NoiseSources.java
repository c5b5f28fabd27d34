package org.fusedsim.fusedosfs;

import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.core.Time;
import umontreal.ssj.probdist.ExponentialDist;
import umontreal.ssj.rng.RandomStream;

/**
 * Starts the noise sources of {@link NoiseParams} on a kernel. A daemon is a task allowed on the
 * given CPUs: its timer expires as an interrupt on the CPU it last ran on, wakes it, and it runs
 * its activation like any task (competing through the fair scheduler). Each source draws from its
 * own SSJ stream, so adding a source never changes another's draws.
 */
public final class NoiseSources {
  private final LinuxKernel kernel;
  private final Map<String, Long> activations = new TreeMap<>();
  private final Map<String, Long> busyPs = new TreeMap<>();
  private long until;

  /** Creates the sources' driver. */
  public NoiseSources(LinuxKernel kernel) {
    this.kernel = kernel;
  }

  /**
   * Starts every source, drawing from streams under {@code path}; no activation starts at or after
   * {@code until}, so the simulation can end.
   *
   * @param allowed the CPUs the sources may run on
   */
  public void start(NoiseParams p, RandomStreams streams, String path, int[] allowed, long until) {
    this.until = until;
    for (NoiseParams.Source s : p.sources()) {
      RandomStream rs = streams.stream(path + "/" + s.name(), "activations");
      activations.put(s.name(), 0L);
      busyPs.put(s.name(), 0L);
      int first = allowed[(int) (rs.nextDouble() * allowed.length)];
      Task t = kernel.spawn(s.name(), allowed);
      t.cpu = first;
      armDaemon(s, rs, t, allowed);
    }
  }

  /**
   * Injects noise as a kernel-level injector does: every {@code period} from {@code phase}, an
   * interrupt of {@code duration} on each of {@code cpus}.
   */
  public void inject(long period, long duration, long phase, int[] cpus) {
    activations.put("inject", 0L);
    busyPs.put("inject", 0L);
    long now = kernel.sim().now();
    long next = Math.floorDiv(now - phase, period) * period + period + phase;
    kernel.sim().schedule(next - now, () -> injectAll(period, duration, cpus));
  }

  private void injectAll(long period, long duration, int[] cpus) {
    for (int c : cpus) {
      activations.merge("inject", 1L, Long::sum);
      busyPs.merge("inject", duration, Long::sum);
      kernel.interrupt(c, "inject", () -> duration, () -> {});
    }
    kernel.sim().schedule(period, () -> injectAll(period, duration, cpus));
  }

  private long draw(RandomStream rs, long mean) {
    double rate = 1.0 / mean;
    return Math.max(1, Time.fromPicos(ExponentialDist.inverseF(rate, rs.nextDouble())));
  }

  private void armDaemon(NoiseParams.Source s, RandomStream rs, Task t, int[] allowed) {
    long delay = draw(rs, s.meanPeriodPs());
    if (kernel.sim().now() + delay >= until) {
      return;
    }
    long work = draw(rs, s.meanDurationPs());
    kernel
        .sim()
        .schedule(
            delay,
            () ->
                kernel.interrupt(
                    t.cpu(),
                    s.name(),
                    () -> kernel.params().wakeupPs(),
                    () ->
                        kernel.wake(
                            t,
                            t.cpu(),
                            () -> {
                              count(s, work);
                              kernel.run(
                                  t,
                                  work,
                                  () -> {
                                    kernel.block(t);
                                    armDaemon(s, rs, t, allowed);
                                  });
                            })));
  }

  private void count(NoiseParams.Source s, long work) {
    activations.merge(s.name(), 1L, Long::sum);
    busyPs.merge(s.name(), work, Long::sum);
  }

  /** Returns activations per source, by name. */
  public Map<String, Long> activations() {
    return activations;
  }

  /** Returns CPU time drawn per source, by name. */
  public Map<String, Long> busyPs() {
    return busyPs;
  }
}
