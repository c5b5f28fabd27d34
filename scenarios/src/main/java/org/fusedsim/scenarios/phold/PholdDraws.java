package org.fusedsim.scenarios.phold;

import org.fusedsim.core.Time;
import umontreal.ssj.probdist.ExponentialDist;
import umontreal.ssj.rng.RandomStream;

/**
 * The random choices of PHOLD, shared by both engines of the benchmark so that they see the same
 * draws in the same order: first the target process, then the delay.
 */
final class PholdDraws {
  private final RandomStream stream;
  private final int lps;
  private final long lookahead;
  private final double ratePerPs;

  PholdDraws(RandomStream stream, PholdParams p) {
    this.stream = stream;
    this.lps = p.lps();
    this.lookahead = p.lookahead();
    this.ratePerPs = 1.0 / p.meanDelay();
  }

  int target() {
    return stream.nextInt(0, lps - 1);
  }

  /** Returns lookahead + Exp(mean) rounded to whole picoseconds. */
  long delay() {
    return lookahead + Time.fromPicos(ExponentialDist.inverseF(ratePerPs, stream.nextDouble()));
  }

  /** Mixes one executed event into a running hash of the event sequence. */
  static long mix(long hash, long time, int lp) {
    long h = (hash ^ time) * 0x9E3779B97F4A7C15L;
    h = (h ^ lp) * 0xC2B2AE3D27D4EB4FL;
    return h ^ (h >>> 29);
  }
}
