package org.fusedsim.scenarios.phold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark is only meaningful if both engines execute the same event sequence; this checks
 * that (and that the hash is sensitive), not how fast either is.
 */
class PholdBenchTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1024, 70_000})
  void bothEnginesExecuteTheSameSequence(int lps) {
    PholdBench.Result r =
        new PholdBench(11).compare(new PholdParams(lps, 2, 1_000, 1_000_000, 150_000));
    assertTrue(r.hashMatch(), "fusedsim and SSJ diverged at lps=" + lps);
    assertEquals(150_000, r.events());
  }

  @ParameterizedTest
  @ValueSource(ints = {16})
  void hashDependsOnTheSequence(int lps) {
    long[] a = new long[1];
    long[] b = new long[1];
    new PholdBench(1).runFusedsim(new PholdParams(lps, 1, 1_000, 1_000_000, 1_000), a);
    new PholdBench(2).runFusedsim(new PholdParams(lps, 1, 1_000, 1_000_000, 1_000), b);
    assertNotEquals(a[0], b[0]);
  }
}
