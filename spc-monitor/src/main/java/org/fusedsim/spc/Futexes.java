package org.fusedsim.spc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel's futex wait queues: per word, the waiters in the order they blocked (Linux's hashed
 * wait queues, CNK's futex table). A wake releases the oldest waiters first.
 *
 * <p>The word's value is not modelled; what stands for it is the wake that came too early: a wake
 * that finds fewer waiters than it may release has changed the word for those that have not yet
 * waited, so each missing waiter leaves a token, and a later wait on the word takes one and returns
 * at once ({@code EAGAIN}, the word no longer holds the value the waiter expected). A barrier's
 * last arrival waking the others before one of them reached its wait is this case.
 *
 * @param <W> a waiter
 */
public final class Futexes<W> {
  private final Map<Long, ArrayDeque<W>> queues = new LinkedHashMap<>();
  private final Map<Long, Integer> tokens = new LinkedHashMap<>();
  private final Map<Long, Long> values = new LinkedHashMap<>();
  private long waits;
  private long wakes;
  private long changed;

  /** A user store of {@code value} into {@code word} (negative: no value, nothing stored). */
  public void store(long word, long value) {
    if (value >= 0) {
      values.put(word, value);
    }
  }

  /**
   * A wait on {@code word} expecting {@code expected} (negative: not known): returns false if the
   * word has changed (the caller returns EAGAIN), else queues {@code w} and returns true (the
   * caller blocks).
   */
  public boolean await(long word, long expected, W w) {
    if (expected >= 0) {
      waits++;
      if (values.getOrDefault(word, 0L) != expected) {
        changed++;
        return false;
      }
      queues.computeIfAbsent(word, k -> new ArrayDeque<>()).add(w);
      return true;
    }
    return await(word, w);
  }

  /**
   * A wait on {@code word} without a value: returns false if a wake came too early (a token is
   * taken; the caller returns EAGAIN), else queues {@code w} and returns true (the caller blocks).
   */
  public boolean await(long word, W w) {
    waits++;
    Integer t = tokens.get(word);
    if (t != null && t > 0) {
      if (t == 1) {
        tokens.remove(word);
      } else {
        tokens.put(word, t - 1);
      }
      changed++;
      return false;
    }
    queues.computeIfAbsent(word, k -> new ArrayDeque<>()).add(w);
    return true;
  }

  /**
   * A wake of up to {@code count} waiters of {@code word} by a caller that stored {@code stored}
   * (negative: not known, and missing waiters leave tokens); returns them, oldest first.
   */
  public List<W> wake(long word, int count, long stored) {
    if (stored >= 0) {
      wakes++;
      List<W> out = new ArrayList<>();
      ArrayDeque<W> q = queues.get(word);
      while (q != null && !q.isEmpty() && out.size() < count) {
        out.add(q.poll());
      }
      if (q != null && q.isEmpty()) {
        queues.remove(word);
      }
      return out;
    }
    return wake(word, count);
  }

  /** A wake of up to {@code count} waiters of {@code word}; returns them, oldest first. */
  public List<W> wake(long word, int count) {
    wakes++;
    List<W> out = new ArrayList<>();
    ArrayDeque<W> q = queues.get(word);
    while (q != null && !q.isEmpty() && out.size() < count) {
      out.add(q.poll());
    }
    if (q != null && q.isEmpty()) {
      queues.remove(word);
    }
    int missing = count - out.size();
    if (missing > 0) {
      tokens.merge(word, missing, Integer::sum);
    }
    return out;
  }

  /**
   * Takes {@code w} off the queue of {@code word} (its timeout expired); false if already woken.
   */
  public boolean cancel(long word, W w) {
    ArrayDeque<W> q = queues.get(word);
    if (q == null || !q.remove(w)) {
      return false;
    }
    if (q.isEmpty()) {
      queues.remove(word);
    }
    return true;
  }

  /** Returns the futex waits so far. */
  public long waits() {
    return waits;
  }

  /** Returns the futex wakes so far. */
  public long wakes() {
    return wakes;
  }

  /** Returns the waits that found the word changed and did not block. */
  public long changed() {
    return changed;
  }
}
