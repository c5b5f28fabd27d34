package org.fusedsim.core;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * A tracer that keeps no events but a fingerprint of their sequence: a SHA-256 over (time,
 * component path, kind, duration) of every event in the order components report them. Two runs with
 * the same fingerprint took the same modelled steps at the same times in the same order; a change
 * that only reorders same-time steps changes it, where the results alone may not.
 */
public final class FingerprintTracer implements Tracer {
  private final Hasher hasher = Hashing.sha256().newHasher();
  private long events;

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void record(TraceEvent e) {
    events++;
    hasher
        .putLong(e.time())
        .putString(e.component(), StandardCharsets.UTF_8)
        .putByte((byte) 0)
        .putString(e.kind(), StandardCharsets.UTF_8)
        .putByte((byte) 0)
        .putLong(e.durationPs());
  }

  /** Returns how many events were recorded. */
  public long events() {
    return events;
  }

  /**
   * Returns the fingerprint of the events recorded so far, as {@code events N sha256 HEX}. Call it
   * once, after the last event.
   */
  public String fingerprint() {
    return "events " + events + " sha256 " + hasher.hash();
  }
}
