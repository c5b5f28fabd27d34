package org.fusedsim.bgq.chip;

import org.fusedsim.core.EventHandle;
import org.fusedsim.core.Time;

/**
 * One SMT hardware thread. It runs at most one {@link Work} at a time; the OS models use {@link
 * #run} for application compute and noise alike and {@link #suspend} to preempt. See {@link Chip}
 * for the rate model.
 */
public final class HardwareThread {
  private final Chip chip;
  private final int core;
  private final int id;
  private Work work;
  private Runnable onDone;
  private double remaining; // fraction of the work left, 1 -> 0
  private double progressPerPs;
  private long lastUpdate;
  private EventHandle completion;
  private long busyPs;

  HardwareThread(Chip chip, int core, int id) {
    this.chip = chip;
    this.core = core;
    this.id = id;
  }

  /** Returns the core this thread belongs to. */
  public int core() {
    return core;
  }

  /** Returns the chip-wide thread id. */
  public int id() {
    return id;
  }

  /** Returns whether the thread is running work. */
  public boolean running() {
    return work != null;
  }

  boolean usesMemory() {
    return work != null && work.memoryBytes() > 0;
  }

  double fpFraction() {
    return work.fpFraction();
  }

  /**
   * Starts {@code w} now; {@code onDone} runs when it completes.
   *
   * @throws IllegalStateException if the thread is already running work
   */
  public void run(Work w, Runnable onDone) {
    if (work != null) {
      throw new IllegalStateException("thread " + id + " on core " + core + " is busy");
    }
    this.work = w;
    this.onDone = onDone;
    this.remaining = 1.0;
    this.progressPerPs = 0;
    this.lastUpdate = chip.sim().now();
    chip.rerate();
  }

  /**
   * Stops the running work now and returns what is left of it (nothing if idle); the rest of the
   * chip is re-rated.
   */
  public Work suspend() {
    if (work == null) {
      return new Work(0, 0, 0);
    }
    chip.rerate();
    Work left =
        new Work(
            Math.round(work.instructions() * remaining),
            work.fpFraction(),
            Math.round(work.memoryBytes() * remaining));
    stop();
    chip.rerate();
    return left;
  }

  /** Returns the simulated time this thread has spent running work so far. */
  public long busyTime() {
    return busyPs + (work == null ? 0 : chip.sim().now() - lastUpdate);
  }

  /** Returns the current instruction rate in instructions per cycle (0 when idle). */
  public double instructionsPerCycle() {
    if (work == null || work.instructions() == 0) {
      return 0;
    }
    return progressPerPs * work.instructions() * chip.params().cyclePs();
  }

  void advance(long now) {
    if (work == null) {
      return;
    }
    long dt = now - lastUpdate;
    if (dt <= 0) {
      return;
    }
    remaining = Math.max(0, remaining - progressPerPs * dt);
    busyPs += dt;
    lastUpdate = now;
  }

  void setRates(double instrPerPs, double bytesPerPs) {
    double computePs = work.instructions() == 0 ? 0 : work.instructions() / instrPerPs;
    double memPs = work.memoryBytes() == 0 ? 0 : work.memoryBytes() / bytesPerPs;
    double fullPs = Math.max(computePs, memPs);
    if (completion != null) {
      completion.cancel();
    }
    if (fullPs == 0) {
      progressPerPs = Double.POSITIVE_INFINITY;
      completion = chip.sim().scheduleCancellable(0, this::finish);
      return;
    }
    progressPerPs = 1.0 / fullPs;
    long delay = Time.fromPicos(remaining * fullPs);
    completion = chip.sim().scheduleCancellable(delay, this::finish);
  }

  private void finish() {
    completion = null;
    advance(chip.sim().now());
    Runnable done = onDone;
    stop();
    chip.rerate();
    if (done != null) {
      done.run();
    }
  }

  private void stop() {
    if (completion != null) {
      completion.cancel();
      completion = null;
    }
    work = null;
    onDone = null;
    progressPerPs = 0;
  }
}
