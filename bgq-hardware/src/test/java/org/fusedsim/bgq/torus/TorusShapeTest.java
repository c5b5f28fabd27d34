package org.fusedsim.bgq.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorusShapeTest {
  @Test
  void presetsHaveTheDocumentedNodeCounts() {
    assertEquals(32, TorusShape.parse("nodeboard").nodeCount());
    assertEquals(512, TorusShape.parse("midplane").nodeCount());
    assertEquals(1024, TorusShape.parse("rack").nodeCount());
    assertEquals(49_152, TorusShape.parse("mira").nodeCount());
    assertEquals(98_304, TorusShape.parse("sequoia").nodeCount());
    assertEquals(TorusShape.of(4, 4, 4, 4, 2), TorusShape.parse(" 4x4x4x4x2 "));
  }

  @Test
  void midplaneDiameterIsNineHops() {
    // 4/2 in each of A-D plus 2/2 in E.
    assertEquals(2 + 2 + 2 + 2 + 1, TorusShape.parse("midplane").diameter());
  }

  @Test
  void eAboveTwoIsRejectedWithTheRule() {
    ShapeException e = assertThrows(ShapeException.class, () -> TorusShape.parse("4x4x4x4x4"));
    assertTrue(e.getMessage().contains("E <= 2"), e.getMessage());
  }

  @Test
  void zeroAndNegativeSizesAreRejected() {
    ShapeException zero = assertThrows(ShapeException.class, () -> TorusShape.parse("4x0x4x4x2"));
    assertTrue(zero.getMessage().contains("dimension B is 0"), zero.getMessage());
    ShapeException neg = assertThrows(ShapeException.class, () -> TorusShape.parse("-4x4x4x4x2"));
    assertTrue(neg.getMessage().contains("expected a size >= 1"), neg.getMessage());
  }

  @Test
  void garbageSaysWhatWasExpected() {
    for (String bad : new String[] {"", "4x4x4x4", "midplan", "4x4x4x4x2x1", "axbxcxdxe"}) {
      ShapeException e = assertThrows(ShapeException.class, () -> TorusShape.parse(bad));
      assertTrue(e.getMessage().contains("expected a shape AxBxCxDxE"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void subBlockMustDivideAndLosesWrapInCutDimensions() {
    TorusShape mid = TorusShape.parse("midplane");
    TorusShape sub = mid.subBlock("2x4x4x1x2");
    assertFalse(sub.isTorus(0));
    assertTrue(sub.isTorus(1));
    assertEquals("2x4x4x1x2:mesh=A", sub.toString());
    ShapeException e = assertThrows(ShapeException.class, () -> mid.subBlock("3x4x4x4x2"));
    assertTrue(e.getMessage().contains("does not divide"), e.getMessage());
    assertTrue(e.getMessage().contains("dimension A"), e.getMessage());
  }

  @Test
  void meshLettersAreChecked() {
    TorusShape m = TorusShape.parse("midplane").withMesh("ab");
    assertFalse(m.isTorus(0));
    assertFalse(m.isTorus(1));
    assertTrue(m.isTorus(2));
    assertThrows(ShapeException.class, () -> TorusShape.parse("midplane").withMesh("X"));
  }
}
