package org.fusedsim.scenarios.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusShape;
import org.junit.jupiter.api.Test;

/** SLURM-style block placement on the torus. */
class PlacementTest {
  private static final Torus MIDPLANE = new Torus(TorusShape.parse("4x4x4x4x2"));

  @Test
  void twoHalvesOfAMidplaneAreItsTwoRectangularHalves() {
    List<Placement> p = Placement.place(MIDPLANE, List.of(256, 256));
    assertEquals(0, p.get(0).first());
    assertEquals(256, p.get(1).first());
    assertEquals("2x4x4x4x2", p.get(0).shape().toString().replaceFirst(":.*", ""));
    assertEquals(256, p.get(1).shape().nodeCount());
  }

  @Test
  void aJobTakesTheLowestFreeBlockOfItsSizeAtAMultipleOfItsSize() {
    List<Placement> p = Placement.place(MIDPLANE, List.of(32, 64, 32));
    assertEquals(0, p.get(0).first());
    // the 64-node block cannot start at 32: the next multiple of 64 is free
    assertEquals(64, p.get(1).first());
    assertEquals(32, p.get(2).first());
  }

  @Test
  void aJobThatFitsNoBlockIsRejectedWithTheReason() {
    IllegalArgumentException shape =
        assertThrows(IllegalArgumentException.class, () -> Placement.place(MIDPLANE, List.of(48)));
    assertTrue(shape.getMessage().contains("no rectangular sub-block"), shape.getMessage());
    IllegalArgumentException full =
        assertThrows(
            IllegalArgumentException.class, () -> Placement.place(MIDPLANE, List.of(256, 512)));
    assertTrue(full.getMessage().startsWith("job 2 of 512 nodes"), full.getMessage());
    assertTrue(full.getMessage().contains("taken"), full.getMessage());
  }

  @Test
  void mpiDimsCreateFactorsAsEquallyAsItCan() {
    assertEquals(List.of(32, 16, 16), box(Motifs.dims(8192, 3)));
    assertEquals(List.of(2, 2, 2), box(Motifs.dims(8, 3)));
    assertEquals(List.of(4, 4), box(Motifs.dims(16, 2)));
    assertEquals(List.of(7, 1, 1), box(Motifs.dims(7, 3)));
  }

  private static List<Integer> box(int[] d) {
    return java.util.Arrays.stream(d).boxed().toList();
  }
}
