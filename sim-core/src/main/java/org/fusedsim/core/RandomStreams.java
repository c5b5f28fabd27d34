package org.fusedsim.core;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;

/**
 * Derives independent, named random streams.
 *
 * <p>Each stream is an SSJ {@link MRG32k3a} whose six-word seed is taken from a SHA-256 digest of
 * (scenario seed, replication, component path, stream name). A stream therefore depends only on its
 * own name and the scenario seed: adding a component, creating streams in another order or on
 * another thread never changes the draws of an existing stream.
 *
 * <p>SSJ's {@code new MRG32k3a()} advances a hidden static seed and is not thread safe, so streams
 * are cloned from one prototype built during class initialisation and then reseeded; the
 * prototype's own state is never used.
 */
public final class RandomStreams {
  private static final long M1 = 4294967087L;
  private static final long M2 = 4294944443L;
  private static final MRG32k3a PROTOTYPE = newPrototype();

  private final long seed;
  private final int replication;

  /**
   * Creates the registry for one run.
   *
   * @param seed the scenario seed
   * @param replication the replication index, from 0
   */
  public RandomStreams(long seed, int replication) {
    if (replication < 0) {
      throw new IllegalArgumentException("replication must be >= 0");
    }
    this.seed = seed;
    this.replication = replication;
  }

  /** Returns the scenario seed. */
  public long seed() {
    return seed;
  }

  /** Returns the replication index. */
  public int replication() {
    return replication;
  }

  /**
   * Returns a new stream for a component path and a stream name. Asking twice for the same names
   * returns two streams that produce the same draws.
   */
  public RandomStream stream(String componentPath, String name) {
    MRG32k3a s = PROTOTYPE.clone();
    s.setSeed(seedFor(componentPath, name));
    return s;
  }

  long[] seedFor(String componentPath, String name) {
    Hasher h = Hashing.sha256().newHasher();
    h.putLong(seed).putInt(replication);
    putString(h, componentPath);
    putString(h, name);
    ByteBuffer digest = ByteBuffer.wrap(h.hash().asBytes());
    long[] s = new long[6];
    for (int i = 0; i < 6; i++) {
      long word = Integer.toUnsignedLong(digest.getInt(4 * i));
      s[i] = word % (i < 3 ? M1 : M2);
    }
    // MRG32k3a needs each half of the seed to be non-zero.
    if (s[0] == 0 && s[1] == 0 && s[2] == 0) {
      s[0] = 1;
    }
    if (s[3] == 0 && s[4] == 0 && s[5] == 0) {
      s[3] = 1;
    }
    return s;
  }

  private static void putString(Hasher h, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    h.putInt(b.length).putBytes(b);
  }

  @SuppressForbidden(reason = "the one place the SSJ default constructor runs, in class init")
  private static MRG32k3a newPrototype() {
    return new MRG32k3a();
  }
}
