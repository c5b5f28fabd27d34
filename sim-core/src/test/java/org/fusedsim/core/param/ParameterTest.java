package org.fusedsim.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fusedsim.core.Time;
import org.junit.jupiter.api.Test;

class ParameterTest {
  private static final ComponentSpec SPEC =
      ComponentSpec.of(
          "demo",
          "sim-core",
          "a test component",
          Parameter.builder("lps", ParamType.INTEGER)
              .unit("processes")
              .defaultValue("8")
              .range("1", "1024")
              .source("test")
              .build(),
          Parameter.builder("hop", ParamType.TIME)
              .unit("ns")
              .defaultValue("40ns")
              .range("0ns", "1us")
              .source("test")
              .build(),
          Parameter.builder("mode", ParamType.CHOICE)
              .choices("a", "b")
              .defaultValue("a")
              .source("test")
              .build(),
          Parameter.builder("name", ParamType.TEXT).source("test").build());

  @Test
  void defaultsAndOverrides() {
    ParamValues v = ParamValues.builder(SPEC).set("hop", "50ns").set("name", "x").build();
    assertEquals(8, v.integer("lps"));
    assertEquals(Time.ns(50), v.time("hop"));
    assertEquals("a", v.text("mode"));
  }

  @Test
  void unknownKeyListsTheKnownOnes() {
    ParamException e =
        assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).set("lsp", 4L));
    assertTrue(e.getMessage().contains("unknown key 'lsp'"), e.getMessage());
    assertTrue(e.getMessage().contains("lps, hop, mode, name"), e.getMessage());
  }

  @Test
  void wrongType() {
    ParamException e =
        assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).set("lps", "many"));
    assertEquals("lps: expected integer, got 'many'", e.getMessage());
  }

  @Test
  void missingUnit() {
    ParamException e =
        assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).set("hop", 40L));
    assertTrue(e.getMessage().startsWith("hop: missing unit in '40'"), e.getMessage());
  }

  @Test
  void outOfRange() {
    ParamException e =
        assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).set("lps", 0L));
    assertEquals("lps: 0 is below the minimum 1", e.getMessage());
    e = assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).set("hop", "2us"));
    assertEquals("hop: 2us is above the maximum 1us", e.getMessage());
  }

  @Test
  void badChoiceAndMissingRequired() {
    assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).set("mode", "c"));
    ParamException e = assertThrows(ParamException.class, () -> ParamValues.builder(SPEC).build());
    assertEquals("missing required key 'name' in demo", e.getMessage());
  }

  @Test
  void invalidDeclarationsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Parameter.builder("BadName", ParamType.INTEGER).source("x").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> Parameter.builder("x", ParamType.INTEGER).defaultValue("1").build());
    assertThrows(
        ParamException.class,
        () ->
            Parameter.builder("x", ParamType.INTEGER)
                .defaultValue("5")
                .range("1", "4")
                .source("s")
                .build());
  }
}
