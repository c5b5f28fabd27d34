package org.fusedsim.core;

import java.util.function.BooleanSupplier;

/**
 * The discrete-event kernel: simulated time and the pending-event set.
 *
 * <p>Events run in one total order: by time, then by priority (lower runs first), then by the order
 * in which they were scheduled. Scheduling into the past throws. A simulation is confined to one
 * thread; parallel replications use one {@code Simulation} each.
 *
 * <p>Two scheduling forms exist. {@link #schedule(long, Handler, long)} passes a {@code long}
 * argument to a long-lived handler and allocates nothing, for hot paths (a component that schedules
 * millions of events keeps one handler and encodes what happened in the argument). {@link
 * #schedule(long, Runnable)} takes a lambda, for everything else. Only {@link #scheduleCancellable}
 * returns a handle; cancellation is lazy (the entry stays queued and is skipped when reached), so
 * events that are never cancelled pay nothing for the feature.
 */
public final class Simulation {
  /** A hot-path event handler that receives the argument given when it was scheduled. */
  @FunctionalInterface
  public interface Handler {
    /** Runs the event. */
    void handle(long arg);
  }

  /** The lowest priority value, which runs first among events at the same time. */
  public static final int MIN_PRIORITY = -32_768;

  /** The highest priority value, which runs last among events at the same time. */
  public static final int MAX_PRIORITY = 32_767;

  /** The priority used when none is given. */
  public static final int DEFAULT_PRIORITY = 0;

  private static final int SEQ_BITS = 47;
  private static final long MAX_SEQ = (1L << SEQ_BITS) - 1;

  private final EventQueue queue;
  private final Tracer tracer;
  private long now;
  private long seq;
  private long processed;
  private int cancelledQueued;
  private boolean stopRequested;
  private boolean running;
  private Runnable progress;
  private long progressEvery = Long.MAX_VALUE;
  private long progressCountdown = Long.MAX_VALUE;
  private boolean exact;

  /** Creates a simulation at time 0 with tracing off. */
  public Simulation() {
    this(Tracer.OFF, 1024);
  }

  /**
   * Creates a simulation at time 0.
   *
   * @param tracer where typed trace events go ({@link Tracer#OFF} to discard them)
   * @param expectedPending a capacity hint for the pending-event set
   */
  public Simulation(Tracer tracer, int expectedPending) {
    this.tracer = tracer;
    this.queue = new EventQueue(expectedPending);
  }

  /**
   * Sets the exact mode: every component that folds several modelled steps into one event for speed
   * takes each step as an event of its own instead. Results must not depend on it (the catalog test
   * runs every scenario both ways); only event counts may. Off by default.
   */
  public void setExact(boolean on) {
    exact = on;
  }

  /** Returns whether components must take one event per modelled step ({@link #setExact}). */
  public boolean exact() {
    return exact;
  }

  /** Returns the current simulated time in picoseconds. */
  public long now() {
    return now;
  }

  /** Returns the number of events run so far (cancelled events are not counted). */
  public long eventCount() {
    return processed;
  }

  /** Returns the number of events scheduled and not yet run or cancelled. */
  public int pendingCount() {
    return queue.size() - cancelledQueued;
  }

  /**
   * Calls {@code observer} every {@code everyEvents} executed events, for progress reports. The
   * observer must not schedule events or change the model: it may only read {@link #now()} and
   * {@link #eventCount()}. Costs one decrement per event.
   */
  public void observeProgress(long everyEvents, Runnable observer) {
    if (everyEvents < 1) {
      throw new IllegalArgumentException("everyEvents must be >= 1");
    }
    this.progress = observer;
    this.progressEvery = everyEvents;
    this.progressCountdown = everyEvents;
  }

  /** Returns the tracer that components of this simulation report to. */
  public Tracer tracer() {
    return tracer;
  }

  /** Schedules {@code handler.handle(arg)} after {@code delay} picoseconds. */
  public void schedule(long delay, Handler handler, long arg) {
    enqueue(timeAfter(delay), DEFAULT_PRIORITY, handler, arg);
  }

  /** Schedules {@code handler.handle(arg)} after {@code delay} with a priority. */
  public void schedule(long delay, int priority, Handler handler, long arg) {
    enqueue(timeAfter(delay), priority, handler, arg);
  }

  /** Schedules {@code action} after {@code delay} picoseconds. */
  public void schedule(long delay, Runnable action) {
    enqueue(timeAfter(delay), DEFAULT_PRIORITY, action, 0L);
  }

  /** Schedules {@code action} after {@code delay} with a priority. */
  public void schedule(long delay, int priority, Runnable action) {
    enqueue(timeAfter(delay), priority, action, 0L);
  }

  /** Schedules {@code handler.handle(arg)} at absolute time {@code time}. */
  public void scheduleAt(long time, Handler handler, long arg) {
    enqueue(checkAt(time), DEFAULT_PRIORITY, handler, arg);
  }

  /** Schedules {@code action} at absolute time {@code time} with a priority. */
  public void scheduleAt(long time, int priority, Runnable action) {
    enqueue(checkAt(time), priority, action, 0L);
  }

  /** Schedules {@code action} at absolute time {@code time}. */
  public void scheduleAt(long time, Runnable action) {
    enqueue(checkAt(time), DEFAULT_PRIORITY, action, 0L);
  }

  /**
   * Schedules {@code action} after {@code delay} and returns a handle that can cancel it.
   *
   * @param delay picoseconds from now, {@code >= 0}
   * @param priority order among events at the same time
   */
  public EventHandle scheduleCancellable(long delay, int priority, Runnable action) {
    EventHandle h = new EventHandle(this, action);
    enqueue(timeAfter(delay), priority, h, 0L);
    return h;
  }

  /** Schedules a cancellable {@code action} after {@code delay} at the default priority. */
  public EventHandle scheduleCancellable(long delay, Runnable action) {
    return scheduleCancellable(delay, DEFAULT_PRIORITY, action);
  }

  /** Returns a reusable cancellable event that runs {@code action} (see {@link Timer}). */
  public Timer timer(Runnable action) {
    return new Timer(this, action);
  }

  void enqueueTimer(long delay, Timer timer, long arming) {
    enqueue(timeAfter(delay), DEFAULT_PRIORITY, timer, arming);
  }

  void noteCancelled() {
    cancelledQueued++;
  }

  private long timeAfter(long delay) {
    if (delay < 0) {
      throw new IllegalArgumentException(
          "cannot schedule into the past: delay " + delay + " ps at " + Time.format(now));
    }
    return Math.addExact(now, delay);
  }

  private long checkAt(long time) {
    if (time < now) {
      throw new IllegalArgumentException(
          "cannot schedule into the past: "
              + Time.format(time)
              + " is before now ("
              + Time.format(now)
              + ")");
    }
    return time;
  }

  private void enqueue(long time, int priority, Object handler, long arg) {
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority " + priority + " outside [" + MIN_PRIORITY + ", " + MAX_PRIORITY + "]");
    }
    if (handler == null) {
      throw new NullPointerException("handler");
    }
    long s = seq++;
    if (s > MAX_SEQ) {
      throw new IllegalStateException("more than 2^47 events scheduled");
    }
    queue.push(time, ((long) (priority - MIN_PRIORITY) << SEQ_BITS) | s, handler, arg);
  }

  /** Runs until no event is pending or {@link #stop()} is called. */
  public void run() {
    runUntil(Time.NEVER);
  }

  /**
   * Runs every event whose time is {@code <= limit}, then advances the clock to {@code limit}
   * (unless stopped earlier or the limit is {@link Time#NEVER}).
   */
  public void runUntil(long limit) {
    if (limit < now) {
      throw new IllegalArgumentException(
          "cannot run until " + Time.format(limit) + ": now is " + Time.format(now));
    }
    enter();
    try {
      EventQueue q = queue;
      while (!stopRequested && !q.isEmpty() && q.topTime() <= limit) {
        dispatchTop(q);
      }
      if (!stopRequested && limit != Time.NEVER) {
        now = limit;
      }
    } finally {
      running = false;
    }
  }

  /**
   * Runs events until {@code done} returns true (checked before each event), the queue empties, or
   * {@link #stop()} is called.
   */
  public void runUntil(BooleanSupplier done) {
    enter();
    try {
      EventQueue q = queue;
      while (!stopRequested && !q.isEmpty() && !done.getAsBoolean()) {
        dispatchTop(q);
      }
    } finally {
      running = false;
    }
  }

  /** Asks the running loop to return after the current event. */
  public void stop() {
    stopRequested = true;
  }

  /** Returns whether the last run ended because {@link #stop()} was called. */
  public boolean isStopped() {
    return stopRequested;
  }

  private void enter() {
    if (running) {
      throw new IllegalStateException("run called from inside an event");
    }
    running = true;
    stopRequested = false;
  }

  private void dispatchTop(EventQueue q) {
    if (--progressCountdown == 0) {
      progressCountdown = progressEvery;
      progress.run();
    }
    long t = q.topTime();
    Object h = q.topHandler();
    long a = q.topArg();
    q.removeTop();
    if (h instanceof Handler handler) {
      now = t;
      processed++;
      handler.handle(a);
    } else if (h instanceof Timer timer) {
      if (!timer.take(a)) {
        cancelledQueued--;
        return;
      }
      now = t;
      processed++;
      timer.run();
    } else if (h instanceof EventHandle handle) {
      if (handle.isCancelled()) {
        cancelledQueued--;
        return;
      }
      now = t;
      processed++;
      handle.fire();
    } else {
      now = t;
      processed++;
      ((Runnable) h).run();
    }
  }
}
